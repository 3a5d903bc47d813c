/**
 * Check-in and check-out windows through `POST /api/attendance/`, with the
 * server's clock set to each edge (organisation time zone UTC), and the
 * attendance list's filters.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError, assertFieldError, listPhotoFiles } from '../helpers/assertions.js';
import { captureAt, createStaffMember, makeFrame, toBase64, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Monday 23 November 2026, early morning.
const ctx = useApiSuite(test, { now: '2026-11-23T06:00:00Z', timezone: 'UTC' });
let image: string;
test.before(async () => {
  image = toBase64(await makeFrame(320, 240));
});

const dayShift = [{ day: 'Monday', start: '09:00', end: '17:00' }];

const capture = (account: StaffAccount, instant: string) => captureAt(ctx, account, instant, image);

async function listAttendance(query = ''): Promise<Reply> {
  return ctx.client.get(`/api/attendance/${query}`, await ctx.auth(ctx.manager));
}

test('before the check-in window: 409 window_closed naming when the next window opens', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  const filesBefore = await listPhotoFiles(ctx.server.photoDir);
  const reply = await capture(asha, '2026-11-23T07:59:59Z');
  assertError(reply, 409, 'window_closed');
  assert.match(reply.body.error.message, /Monday 23 November at 08:00/);
  assert.match(reply.body.error.message, /check-in for the 09:00–17:00 shift/);
  assert.deepEqual((await listAttendance()).body, []);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), filesBefore);
});

test('the check-in window opens exactly an hour before the start', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  const reply = await capture(asha, '2026-11-23T08:00:00Z');
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.kind, 'check_in');
  assert.equal(reply.body.status, 'on_time');
  assert.equal(reply.body.timestamp, '2026-11-23T08:00:00.000Z');
  assert.equal(reply.body.date, '2026-11-23');
  assert.equal(reply.body.scheduled_start, '2026-11-23T09:00:00.000Z');
  assert.equal(reply.body.scheduled_end, '2026-11-23T17:00:00.000Z');
});

test('on time up to start + 5 minutes, late after, refused once the window closes', async () => {
  const shifts = dayShift;
  const [asha, ben, carol, dev] = [
    await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts }),
    await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts }),
    await createStaffMember(ctx.client, ctx.manager, 'carol', { shifts }),
    await createStaffMember(ctx.client, ctx.manager, 'dev', { shifts }),
  ];
  const onTime = await capture(asha, '2026-11-23T09:05:00Z');
  assert.equal(onTime.status, 201, onTime.text);
  assert.deepEqual([onTime.body.kind, onTime.body.status], ['check_in', 'on_time']);
  const late = await capture(ben, '2026-11-23T09:05:01Z');
  assert.equal(late.status, 201, late.text);
  assert.deepEqual([late.body.kind, late.body.status], ['check_in', 'late']);
  const lastMoment = await capture(carol, '2026-11-23T10:00:00Z');
  assert.deepEqual([lastMoment.status, lastMoment.body.status], [201, 'late']);
  const closed = await capture(dev, '2026-11-23T10:00:01Z');
  assertError(closed, 409, 'window_closed');
  assert.match(closed.body.error.message, /Monday 23 November at 16:00 \(check-out/);
});

test('a repeat inside the same window returns the first record, never a second row', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  const first = await capture(asha, '2026-11-23T08:50:00Z');
  assert.equal(first.status, 201, first.text);
  const filesAfterFirst = await listPhotoFiles(ctx.server.photoDir);

  ctx.server.clock.set('2026-11-23T09:20:00Z');
  const other = toBase64(await makeFrame(200, 100));
  const repeat = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: other }, await ctx.auth(asha));
  assert.equal(repeat.status, 200, repeat.text);
  assert.deepEqual(repeat.body, first.body);
  const list = await listAttendance();
  assert.equal(list.body.length, 1);
  assert.equal(list.body[0].id, first.body.id);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), filesAfterFirst);
});

test('a repeat with a frame that is not an image is refused, not answered with the earlier record', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  assert.equal((await capture(asha, '2026-11-23T08:55:00Z')).status, 201);
  ctx.server.clock.set('2026-11-23T08:56:00Z');
  const reply = await ctx.client.post(
    '/api/attendance/',
    { staff: asha.staffId, captured_image: Buffer.from('not a photo at all').toString('base64') },
    await ctx.auth(asha),
  );
  assertError(reply, 400, 'invalid_image');
  assert.equal((await listAttendance()).body.length, 1);
});

test('a deactivated staff member cannot check in, even with a token taken before: 401, nothing recorded', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  ctx.server.clock.set('2026-11-23T08:55:00Z');
  const held = await ctx.auth(asha);
  const deactivated = await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: false }, await ctx.auth(ctx.manager));
  assert.equal(deactivated.status, 200, deactivated.text);
  // The account is cut off as a whole now (DESIGN, Security rules), so the token itself is refused.
  const refused = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: image }, held);
  assertError(refused, 401, 'unauthorized');
  assert.match(refused.body.error.message, /deactivated/);
  assert.deepEqual((await listAttendance()).body, []);
});

test('two captures at the same moment make one row: one 201, and a 200 with the same record', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  ctx.server.clock.set('2026-11-23T08:45:00Z');
  const auth = await ctx.auth(asha);
  const images = [image, toBase64(await makeFrame(200, 100))];
  const replies = await Promise.all(images.map((captured_image) => ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image }, auth)));
  assert.deepEqual(replies.map((reply) => reply.status).sort(), [200, 201], replies.map((reply) => reply.text).join('\n'));
  assert.equal(replies[0]!.body.id, replies[1]!.body.id);
  assert.equal((await listAttendance()).body.length, 1);
});

test('the check-out window records a check-out: early before the end, on time after', async () => {
  const shifts = dayShift;
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts });
  assert.equal((await capture(asha, '2026-11-23T08:55:00Z')).status, 201);
  const early = await capture(asha, '2026-11-23T16:30:00Z');
  assert.equal(early.status, 201, early.text);
  assert.deepEqual([early.body.kind, early.body.status, early.body.date], ['check_out', 'early', '2026-11-23']);
  // Never checked in: the check-out is still recorded, at the window's last moment.
  const onTime = await capture(ben, '2026-11-23T18:00:00Z');
  assert.equal(onTime.status, 201, onTime.text);
  assert.deepEqual([onTime.body.kind, onTime.body.status], ['check_out', 'on_time']);
  const again = await capture(asha, '2026-11-23T17:30:00Z');
  assert.deepEqual([again.status, again.body.id], [200, early.body.id]);
  assert.equal((await listAttendance()).body.length, 3);
});

test('after every window: 409 naming next week’s window, or saying there is none', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: dayShift });
  const noShifts = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const filesBefore = await listPhotoFiles(ctx.server.photoDir);
  const after = await capture(asha, '2026-11-23T18:00:01Z');
  assertError(after, 409, 'window_closed');
  assert.match(after.body.error.message, /Monday 30 November at 08:00/);
  const none = await capture(noShifts, '2026-11-23T09:00:00Z');
  assertError(none, 409, 'window_closed');
  assert.match(none.body.error.message, /no shifts/i);
  assert.deepEqual((await listAttendance()).body, []);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), filesBefore);
});

test('an overnight shift (22:00–06:00) checks out the next morning against the same occurrence', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '22:00', end: '06:00' }] });
  const checkIn = await capture(asha, '2026-11-23T21:30:00Z');
  assert.equal(checkIn.status, 201, checkIn.text);
  assert.deepEqual([checkIn.body.kind, checkIn.body.status, checkIn.body.date], ['check_in', 'on_time', '2026-11-23']);
  assertError(await capture(asha, '2026-11-24T04:59:59Z'), 409, 'window_closed');
  const checkOut = await capture(asha, '2026-11-24T06:10:00Z');
  assert.equal(checkOut.status, 201, checkOut.text);
  assert.deepEqual([checkOut.body.kind, checkOut.body.status, checkOut.body.date], ['check_out', 'on_time', '2026-11-23']);
  assert.equal(checkOut.body.shift, checkIn.body.shift);
  assert.equal(checkOut.body.scheduled_end, '2026-11-24T06:00:00.000Z');
});

test('GET /api/attendance/ filters by staff, dates and instants, newest first', async () => {
  const weekdays = ['Monday', 'Tuesday', 'Wednesday'].map((day) => ({ day, start: '09:00', end: '17:00' }));
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: weekdays });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: weekdays });
  const made = {
    ashaMon: (await capture(asha, '2026-11-23T08:50:00Z')).body.id,
    benTue: (await capture(ben, '2026-11-24T09:00:00Z')).body.id,
    ashaTue: (await capture(asha, '2026-11-24T09:10:00Z')).body.id,
    ashaWed: (await capture(asha, '2026-11-25T08:55:00Z')).body.id,
  };
  const ids = async (query: string) => {
    const reply = await listAttendance(query);
    assert.equal(reply.status, 200, `${query}: ${reply.text}`);
    return reply.body.map((record: { id: number }) => record.id);
  };
  assert.deepEqual(await ids(''), [made.ashaWed, made.ashaTue, made.benTue, made.ashaMon]);
  assert.deepEqual(await ids(`?staff=${ben.staffId}`), [made.benTue]);
  assert.deepEqual(await ids(`?staff=${asha.staffId}`), [made.ashaWed, made.ashaTue, made.ashaMon]);
  // A date is the whole local day, at either end.
  assert.deepEqual(await ids('?from=2026-11-24'), [made.ashaWed, made.ashaTue, made.benTue]);
  assert.deepEqual(await ids('?to=2026-11-24'), [made.ashaTue, made.benTue, made.ashaMon]);
  assert.deepEqual(await ids('?from=2026-11-24&to=2026-11-24'), [made.ashaTue, made.benTue]);
  assert.deepEqual(await ids(`?staff=${asha.staffId}&from=2026-11-24&to=2026-11-24`), [made.ashaTue]);
  // Instants, with or without an offset.
  assert.deepEqual(await ids('?from=2026-11-24T09:05:00Z'), [made.ashaWed, made.ashaTue]);
  assert.deepEqual(await ids('?to=2026-11-24T09:05:00Z'), [made.benTue, made.ashaMon]);
  assert.deepEqual(await ids(`?from=${encodeURIComponent('2026-11-24T10:05:00+01:00')}&to=2026-11-25T00:00:00Z`), [made.ashaTue]);
  assert.deepEqual(await ids('?from=2026-12-01'), []);
});

test('GET /api/attendance/ refuses bad filters with 400', async () => {
  assertFieldError(await listAttendance('?from=2026-11-25&to=2026-11-24'), 'from');
  assertFieldError(await listAttendance('?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z'), 'from');
  assertFieldError(await listAttendance('?from=2026-11-24T10:00:00Z&to=2026-11-24T10:00:00Z'), 'from');
  for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '24/11/2026', '']) {
    assertFieldError(await listAttendance(`?from=${encodeURIComponent(bad)}`), 'from');
  }
  assertFieldError(await listAttendance('?to=soon'), 'to');
  assertFieldError(await listAttendance('?staff=abc'), 'staff');
  assertFieldError(await listAttendance('?limit=0'), 'limit');
});

test.run();
