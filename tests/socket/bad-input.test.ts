/**
 * Every kiosk event with bad payloads: missing fields, wrong types, images
 * that are not binary or not images, frames over the limits, unknown event
 * names, odd acknowledgement arguments and malformed packets. Each gets an
 * error ack or is ignored; the server keeps serving, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { test } from 'uvu';
import { listPhotoFiles } from '../helpers/assertions.js';
import { createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, closeSockets, connectKiosk, nextEvent, pairKiosk } from '../helpers/sockets.js';

// Monday: asha's check-in window is open.
const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC', kiosk: 'Front desk' });
let attempt: string;
let frame: Buffer;

test.before(async () => {
  frame = await makeFrame(320, 240);
});
test.before.each(async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  attempt = (await ask(ctx.kiosk, 'identify', { pin: '111111' })).attempt;
  assert.equal(typeof attempt, 'string');
});

const validCapture = () => ({ attempt, kind: 'check_in', image: frame, requestId: randomUUID() });

/** The server still answers HTTP and the kiosk; no attendance row, photo or request id was stored. */
async function assertServingAndNothingStored(): Promise<void> {
  assert.equal((await ctx.client.get('/api/auth/status')).status, 200);
  const rows = await ctx.client.get('/api/attendance/', ctx.managerAuth);
  assert.equal(rows.status, 200, rows.text);
  assert.deepEqual(rows.body, []);
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), []);
  const identified = await ask(ctx.kiosk, 'identify', { pin: '111111' });
  assert.equal(identified.ok, true, JSON.stringify(identified));
}

function assertErrorAck(reply: any, code: string, what: string): void {
  assert.equal(reply?.ok, false, `${what}: ${JSON.stringify(reply)?.slice(0, 200)}`);
  assert.equal(reply.error.code, code, `${what}: ${JSON.stringify(reply).slice(0, 200)}`);
  assert.ok(typeof reply.error.message === 'string' && reply.error.message.length > 0, `${what}: a message for a person`);
}

test('identify: missing or mistyped payloads answer invalid_request and do not count as wrong PINs', async () => {
  const payloads: [string, unknown[]][] = [
    ['no payload', []],
    ['null', [null]],
    ['empty object', [{}]],
    ['pin as a number', [{ pin: 111111 }]],
    ['pin null', [{ pin: null }]],
    ['pin as an array', [{ pin: ['111111'] }]],
    ['pin as an object', [{ pin: { toString: '111111' } }]],
    ['pin as binary', [{ pin: Buffer.from('111111') }]],
    ['a string', ['111111']],
    ['a number', [111111]],
    ['an array', [['111111']]],
  ];
  for (const [what, args] of payloads) assertErrorAck(await ask(ctx.kiosk, 'identify', ...args), 'invalid_request', what);
  const wrong = await ask(ctx.kiosk, 'identify', { pin: '999999' });
  assert.equal(wrong.error.attemptsLeft, 4, 'none of the above counted towards the lockout');
  // An extra argument before the ack does not lose the answer.
  assert.equal((await ask(ctx.kiosk, 'identify', { pin: '111111' }, 'extra')).ok, true);
  await assertServingAndNothingStored();
});

test('capture: missing fields and wrong types answer invalid_request', async () => {
  const base = validCapture();
  const without = (key: string) => Object.fromEntries(Object.entries(validCapture()).filter(([k]) => k !== key));
  const cases: [string, unknown[]][] = [
    ['no payload', []],
    ['null', [null]],
    ['a string', ['capture']],
    ['an array', [[base.attempt, 'check_in', frame, base.requestId]]],
    ['no attempt', [without('attempt')]],
    ['no kind', [without('kind')]],
    ['no requestId', [without('requestId')]],
    ['no image', [without('image')]],
    ['attempt as a number', [{ ...validCapture(), attempt: 42 }]],
    ['empty attempt', [{ ...validCapture(), attempt: '' }]],
    ['huge attempt', [{ ...validCapture(), attempt: 'x'.repeat(100_000) }]],
    ['unknown kind', [{ ...validCapture(), kind: 'lunch' }]],
    ['kind null', [{ ...validCapture(), kind: null }]],
    ['kind as a number', [{ ...validCapture(), kind: 1 }]],
    ['requestId as a number', [{ ...validCapture(), requestId: 42 }]],
    ['empty requestId', [{ ...validCapture(), requestId: '' }]],
    ['huge requestId', [{ ...validCapture(), requestId: 'r'.repeat(101) }]],
    ['requestId as an object', [{ ...validCapture(), requestId: { id: 1 } }]],
  ];
  for (const [what, args] of cases) assertErrorAck(await ask(ctx.kiosk, 'capture', ...args), 'invalid_request', what);
  await assertServingAndNothingStored();
});

test('capture: an image sent as text, a number, an object or an array answers invalid_image', async () => {
  const images: [string, unknown][] = [
    ['base64 text', frame.toString('base64')],
    ['a data: URL', `data:image/jpeg;base64,${frame.toString('base64')}`],
    ['a number', 42],
    ['an object', { data: [1, 2, 3] }],
    ['an array of bytes', [...frame.subarray(0, 64)]],
    ['true', true],
    ['null', null],
  ];
  for (const [what, image] of images) assertErrorAck(await ask(ctx.kiosk, 'capture', { ...validCapture(), image }), 'invalid_image', what);
  await assertServingAndNothingStored();
});

test('capture: bytes that are not a usable JPEG, PNG or WebP answer invalid_image', async () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).gif().toBuffer();
  const huge = await sharp({ create: { width: 6000, height: 5000, channels: 3, background: '#888' } }).png().toBuffer();
  const pngAsJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), await makeFrame(16, 16, 'png')]);
  const images: [string, Buffer][] = [
    ['random bytes', randomBytes(4096)],
    ['empty', Buffer.alloc(0)],
    ['a truncated JPEG', frame.subarray(0, Math.floor(frame.length / 2))],
    ['a JPEG signature and nothing else', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['a PNG signature with garbage', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)])],
    ['PNG bytes behind a JPEG signature', pngAsJpeg],
    ['SVG', svg],
    ['GIF', gif],
    [`a ${(huge.length / 1024).toFixed(0)} KB PNG of 30 megapixels`, huge],
  ];
  for (const [what, image] of images) assertErrorAck(await ask(ctx.kiosk, 'capture', { ...validCapture(), image }), 'invalid_image', what);
  // A genuine frame sent as a Uint8Array is fine (checked last, so nothing above was stored).
  const reply = await ask(ctx.kiosk, 'capture', { ...validCapture(), image: new Uint8Array(frame) });
  assert.equal(reply.ok, true, JSON.stringify(reply));
});

test('capture: a 6 MB frame answers payload_too_large and the connection stays up', async () => {
  const big = Buffer.concat([frame, randomBytes(6 * 1024 * 1024 - frame.length)]);
  const id = ctx.kiosk.id;
  let disconnected = false;
  ctx.kiosk.on('disconnect', () => (disconnected = true));
  const reply = await ask(ctx.kiosk, 'capture', { ...validCapture(), image: big });
  assertErrorAck(reply, 'payload_too_large', '6 MB frame');
  assert.match(reply.error.message, /5 MB/);
  assert.equal(disconnected, false);
  assert.equal(ctx.kiosk.connected, true);
  assert.equal(ctx.kiosk.id, id, 'the same connection, not a reconnect');
  await assertServingAndNothingStored();
});

test('a frame over the transport limit drops only that connection; the kiosk reconnects and the server keeps serving', async () => {
  const bystander = await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'Back office')).token);
  try {
    const dropped = nextEvent<string>(ctx.kiosk, 'disconnect');
    const reconnected = nextEvent(ctx.kiosk, 'connect');
    const lost = ask(ctx.kiosk, 'capture', { ...validCapture(), image: randomBytes(9 * 1024 * 1024) });
    assert.equal(await dropped, 'transport close');
    await assert.rejects(lost);
    await reconnected;
    assert.equal(bystander.connected, true);
    assert.equal((await ask(bystander, 'identify', { pin: '111111' })).ok, true);
    await assertServingAndNothingStored();
  } finally {
    closeSockets(bystander);
  }
});

test('unknown events: an error ack when one is asked for, otherwise ignored', async () => {
  const received: string[] = [];
  ctx.kiosk.onAny((event) => received.push(event));
  const unknown = await ask(ctx.kiosk, 'attendance:delete', { id: 1 });
  assertErrorAck(unknown, 'invalid_request', 'unknown event');
  assert.match(unknown.error.message, /attendance:delete/);
  const long = await ask(ctx.kiosk, 'x'.repeat(5000), {});
  assertErrorAck(long, 'invalid_request', 'a 5000-character event name');
  assert.ok(long.error.message.length < 200, 'the name is not echoed in full');
  assertErrorAck(await ask(ctx.kiosk, 'snapshot'), 'invalid_request', 'an admin event on /kiosk');

  ctx.kiosk.emit('reboot', { now: true });
  ctx.kiosk.emit('toString');
  ctx.kiosk.emit('__proto__', {});
  // Packets are handled in order: once this ack is back, the events above were handled and answered nothing.
  assert.equal((await ask(ctx.kiosk, 'identify', { pin: '111111' })).ok, true);
  assert.deepEqual(received, []);
  assert.equal(ctx.kiosk.connected, true);
  await assertServingAndNothingStored();
});

test('events with no ack or a non-function ack are handled without an answer or a crash', async () => {
  const received: string[] = [];
  ctx.kiosk.onAny((event) => received.push(event));
  ctx.kiosk.emit('capture', { ...validCapture(), image: randomBytes(100) }, 'not a function');
  ctx.kiosk.emit('capture', { ...validCapture(), image: 'text' });
  ctx.kiosk.emit('capture', null, 42);
  ctx.kiosk.emit('identify', null);
  ctx.kiosk.emit('identify', { pin: 42 }, { ack: true });
  // A valid capture with no ack is still done: the kiosk can fetch its result with the same requestId.
  const requestId = randomUUID();
  ctx.kiosk.emit('capture', { ...validCapture(), requestId });
  const retry = await ask(ctx.kiosk, 'capture', { ...validCapture(), requestId });
  assert.equal(retry.ok, true, JSON.stringify(retry));
  const rows = (await ctx.client.get('/api/attendance/', ctx.managerAuth)).body;
  assert.deepEqual(rows.map((r: any) => r.id), [retry.attendance.id]);
  assert.deepEqual(received, []);
  assert.equal(ctx.kiosk.connected, true);
});

test('a malformed Socket.IO packet ends only that connection', async () => {
  const bystander = await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'Back office')).token);
  try {
    const dropped = nextEvent<string>(ctx.kiosk, 'disconnect');
    const reconnected = nextEvent(ctx.kiosk, 'connect');
    ctx.kiosk.io.engine.write('42/kiosk,["identify",{"pin":'); // Cut-off JSON.
    assert.equal(await dropped, 'transport close'); // The server closed the transport.
    await reconnected;
    assert.equal(bystander.connected, true);
    await assertServingAndNothingStored();
  } finally {
    closeSockets(bystander);
  }
});

test.run();
