/**
 * Photos in `POST /api/attendance/`: the formats and encodings accepted, what
 * the stored photo looks like, and every kind of bad image refused with a 4xx
 * that changes nothing. Then generic bad input on any route: broken JSON,
 * wrong types, oversized bodies, unknown routes. Never a 500.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { test } from 'uvu';
import { assertError, assertFieldError, listPhotoFiles } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { captureAt, createStaffMember, makeFrame, toBase64, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Monday: the 09:00 shift's check-in window is open.
const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
let asha: StaffAccount;
let frame: Buffer;

test.before(async () => {
  frame = await makeFrame(640, 480);
});
test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
});

function capture(account: StaffAccount, captured_image: string): Promise<Reply> {
  return ctx.client.post('/api/attendance/', { staff: account.staffId, captured_image }, { token: account.token });
}

async function storedPhoto(reply: Reply): Promise<Buffer> {
  assert.equal(reply.status, 201, reply.text);
  const photo = await fetch(`${ctx.server.url}${reply.body.captured_image}`, { headers: { Authorization: `Bearer ${ctx.manager.token}` } });
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/webp');
  return Buffer.from(await photo.arrayBuffer());
}

/** Posts the bytes with only the headers given: fetch adds no Content-Type to a byte body. */
async function postBytes(path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${ctx.server.url}${path}`, { method: 'POST', headers, body: new TextEncoder().encode(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

test('JPEG, PNG and WebP are accepted, as plain base64, wrapped base64 or a data: URL', async () => {
  const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
  const people = [asha];
  for (const name of ['ben', 'carol', 'dev']) people.push(await createStaffMember(ctx.client, ctx.manager, name, { shifts }));
  const images = [
    toBase64(frame, true, 'image/jpeg'),
    toBase64(await makeFrame(640, 480, 'png')),
    toBase64(await makeFrame(640, 480, 'webp'), true, 'image/webp'),
    frame.toString('base64').replace(/.{76}/g, '$&\r\n'),
  ];
  for (const [index, image] of images.entries()) {
    const photo = await sharp(await storedPhoto(await capture(people[index]!, image))).metadata();
    assert.deepEqual([photo.format, photo.width, photo.height], ['webp', 640, 480], `image ${index}`);
  }
});

test('the stored photo is WebP, at most 640 px wide, with its metadata stripped', async () => {
  const withExif = await sharp(await makeFrame(1280, 960))
    .withExif({ IFD0: { Make: 'Rollcall Test Camera', Model: 'Secret Model' } })
    .jpeg()
    .toBuffer();
  assert.ok((await sharp(withExif).metadata()).exif, 'the input carries EXIF');
  const stored = await storedPhoto(await capture(asha, toBase64(withExif)));
  const photo = await sharp(stored).metadata();
  assert.deepEqual([photo.format, photo.width, photo.height], ['webp', 640, 480]);
  assert.equal(photo.exif, undefined);
  assert.equal(photo.xmp, undefined);
  assert.doesNotMatch(stored.toString('latin1'), /Rollcall Test Camera|Secret Model/);
  // Small frames are not enlarged.
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const small = await sharp(await storedPhoto(await capture(ben, toBase64(await makeFrame(320, 200))))).metadata();
  assert.deepEqual([small.width, small.height], [320, 200]);
});

test('an EXIF-rotated JPEG is stored upright (width and height swapped)', async () => {
  const sideways = await sharp(await makeFrame(320, 240)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  assert.equal((await sharp(sideways).metadata()).orientation, 6);
  const photo = await sharp(await storedPhoto(await capture(asha, toBase64(sideways)))).metadata();
  assert.deepEqual([photo.width, photo.height], [240, 320]);
  assert.ok(photo.orientation === undefined || photo.orientation === 1);
});

test('bad images are refused with a 4xx and change nothing', async () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="red"/></svg>');
  const gif = await sharp(await makeFrame(64, 64)).gif().toBuffer();
  const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#336699' } }).png().toBuffer();
  assert.ok(bomb.byteLength < 1024 * 1024, 'the bomb is a small file');
  const tooBig = Buffer.concat([frame, Buffer.alloc(5 * 1024 * 1024 + 1 - frame.byteLength, 1)]);
  const cases: [string, string, number, string][] = [
    ['text that is not an image', Buffer.from('hello, this is not a photo').toString('base64'), 400, 'invalid_image'],
    ['invalid base64', '!!!not base64 at all!!!', 400, 'invalid_image'],
    ['a data: URL with invalid base64', 'data:image/jpeg;base64,@@@@', 400, 'invalid_image'],
    ['an empty data: URL', 'data:image/jpeg;base64,', 400, 'invalid_image'],
    ['a truncated JPEG', toBase64(frame.subarray(0, Math.floor(frame.byteLength / 2))), 400, 'invalid_image'],
    ['a JPEG signature and noise', toBase64(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)])), 400, 'invalid_image'],
    ['an SVG', toBase64(svg, true, 'image/svg+xml'), 400, 'invalid_image'],
    ['a GIF', toBase64(gif), 400, 'invalid_image'],
    ['a 36-megapixel PNG', toBase64(bomb), 400, 'invalid_image'],
    ['a photo over 5 MB', toBase64(tooBig), 413, 'payload_too_large'],
  ];
  const filesBefore = await listPhotoFiles(ctx.server.photoDir);
  for (const [what, image, status, code] of cases) {
    const reply = await capture(asha, image);
    assertError(reply, status, code);
    assert.ok(reply.body.error.fields?.captured_image?.length, `${what}: names the field`);
  }
  assert.deepEqual((await ctx.client.get('/api/attendance/', { token: ctx.manager.token })).body, []);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), filesBefore);
  // The window was open all along: a good photo now is the first record.
  assert.equal((await capture(asha, toBase64(frame))).status, 201);
});

test('a bad image is refused even from someone already checked in, or outside every window: the photo is decoded first', async () => {
  const first = await capture(asha, toBase64(frame));
  assert.equal(first.status, 201, first.text);
  const filesBefore = await listPhotoFiles(ctx.server.photoDir);
  const truncated = toBase64(frame.subarray(0, Math.floor(frame.byteLength / 2)));
  const noise = toBase64(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]));
  for (const [what, image] of [['a truncated JPEG', truncated], ['a JPEG signature and noise', noise]]) {
    // The same window is still open: a good frame here would answer 200 with the first record.
    const reply = await capture(asha, image!);
    assertError(reply, 400, 'invalid_image');
    assert.ok(reply.body.error.fields?.captured_image?.length, `${what}: names the field`);
  }
  const repeat = await capture(asha, toBase64(frame));
  assert.equal(repeat.status, 200, repeat.text);
  assert.equal(repeat.body.id, first.body.id);
  // Between the windows (after check-in closed at 10:00, before check-out opens at 16:00) it is a 400 too, not window_closed.
  assertError(await captureAt(ctx, asha, '2026-11-23T12:00:00Z', truncated), 400, 'invalid_image');
  assertError(await captureAt(ctx, asha, '2026-11-23T12:00:00Z', toBase64(frame)), 409, 'window_closed');
  assert.deepEqual((await ctx.client.get('/api/attendance/', await ctx.auth(ctx.manager))).body.map((row: any) => row.id), [first.body.id]);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), filesBefore);
});

test('a request body far over the photo limit is refused before it is read', async () => {
  const huge = 'A'.repeat(12 * 1024 * 1024);
  assertError(await capture(asha, huge), 413, 'payload_too_large');
  assert.deepEqual((await ctx.client.get('/api/attendance/', { token: ctx.manager.token })).body, []);
});

test('malformed JSON, non-object bodies and empty bodies are 400 invalid_json', async () => {
  const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${ctx.manager.token}` };
  for (const body of ['{"user": 1,', '{user: 1}', "{'user': 1}", '[{"user": 1}]', '[]', 'null', '42', '"text"', '', '   ']) {
    for (const path of ['/api/staff/', '/api/shifts/', '/api/register/', '/api/token/']) {
      assertError(await postBytes(path, body, json), 400, 'invalid_json');
    }
  }
  assertError(await postBytes('/api/attendance/', '{"staff": 1, "captured_image": ', { ...json, Authorization: `Bearer ${asha.token}` }), 400, 'invalid_json');
  assert.deepEqual((await ctx.client.get('/api/staff/', { token: ctx.manager.token })).body.length, 1);
});

test('wrong types are 400 with the field named', async () => {
  const auth = { token: ctx.manager.token };
  assertFieldError(await ctx.client.post('/api/staff/', { user: true, weekly_off_days: 'Sunday' }, auth), 'user');
  assertFieldError(await ctx.client.post('/api/staff/', { user: 'abc', weekly_off_days: 'Sunday' }, auth), 'user');
  assertFieldError(await ctx.client.post('/api/staff/', { user: 1.5, weekly_off_days: 'Sunday' }, auth), 'user');
  assertFieldError(await ctx.client.post('/api/staff/', { user: -1, weekly_off_days: 'Sunday' }, auth), 'user');
  assertFieldError(await ctx.client.post('/api/staff/', { weekly_off_days: 'Sunday' }, auth), 'user');
  assertFieldError(await ctx.client.post('/api/shifts/', { staff: 'abc', day_of_week: 'Tuesday', shift_start: '09:00', shift_end: '17:00' }, auth), 'staff');
  assertFieldError(await ctx.client.post('/api/shifts/', { staff: asha.staffId, day_of_week: 3, shift_start: '09:00', shift_end: '17:00' }, auth), 'day_of_week');
  assertFieldError(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: 'yes' }, auth), 'active');
  assertFieldError(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { name: '   ' }, auth), 'name');
  assertFieldError(await ctx.client.post('/api/token/', { username: 5, password: 'x' }), 'username');
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve', password: ['x'], role: 'Employee' }, auth), 'password');
  const mine = { token: asha.token };
  assertFieldError(await ctx.client.post('/api/attendance/', { staff: 'abc', captured_image: toBase64(frame) }, mine), 'staff');
  assertFieldError(await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: 123 }, mine), 'captured_image');
  assertFieldError(await ctx.client.post('/api/attendance/', { staff: asha.staffId }, mine), 'captured_image');
  // A digit string is an id, as the original API's clients send it.
  const digits = await ctx.client.post('/api/attendance/', { staff: String(asha.staffId), captured_image: toBase64(frame) }, mine);
  assert.equal(digits.status, 201, digits.text);
});

test('a body over 64 KB on an ordinary route is 413 and creates nothing', async () => {
  const user = await ctx.client.post('/api/register/', { username: 'ben', password: 'Ben-Passw0rd', role: 'Employee' }, { token: ctx.manager.token });
  const reply = await ctx.client.post('/api/staff/', { user: user.body.id, weekly_off_days: 'Sunday', name: 'x'.repeat(70 * 1024) }, { token: ctx.manager.token });
  assertError(reply, 413, 'payload_too_large');
  assertError(await ctx.client.post('/api/token/', { username: 'ben', password: 'p'.repeat(70 * 1024) }), 413, 'payload_too_large');
  assert.equal((await ctx.client.get('/api/staff/', { token: ctx.manager.token })).body.length, 1);
});

test('unknown /api routes are a 404 in the JSON envelope', async () => {
  const auth = { token: ctx.manager.token };
  assertError(await ctx.client.get('/api/nothing-here', auth), 404, 'not_found');
  assertError(await ctx.client.get('/api/nothing-here'), 404, 'not_found');
  assertError(await ctx.client.post('/api/staff/1/extra', {}, auth), 404, 'not_found');
  assertError(await ctx.client.delete(`/api/staff/${asha.staffId}/`, auth), 404, 'not_found');
  assertError(await ctx.client.request('PUT', '/api/shifts/', {}, auth), 404, 'not_found');
});

test('JSON without a Content-Type still works, and the trailing slash is optional', async () => {
  const tokens = await postBytes('/api/token/', JSON.stringify({ username: ctx.manager.username, password: ctx.manager.password }));
  assert.equal(tokens.status, 200, tokens.text);
  const plain = await postBytes('/api/token/', JSON.stringify({ username: ctx.manager.username, password: ctx.manager.password }), { 'Content-Type': 'text/plain' });
  assert.equal(plain.status, 200, plain.text);
  const staff = await ctx.client.get('/api/staff', { token: tokens.body.access });
  assert.equal(staff.status, 200, staff.text);
  const [shift] = (await ctx.client.get('/api/shifts', { token: asha.token })).body;
  assert.equal((await ctx.client.get(`/api/shifts/${shift.id}`, { token: asha.token })).status, 200);
});

test('odd encodings and headers are 4xx, never a 500', async () => {
  const replies = [
    await ctx.client.get('/api/staff/%E0%A4%A/', { token: ctx.manager.token }),
    await ctx.client.get('/api/photos/%ZZ', { token: ctx.manager.token }),
    await ctx.client.get('/api/attendance/?from=%ZZ', { token: ctx.manager.token }),
    await ctx.client.get('/api/me/', { cookie: 'rollcall_session=%ZZ%' }),
    await ctx.client.request('GET', '/api/me/', undefined, {}, { Authorization: 'Bearer' }),
    await ctx.client.request('GET', '/api/me/', undefined, {}, { Authorization: 'Basic bWFuYWdlcjpwYXNz' }),
    await ctx.client.request('GET', '/api/me/', undefined, {}, { Authorization: 'Bearer a.b.c' }),
  ];
  for (const reply of replies) {
    assert.ok(reply.status >= 400 && reply.status < 500, `${reply.status}: ${reply.text}`);
    assertError(reply, reply.status);
  }
});

test.run();
