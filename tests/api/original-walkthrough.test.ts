/**
 * The original README's walkthrough, step by step, with its own bodies:
 * register → token → staff → shifts → attendance → list.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import sharp from 'sharp';
import { useApiSuite } from '../helpers/api-suite.js';
import { makeFrame, toBase64 } from '../helpers/fixtures.js';

// Monday 23 November 2026, 08:55 in UTC; a fresh install: the walkthrough registers the first manager.
const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC', manager: false });

test('the README walkthrough works end to end with the original bodies', async () => {
  const register = await ctx.client.post('/api/register/', { username: 'saransh_vsi', password: 'Saransh@12', role: 'Manager' });
  assert.equal(register.status, 201, register.text);
  assert.deepEqual(register.body, { id: 1, username: 'saransh_vsi', role: 'Manager' });

  const tokens = await ctx.client.post('/api/token/', { username: 'saransh_vsi', password: 'Saransh@12' });
  assert.equal(tokens.status, 200);
  assert.equal(typeof tokens.body.access, 'string');
  assert.equal(typeof tokens.body.refresh, 'string');
  const manager = { token: tokens.body.access as string };

  const employee = await ctx.client.post('/api/register/', { username: 'asha', password: 'Asha@2026', role: 'Employee' }, manager);
  assert.equal(employee.status, 201, employee.text);
  assert.equal(employee.body.role, 'Employee');

  const staff = await ctx.client.post('/api/staff/', { user: employee.body.id, weekly_off_days: 'Saturday,Sunday' }, manager);
  assert.equal(staff.status, 201, staff.text);
  assert.equal(typeof staff.body.id, 'number');
  assert.equal(staff.body.user, employee.body.id);
  assert.equal(staff.body.weekly_off_days, 'Saturday,Sunday');

  const shift = await ctx.client.post(
    '/api/shifts/',
    { staff: staff.body.id, day_of_week: 'Monday', shift_start: '09:00:00', shift_end: '17:00:00' },
    manager,
  );
  assert.equal(shift.status, 201, shift.text);
  assert.equal(typeof shift.body.id, 'number');
  assert.equal(shift.body.day_of_week, 'Monday');
  assert.equal(shift.body.shift_start, '09:00:00');
  assert.equal(shift.body.shift_end, '17:00:00');

  const staffTokens = await ctx.client.post('/api/token/', { username: 'asha', password: 'Asha@2026' });
  const asha = { token: staffTokens.body.access as string };
  const frame = await makeFrame();
  const attendance = await ctx.client.post('/api/attendance/', { staff: staff.body.id, captured_image: toBase64(frame) }, asha);
  assert.equal(attendance.status, 201, attendance.text);
  assert.equal(attendance.body.staff, staff.body.id);
  assert.equal(attendance.body.kind, 'check_in');
  assert.equal(attendance.body.status, 'on_time');
  assert.equal(attendance.body.timestamp, '2026-11-23T08:55:00.000Z');
  assert.match(attendance.body.captured_image, /^\/api\/photos\/[0-9a-f]{64}$/);

  const photo = await fetch(`${ctx.server.url}${attendance.body.captured_image}`, { headers: { Authorization: `Bearer ${asha.token}` } });
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/webp');
  const stored = Buffer.from(await photo.arrayBuffer());
  const metadata = await sharp(stored).metadata();
  assert.equal(metadata.format, 'webp');
  assert.equal(metadata.width, 640);
  assert.equal(metadata.height, 360);
  assert.equal(metadata.exif, undefined);

  const list = await ctx.client.get('/api/attendance/', manager);
  assert.equal(list.status, 200);
  assert.equal(list.body.length, 1);
  assert.deepEqual(
    { id: list.body[0].id, staff: list.body[0].staff, timestamp: list.body[0].timestamp, captured_image: list.body[0].captured_image },
    { id: attendance.body.id, staff: staff.body.id, timestamp: attendance.body.timestamp, captured_image: attendance.body.captured_image },
  );
});

test.run();
