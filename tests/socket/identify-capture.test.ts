/**
 * The kiosk's `identify` and `capture` over real Socket.IO, with the
 * server's clock set to each edge (organisation time zone UTC; Monday
 * 23 November 2026, a 09:00–17:00 shift), and what managers see on `/admin`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { test } from 'uvu';
import { listPhotoFiles } from '../helpers/assertions.js';
import { attendanceRows, createStaffMember, makeFrame, type StaffAccount } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, closeSockets, connectKiosk, connectManager, nextEvent, nextEventWhere, pairKiosk, type Socket } from '../helpers/sockets.js';

const dayShift = [{ day: 'Monday', start: '09:00', end: '17:00' }];
const at = (time: string) => `2026-11-23T${time}Z`;

const ctx = useSocketSuite(test, { now: at('08:55:00'), timezone: 'UTC', kiosk: 'Front desk' });
let asha: StaffAccount;
let frame: Buffer;

test.before(async () => {
  frame = await makeFrame(1280, 720);
});
test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: dayShift });
});

const identify = (socket: Socket, pin: string) => ask(socket, 'identify', { pin });
const capture = (socket: Socket, attempt: string, kind: 'check_in' | 'check_out', requestId = randomUUID(), image = frame) =>
  ask(socket, 'capture', { attempt, kind, image, requestId });

async function attemptFor(socket: Socket, pin: string): Promise<string> {
  const reply = await identify(socket, pin);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.attempt;
}

test('identify: the right PIN answers the person, an attempt and the open windows', async () => {
  const reply = await identify(ctx.kiosk, '111111');
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.deepEqual(reply.staff, { id: asha.staffId, name: 'asha' });
  assert.equal(typeof reply.attempt, 'string');
  const shiftId = reply.windows[0]?.shiftId;
  assert.equal(typeof shiftId, 'number');
  const [shiftStart, shiftEnd, opensAt, closesAt] = ['09:00', '17:00', '08:00', '10:00'].map((time) => `2026-11-23T${time}:00.000Z`);
  assert.deepEqual(reply.windows, [{ kind: 'check_in', shiftId, date: '2026-11-23', shiftStart, shiftEnd, opensAt, closesAt, state: 'none' }]);
  // An inactive staff member's PIN no longer identifies anyone.
  assert.equal((await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: false }, ctx.managerAuth)).status, 200);
  assert.equal((await identify(ctx.kiosk, '111111')).error.code, 'invalid_pin');
});

test('identify: each window says where the person is on its shift, and a repeat is offered only what is recorded', async () => {
  const windowsAt = async (time: string) => {
    ctx.server.clock.set(at(time));
    const reply = await identify(ctx.kiosk, '111111');
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return reply.windows.map((w: Record<string, unknown>) => ({ kind: w.kind, state: w.state, checkedInAt: w.checkedInAt, checkedOutAt: w.checkedOutAt, recordedAt: w.recordedAt }));
  };
  const none = { checkedInAt: undefined, checkedOutAt: undefined, recordedAt: undefined };
  assert.deepEqual(await windowsAt('08:55:00'), [{ kind: 'check_in', state: 'none', ...none }]);

  ctx.server.clock.set(at('08:57:00'));
  const checkedIn = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '111111'), 'check_in');
  assert.equal(checkedIn.ok, true, JSON.stringify(checkedIn));
  const since = at('08:57:00.000');
  // Again at 09:30: only the recorded check-in is open, so the kiosk can say "already checked in since 08:57".
  assert.deepEqual(await windowsAt('09:30:00'), [{ kind: 'check_in', state: 'checked_in', ...none, checkedInAt: since, recordedAt: since }]);
  // In the check-out window: the check-out, with the check-in it closes.
  assert.deepEqual(await windowsAt('16:55:00'), [{ kind: 'check_out', state: 'checked_in', ...none, checkedInAt: since }]);

  const checkedOut = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '111111'), 'check_out');
  assert.equal(checkedOut.ok, true, JSON.stringify(checkedOut));
  const out = at('16:55:00.000');
  assert.deepEqual(await windowsAt('17:05:00'), [{ kind: 'check_out', state: 'checked_out', checkedInAt: since, checkedOutAt: out, recordedAt: out }]);
  assert.equal((await attendanceRows(ctx)).length, 2);
});

test('identify: a check-out window for a shift never checked into says so (state none)', async () => {
  ctx.server.clock.set(at('16:55:00'));
  const reply = await identify(ctx.kiosk, '111111');
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.deepEqual(reply.windows.map((w: Record<string, unknown>) => [w.kind, w.state, w.checkedInAt]), [['check_out', 'none', undefined]]);
});

test('identify: outside every window answers no_window with the next window', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222' });
  ctx.server.clock.set(at('06:00:00'));
  const early = await identify(ctx.kiosk, '111111');
  assert.equal(early.ok, false);
  assert.equal(early.error.code, 'no_window');
  assert.match(early.error.message, /asha/);
  assert.equal(early.error.nextWindow.kind, 'check_in');
  assert.equal(early.error.nextWindow.opensAt, '2026-11-23T08:00:00.000Z');
  assert.equal(early.error.nextWindow.shiftStart, '2026-11-23T09:00:00.000Z');

  ctx.server.clock.set(at('18:00:01'));
  const after = await identify(ctx.kiosk, '111111');
  assert.equal(after.error.code, 'no_window');
  assert.equal(after.error.nextWindow.date, '2026-11-30', 'next Monday (Tuesday has no shift)');
  assert.equal(after.error.nextWindow.opensAt, '2026-11-30T08:00:00.000Z');

  const none = await identify(ctx.kiosk, '222222');
  assert.equal(none.error.code, 'no_window');
  assert.equal(none.error.nextWindow, undefined);
  assert.match(none.error.message, /no shifts/);
});

test('capture: a check-in is stored, acknowledged, announced to managers, and its photo is a WebP ≤ 640 px wide', async () => {
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  try {
    const attempt = await attemptFor(ctx.kiosk, '111111');
    ctx.server.clock.advance(30_000);
    const created = nextEvent(admin, 'attendance:created');
    const reply = await capture(ctx.kiosk, attempt, 'check_in');
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const { id, photoUrl } = reply.attendance;
    assert.match(photoUrl, /^\/api\/photos\/[0-9a-f]{64}$/);
    assert.deepEqual(reply.attendance, { id, staffId: asha.staffId, kind: 'check_in', status: 'on_time', timestamp: '2026-11-23T08:55:30.000Z', photoUrl });
    const { staffName, kind, status, timestamp, kioskName, ...event } = await created;
    assert.deepEqual([staffName, kind, status, timestamp, kioskName], ['asha', 'check_in', 'on_time', '2026-11-23T08:55:30.000Z', 'Front desk']);
    assert.equal(event.id, id);
    assert.equal(event.photoUrl, photoUrl);
    assert.equal(event.kioskId, ctx.kioskId);

    assert.deepEqual((await attendanceRows(ctx)).map((r) => [r.id, r.kiosk, r.captured_image]), [[id, ctx.kioskId, photoUrl]]);

    const photo = await fetch(`${ctx.server.url}${photoUrl}`, { headers: { cookie: ctx.cookie } });
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/webp');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    assert.equal(meta.format, 'webp');
    assert.deepEqual([meta.width, meta.height], [640, 360], 'resized to 640 px wide');
    // The photo belongs to asha: she may see it, another staff member may not.
    assert.equal((await fetch(`${ctx.server.url}${photoUrl}`, { headers: { Authorization: `Bearer ${asha.token}` } })).status, 200);
    const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
    assert.equal((await fetch(`${ctx.server.url}${photoUrl}`, { headers: { Authorization: `Bearer ${ben.token}` } })).status, 403);
  } finally {
    closeSockets(admin);
  }
});

test('capture: check-out early and on time; a late check-in is marked late and alerts the managers', async () => {
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  try {
    const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222', shifts: dayShift });
    await createStaffMember(ctx.client, ctx.manager, 'carol', { pin: '333333', shifts: dayShift });
    assert.equal((await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '111111'), 'check_in')).attendance.status, 'on_time');

    ctx.server.clock.set(at('09:05:01'));
    const alert = nextEventWhere(admin, 'alert', (a) => a.type === 'late_arrival');
    const late = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '222222'), 'check_in');
    assert.equal(late.attendance.status, 'late');
    assert.equal((await alert).staffId, ben.staffId);

    ctx.server.clock.set(at('16:30:00'));
    const offer = await identify(ctx.kiosk, '111111');
    assert.deepEqual(offer.windows.map((w: any) => w.kind), ['check_out']);
    const early = await capture(ctx.kiosk, offer.attempt, 'check_out');
    assert.equal(early.attendance.kind, 'check_out');
    assert.equal(early.attendance.status, 'early');

    ctx.server.clock.set(at('17:10:00'));
    const onTime = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '222222'), 'check_out');
    assert.equal(onTime.attendance.status, 'on_time');
    // Carol never checked in: her check-in window is long closed, so asking for one is refused.
    const closed = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '333333'), 'check_in');
    assert.equal(closed.error.code, 'window_closed');
    assert.deepEqual((await attendanceRows(ctx)).map((r) => r.staff).sort(), [asha.staffId, asha.staffId, ben.staffId, ben.staffId].sort());
  } finally {
    closeSockets(admin);
  }
});

test('capture: refused when the window closed after identify, when the attempt expired, was forged or came from another kiosk', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222', shifts: dayShift });
  const otherToken = (await pairKiosk(ctx.client, ctx.managerAuth, 'Back office')).token;
  ctx.server.clock.set(at('09:59:00'));
  const attempt = await attemptFor(ctx.kiosk, '111111');
  ctx.server.clock.set(at('10:00:30')); // The attempt is still valid, the check-in window is not.
  const closed = await capture(ctx.kiosk, attempt, 'check_in');
  assert.equal(closed.error.code, 'window_closed');
  assert.match(closed.error.message, /check-in/);

  ctx.server.clock.set(at('08:55:00'));
  const stale = await attemptFor(ctx.kiosk, '111111');
  ctx.server.clock.advance(2 * 60_000 + 1000);
  assert.equal((await capture(ctx.kiosk, stale, 'check_in')).error.code, 'attempt_expired');

  const valid = await attemptFor(ctx.kiosk, '111111');
  const [payload, mac] = valid.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const asBen = Buffer.from(JSON.stringify({ ...claims, s: ben.staffId })).toString('base64url');
  const longer = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 3_600_000 })).toString('base64url');
  for (const forged of [`${asBen}.${mac}`, `${longer}.${mac}`, `${payload}.${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`, payload!, 'a.b', '.', 'x'.repeat(2000)]) {
    const reply = await capture(ctx.kiosk, forged, 'check_in');
    assert.equal(reply.error?.code, 'attempt_expired', `${forged.slice(0, 30)}: ${JSON.stringify(reply)}`);
  }

  const other = await connectKiosk(ctx.server.url, otherToken);
  try {
    const elsewhere = await capture(other, valid, 'check_in');
    assert.equal(elsewhere.error.code, 'attempt_expired');
    assert.match(elsewhere.error.message, /not started on this kiosk/);
  } finally {
    closeSockets(other);
  }
  assert.deepEqual(await attendanceRows(ctx), [], 'the refusals stored no row');
  assert.deepEqual(await listPhotoFiles(ctx.server.photoDir), [], 'and no photo file');
  // The genuine attempt still works on its own kiosk.
  assert.equal((await capture(ctx.kiosk, valid, 'check_in')).ok, true);
});

test('capture: a retry with the same requestId after a reconnect returns the first record, even once the attempt expired', async () => {
  const attempt = await attemptFor(ctx.kiosk, '111111');
  const requestId = randomUUID();
  const first = await capture(ctx.kiosk, attempt, 'check_in', requestId);
  assert.equal(first.ok, true, JSON.stringify(first));

  ctx.kiosk.disconnect();
  const reconnected = nextEvent(ctx.kiosk, 'connect');
  ctx.kiosk.connect();
  await reconnected;
  ctx.server.clock.advance(3 * 60_000);
  const retry = await capture(ctx.kiosk, attempt, 'check_in', requestId);
  assert.deepEqual(retry, first);
  // A new capture in the same window returns the same record too: one check-in per occurrence.
  const again = await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '111111'), 'check_in');
  assert.equal(again.attendance.id, first.attendance.id);
  const rows = await attendanceRows(ctx);
  assert.deepEqual(rows.map((r) => r.id), [first.attendance.id]);
});

test('capture: an ack lost to a dropped connection; the retry after the automatic reconnect gets the one record', async () => {
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  const created: any[] = [];
  admin.on('attendance:created', (event) => created.push(event));
  try {
    const attempt = await attemptFor(ctx.kiosk, '111111');
    const requestId = randomUUID();
    const reconnected = nextEvent(ctx.kiosk, 'connect');
    const recorded = nextEvent(admin, 'attendance:created');
    const lost = capture(ctx.kiosk, attempt, 'check_in', requestId);
    ctx.kiosk.io.engine.close(); // The frame is flushed first, then the transport drops before the ack can return.
    await assert.rejects(lost, /disconnected/);
    const first = await recorded; // The server did record it: only the ack was lost.
    await reconnected;
    const retry = await capture(ctx.kiosk, attempt, 'check_in', requestId);
    assert.equal(retry.ok, true, JSON.stringify(retry));
    assert.equal(retry.attendance.id, first.id);
    assert.deepEqual((await attendanceRows(ctx)).map((r) => r.id), [first.id]);

    // A duplicate for asha would have been sent before the retry's ack, so well before ben's event: wait for that one.
    await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222', shifts: dayShift });
    const bens = nextEventWhere(admin, 'attendance:created', (e) => e.staffName === 'ben');
    await capture(ctx.kiosk, await attemptFor(ctx.kiosk, '222222'), 'check_in');
    await bens;
    assert.deepEqual(created.map((e) => e.staffName), ['asha', 'ben']);
  } finally {
    closeSockets(admin);
  }
});

test.run();
