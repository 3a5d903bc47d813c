/**
 * `capture_offline`: punches a kiosk took while it could not reach the
 * server, sealed with the kiosk app's own module (kiosk/offline-sealing.js,
 * WebCrypto in Node as in the browser), sent once it is back. Organisation
 * time zone UTC; Monday 23 November 2026, asha works 09:00–17:00. The kiosk
 * is last seen at 08:40, takes punches while offline and is back at 09:02.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'uvu';
import { sealPunch } from '../../kiosk/offline-sealing.js';
import { eventually } from '../helpers/assertions.js';
import { attendanceRows, createStaffMember, makeFrame, type StaffAccount, storedAlerts } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, closeSockets, connectKiosk, connectManager, kioskSocket, nextEvent, nextEventWhere, pairKiosk, refusal, type Socket } from '../helpers/sockets.js';

const at = (time: string) => `2026-11-23T${time}Z`;
const ctx = useSocketSuite(test, { now: at('08:40:00'), timezone: 'UTC' });

let asha: StaffAccount;
let frame: Buffer;
let kiosk: { kioskId: number; token: string; publicKey: string };

test.before(async () => {
  frame = await makeFrame(1280, 720);
});

/** Paired and connected at 08:40, gone at once, back at 09:02: the gap is 08:40–09:02. */
test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  kiosk = (await pairKiosk(ctx.client, ctx.managerAuth, 'Front desk')) as typeof kiosk;
  await connectAndLeave();
  ctx.server.clock.set(at('09:02:00'));
});

/** The kiosk's last contact is now: it connects, and leaves before the clock moves on. */
async function connectAndLeave(): Promise<void> {
  (await connectKiosk(ctx.server.url, kiosk.token)).close();
  await eventually(async () => (await ctx.client.get('/api/kiosks/', ctx.managerAuth)).body.find((k: any) => k.id === kiosk.kioskId), (k) => k.online === false);
  await ctx.server.deps.background.settled();
}

async function backOnline(): Promise<Socket> {
  return ctx.track(connectKiosk(ctx.server.url, kiosk.token));
}

/** What the kiosk app sends: sealed to `publicKey`, its clock `skewMs` off the server's. */
async function sealed(options: { pin?: string; takenAt?: string; requestId?: string; publicKey?: string; skewMs?: number } = {}) {
  const skew = options.skewMs ?? 0;
  const takenAt = new Date(Date.parse(options.takenAt ?? at('08:57:00')) + skew).toISOString();
  const box = await sealPunch(options.publicKey ?? kiosk.publicKey, { pin: options.pin ?? '111111', takenAt, requestId: options.requestId ?? randomUUID() }, frame);
  return { ...box, sentAt: new Date(ctx.server.clock.now().getTime() + skew).toISOString() };
}

const alertsOfType = (type: string) => storedAlerts(ctx, type);

test('the key comes with the pairing and again on every connect', async () => {
  assert.match(kiosk.publicKey, /^[A-Za-z0-9+/]{86}[A-Za-z0-9+/=]{2}$/, 'base64 of a 65-byte P-256 point');
  const socket = kioskSocket(ctx.server.url, kiosk.token);
  const key = nextEvent(socket, 'kiosk:key');
  socket.connect();
  await ctx.track(new Promise<Socket>((resolve) => socket.once('connect', () => resolve(socket))));
  assert.deepEqual(await key, { publicKey: kiosk.publicKey });
});

test('a punch taken offline is recorded at the time it was taken, as kiosk_offline, and managers see it live', async () => {
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  const socket = await backOnline();
  const created = nextEvent(manager.socket, 'attendance:created');
  const reply = await ask(socket, 'capture_offline', await sealed());
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.attendance.timestamp, '2026-11-23T08:57:00.000Z');
  assert.equal(reply.attendance.kind, 'check_in');
  assert.equal(reply.attendance.status, 'on_time');
  const event = await created;
  assert.equal(event.id, reply.attendance.id);
  assert.equal(event.occurrence.state, 'checked_in');
  const [row] = await attendanceRows(ctx, 1);
  assert.equal(row.source, 'kiosk_offline');
  assert.equal(row.kiosk, kiosk.kioskId);
  assert.equal(row.timestamp, '2026-11-23T08:57:00.000Z');
  assert.equal(row.recorded_at, '2026-11-23T09:02:00.000Z');
  assert.ok(row.captured_image, 'with its photo');
  closeSockets(manager.socket);
});

test('a kiosk clock an hour fast: the time is moved by how far off it was as it sent', async () => {
  const socket = await backOnline();
  const reply = await ask(socket, 'capture_offline', await sealed({ skewMs: 3_600_000 }));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.attendance.timestamp, '2026-11-23T08:57:00.000Z');
});

test('a replay of the same requestId returns the first result and stores nothing more', async () => {
  const socket = await backOnline();
  const requestId = randomUUID();
  const punch = await sealed({ requestId });
  const first = await ask(socket, 'capture_offline', punch);
  assert.equal(first.ok, true, JSON.stringify(first));
  assert.deepEqual(await ask(socket, 'capture_offline', punch), first);
  // Sealed again (another key pair), the same request is still the same punch.
  assert.deepEqual(await ask(socket, 'capture_offline', await sealed({ requestId })), first);
  await attendanceRows(ctx, 1);
});

test('a wrong PIN is refused, counts towards the lockout, is alerted, and records nothing', async () => {
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  const socket = await backOnline();
  const alert = nextEventWhere(manager.socket, 'alert', (a: any) => a.type === 'offline_punch_refused');
  const reply = await ask(socket, 'capture_offline', await sealed({ pin: '999999' }));
  assert.equal(reply.ok, false);
  assert.equal(reply.error.code, 'invalid_pin');
  assert.match((await alert).message, /^A punch saved at kiosk "Front desk" at Mon 23 Nov 08:57 while it was offline was not recorded: the PIN typed was wrong\./);
  const identify = await ask(socket, 'identify', { pin: '999998' });
  assert.equal(identify.error.attemptsLeft, 3, 'the offline wrong PIN counted as one of the five');
  await attendanceRows(ctx, 0);
  closeSockets(manager.socket);
});

test('a time outside the gap (before the last contact, or after the kiosk came back) is refused', async () => {
  const socket = await backOnline();
  for (const takenAt of [at('08:30:00'), at('09:10:00')]) {
    const reply = await ask(socket, 'capture_offline', await sealed({ takenAt }));
    assert.equal(reply.ok, false, takenAt);
    assert.equal(reply.error.code, 'taken_at_out_of_range', takenAt);
    assert.match(reply.error.message, /outside the time this kiosk was offline/);
  }
  await attendanceRows(ctx, 0);
  assert.equal((await alertsOfType('offline_punch_refused')).length, 2);
});

test('no window open at the time taken: refused, and the alert names the person', async () => {
  // Last seen at 06:00, back at 07:50: asha's punch at 07:00 is in the gap but before her window opens (08:00).
  ctx.server.clock.set(at('06:00:00'));
  await connectAndLeave();
  ctx.server.clock.set(at('07:50:00'));
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  const socket = await backOnline();
  const alert = nextEventWhere(manager.socket, 'alert', (a: any) => a.type === 'offline_punch_refused');
  const reply = await ask(socket, 'capture_offline', await sealed({ takenAt: at('07:00:00') }));
  assert.equal(reply.ok, false);
  assert.equal(reply.error.code, 'window_closed');
  const told = await alert;
  assert.equal(told.staffId, asha.staffId);
  assert.equal(told.message, 'asha\'s punch saved at kiosk "Front desk" at Mon 23 Nov 07:00 while it was offline was not recorded: no check-in or check-out window was open at that time. Add it on Needs attention if it was a real punch.');
  await attendanceRows(ctx, 0);
  closeSockets(manager.socket);
});

test('sealed to another key, or not sealed at all: a clear refusal and nothing stored', async () => {
  const other = (await pairKiosk(ctx.client, ctx.managerAuth, 'Back door')) as typeof kiosk;
  const socket = await backOnline();
  const forOther = await ask(socket, 'capture_offline', await sealed({ publicKey: other.publicKey }));
  assert.equal(forOther.ok, false);
  assert.equal(forOther.error.code, 'undecryptable');
  assert.match(forOther.error.message, /cannot be opened with this kiosk's key/);

  const good = await sealed();
  const tampered = Buffer.from(good.data);
  tampered[100] ^= 1;
  const garbage = [
    undefined,
    'hello',
    {},
    { ...good, data: tampered },
    { ...good, key: randomBytes(65) },
    { ...good, iv: randomBytes(3) },
    { ...good, data: 'not binary' },
    { ...good, sentAt: 'yesterday' },
    { key: randomBytes(65), iv: randomBytes(12), data: randomBytes(2000), sentAt: new Date().toISOString() },
  ];
  for (const payload of garbage) {
    const reply = payload === undefined ? await ask(socket, 'capture_offline') : await ask(socket, 'capture_offline', payload);
    assert.equal(reply.ok, false, JSON.stringify(payload)?.slice(0, 80));
    assert.ok(['invalid_request', 'undecryptable'].includes(reply.error.code), reply.error.code);
    assert.ok(reply.error.message.length > 20);
  }
  await attendanceRows(ctx, 0);
  // The socket is still there for the real punch.
  assert.equal((await ask(socket, 'capture_offline', good)).ok, true);
});

test("a revoked kiosk's queue is refused: it cannot connect to send it", async () => {
  assert.equal((await ctx.client.delete(`/api/kiosks/${kiosk.kioskId}/`, ctx.managerAuth)).status, 204);
  assert.equal(await refusal(kioskSocket(ctx.server.url, kiosk.token)), 'unauthorized');
  await attendanceRows(ctx, 0);
});

test.run();
