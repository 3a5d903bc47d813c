/**
 * The `/admin` namespace: who may connect, the `snapshot` a manager gets on
 * connect (today's occurrences with their state, kiosks online), and live
 * events reaching every connected manager (organisation time zone UTC;
 * Monday 23 November 2026).
 */
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { test } from 'uvu';
import { createStaffMember, makeFrame, registerAndSignIn, toBase64 } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { checkInAtKiosk, closeSockets, connectKiosk, connectManager, nextEvent, pairKiosk, refusal, signInCookie, type Socket } from '../helpers/sockets.js';

const at = (time: string) => `2026-11-23T${time}Z`;

const ctx = useSocketSuite(test, { now: at('04:30:00'), timezone: 'UTC' });
let frame: Buffer;
test.before(async () => {
  frame = await makeFrame(320, 240);
});

const adminSocket = (headers: Record<string, string> = {}, auth?: object) =>
  io(`${ctx.server.url}/admin`, { transports: ['websocket'], forceNew: true, autoConnect: false, extraHeaders: headers, auth });

test('/admin refuses anonymous sockets, unknown or ended sessions, and staff members', async () => {
  const staff = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const staffCookie = await signInCookie(ctx.client, staff.username, staff.password);
  const { token: kioskToken } = await pairKiosk(ctx.client, ctx.managerAuth);
  assert.equal(await refusal(adminSocket()), 'unauthorized');
  assert.equal(await refusal(adminSocket({ cookie: 'rollcall_session=not-a-session' })), 'unauthorized');
  assert.equal(await refusal(adminSocket({ cookie: 'rollcall_session=' })), 'unauthorized');
  assert.equal(await refusal(adminSocket({ authorization: `Bearer ${staff.token}` })), 'unauthorized');
  assert.equal(await refusal(adminSocket({}, { token: kioskToken })), 'unauthorized');
  assert.equal(await refusal(adminSocket({ cookie: staffCookie })), 'forbidden');

  // Signing out ends the session for sockets too; so does its expiry.
  const second = await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password);
  assert.equal((await ctx.client.post('/api/auth/logout', undefined, { cookie: second })).status, 200);
  assert.equal(await refusal(adminSocket({ cookie: second })), 'unauthorized');
  ctx.server.clock.advance(31 * 24 * 60 * 60_000);
  assert.equal(await refusal(adminSocket(ctx.managerAuth)), 'unauthorized');
});

test('a refused socket receives nothing; an accepted one receives every event', async () => {
  const staff = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '05:00', end: '13:00' }] });
  const staffCookie = await signInCookie(ctx.client, staff.username, staff.password);
  const refused = adminSocket({ cookie: staffCookie });
  const leaked: string[] = [];
  refused.onAny((event) => leaked.push(event));
  assert.equal(await refusal(refused), 'forbidden');

  const other = await registerAndSignIn(ctx.client, 'second_manager', 'Manager', ctx.manager.token);
  const managers = [
    await connectManager(ctx.server.url, ctx.cookie),
    await connectManager(ctx.server.url, ctx.cookie),
    await connectManager(ctx.server.url, await signInCookie(ctx.client, other.username, other.password)),
  ];
  try {
    const arrivals = managers.map(({ socket }) => nextEvent(socket, 'attendance:created'));
    const reply = await ctx.client.post('/api/attendance/', { staff: staff.staffId, captured_image: toBase64(frame) }, { token: staff.token });
    assert.equal(reply.status, 201, reply.text);
    for (const event of await Promise.all(arrivals)) {
      assert.equal(event.id, reply.body.id);
      assert.equal(event.staffName, 'asha');
      assert.equal(event.kind, 'check_in');
      assert.equal(event.status, 'on_time');
      assert.equal(event.photoUrl, reply.body.captured_image);
      assert.equal(event.kioskId, null, 'recorded through the API, not a kiosk');
    }
    assert.deepEqual(leaked, []);
  } finally {
    closeSockets(...managers.map((m) => m.socket));
  }
});

test('snapshot on connect: today’s occurrences with their state, and the kiosks online', async () => {
  const roster: [string, string, { day: string; start: string; end: string }[], string?][] = [
    ['fay', '600000', [{ day: 'Monday', start: '05:00', end: '09:00' }]],
    ['asha', '111111', [{ day: 'Monday', start: '09:00', end: '17:00' }]],
    ['ben', '222222', [{ day: 'Monday', start: '09:00', end: '17:00' }]],
    ['carol', '333333', [{ day: 'Monday', start: '06:00', end: '10:00' }]],
    ['dev', '444444', [{ day: 'Monday', start: '10:00', end: '18:00' }]],
    ['erin', '555555', [{ day: 'Monday', start: '14:00', end: '22:00' }]],
    ['gus', '777777', [{ day: 'Tuesday', start: '09:00', end: '17:00' }]],
    // Overnight from Sunday 22:00, still running this morning.
    ['hal', '888888', [{ day: 'Sunday', start: '22:00', end: '10:00' }], 'Friday,Saturday'],
  ];
  const ids: Record<string, number> = {};
  // Since last week, so last night's shift is theirs too.
  for (const [name, pin, shifts, weeklyOffs] of roster) ids[name] = (await createStaffMember(ctx.client, ctx.manager, name, { pin, shifts, weeklyOffs, since: '2026-11-16' })).staffId;
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth);
  const kiosk = await connectKiosk(ctx.server.url, token);
  let admin: Socket | undefined;
  try {
    const checkIn = async (pin: string, kind: 'check_in' | 'check_out', time: string) => {
      ctx.server.clock.set(at(time));
      return checkInAtKiosk(kiosk, pin, frame, kind);
    };
    const fayIn = await checkIn('600000', 'check_in', '04:30:00');
    const fayOut = await checkIn('600000', 'check_out', '08:30:00');
    const ashaIn = await checkIn('111111', 'check_in', '08:55:00');
    const benIn = await checkIn('222222', 'check_in', '09:20:00');

    ctx.server.clock.set(at('09:30:00'));
    const connection = await connectManager(ctx.server.url, ctx.cookie);
    admin = connection.socket;
    const snapshot = await connection.snapshot;
    assert.equal(snapshot.at, '2026-11-23T09:30:00.000Z');
    assert.equal(snapshot.timezone, 'UTC');
    assert.equal(snapshot.date, '2026-11-23');
    assert.deepEqual(snapshot.kiosks, [{ id: kioskId, name: 'Front desk', online: true, lastSeenAt: '2026-11-23T04:30:00.000Z' }]);

    const byName = Object.fromEntries(snapshot.occurrences.map((o: any) => [o.staffName, o]));
    assert.deepEqual(Object.keys(byName).sort(), ['asha', 'ben', 'carol', 'dev', 'erin', 'fay', 'hal']);
    assert.deepEqual(
      Object.fromEntries(Object.entries(byName).map(([name, o]: [string, any]) => [name, o.state])),
      { fay: 'checked_out', asha: 'checked_in', ben: 'late', carol: 'missed', dev: 'open', erin: 'upcoming', hal: 'missed' },
    );
    const summary = (record: any, time: string, status: string) => ({ at: at(time).replace('Z', '.000Z'), status, photoUrl: record.photoUrl, attendanceId: record.id });
    assert.deepEqual(byName.fay.checkIn, summary(fayIn, '04:30:00', 'on_time'));
    assert.deepEqual(byName.fay.checkOut, summary(fayOut, '08:30:00', 'early'));
    assert.deepEqual(byName.asha.checkIn, summary(ashaIn, '08:55:00', 'on_time'));
    assert.equal(byName.asha.checkOut, null);
    assert.deepEqual(byName.ben.checkIn, summary(benIn, '09:20:00', 'late'));
    assert.equal(byName.carol.checkIn, null);
    assert.equal(byName.asha.staffId, ids.asha);
    assert.equal(byName.asha.date, '2026-11-23');
    assert.equal(byName.asha.start, '2026-11-23T09:00:00.000Z');
    assert.equal(byName.asha.end, '2026-11-23T17:00:00.000Z');
    assert.equal(byName.hal.date, '2026-11-22');
    assert.equal(byName.hal.end, '2026-11-23T10:00:00.000Z');
  } finally {
    closeSockets(kiosk, admin);
  }
});

test('snapshot follows the organisation’s time zone: Monday evening in UTC is Tuesday morning in Auckland', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Tuesday', start: '09:00', end: '17:00' }] });
  await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const patched = await ctx.client.patch('/api/settings/', { timezone: 'Pacific/Auckland' }, ctx.managerAuth);
  assert.equal(patched.status, 200, patched.text);
  ctx.server.clock.set(at('19:30:00')); // 08:30 on Tuesday 24 November in Auckland (UTC+13).
  const { socket, snapshot } = await connectManager(ctx.server.url, ctx.cookie);
  try {
    const board = await snapshot;
    assert.equal(board.timezone, 'Pacific/Auckland');
    assert.equal(board.date, '2026-11-24');
    assert.deepEqual(
      board.occurrences.map((o: any) => [o.staffName, o.date, o.start, o.state]),
      [['asha', '2026-11-24', '2026-11-24T09:00:00.000+13:00', 'open']],
    );
  } finally {
    closeSockets(socket);
  }
});

test.run();
