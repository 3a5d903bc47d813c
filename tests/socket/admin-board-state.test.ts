/**
 * The live board's states come only from the server: each snapshot row has
 * its `state` and the `stateChanges` still to come, `attendance:created`
 * carries the updated row, and `snapshot:fetch` gives the next day's board
 * after `refreshAt` (organisation time zone Europe/Berlin; Monday
 * 23 November 2026).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, checkInAtKiosk, connectManager, nextEvent } from '../helpers/sockets.js';

// 07:00 in Berlin: Asha's 09:00 shift is upcoming; its check-in window opens at 08:00.
const ctx = useSocketSuite(test, { now: '2026-11-23T06:00:00Z', timezone: 'Europe/Berlin', kiosk: 'Front desk' });
let frame: Buffer;
test.before(async () => {
  frame = await makeFrame(320, 240);
});

async function rosterAsha() {
  return createStaffMember(ctx.client, ctx.manager, 'asha', {
    pin: '111111',
    shifts: [
      { day: 'Monday', start: '09:00', end: '17:00' },
      { day: 'Tuesday', start: '10:00', end: '18:00' },
    ],
  });
}

test('a snapshot row has its state now and the changes still to come, in the organisation’s zone', async () => {
  await rosterAsha();
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  await ctx.track(manager.socket);
  const snapshot = await manager.snapshot;
  assert.equal(snapshot.date, '2026-11-23');
  assert.equal(snapshot.refreshAt, '2026-11-24T00:00:00.000+01:00');
  assert.equal(snapshot.occurrences.length, 1);
  const [row] = snapshot.occurrences;
  assert.equal(row.state, 'upcoming');
  assert.deepEqual(row.stateChanges, [
    { at: '2026-11-23T08:00:00.000+01:00', state: 'open' },
    { at: '2026-11-23T10:00:00.001+01:00', state: 'missed' },
  ]);
});

test('attendance:created carries the row as it now is: checked in, and only a forgotten check-out left to change by itself', async () => {
  await rosterAsha();
  ctx.server.clock.set('2026-11-23T07:58:00Z'); // 08:58 in Berlin
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  await ctx.track(manager.socket);
  assert.equal((await manager.snapshot).occurrences[0].state, 'open');
  const created = nextEvent(manager.socket, 'attendance:created');
  const attendance = await checkInAtKiosk(ctx.kiosk, '111111', frame);
  const event = await created;
  assert.equal(event.id, attendance.id);
  assert.equal(event.occurrence.state, 'checked_in');
  // 09:00–17:00 with a 60-minute window: without a check-out by 18:00 the row says so.
  assert.deepEqual(event.occurrence.stateChanges, [{ at: '2026-11-23T18:00:00.001+01:00', state: 'missing_check_out' }]);
  assert.equal(event.occurrence.staffName, 'asha');
  assert.equal(event.occurrence.checkIn.attendanceId, attendance.id);
  assert.equal(event.occurrence.checkIn.at, '2026-11-23T08:58:00.000+01:00');
  assert.equal(event.occurrence.checkOut, null);
});

test('snapshot:fetch after midnight answers with the new day’s board', async () => {
  await rosterAsha();
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  await ctx.track(manager.socket);
  const first = await manager.snapshot;
  ctx.server.clock.set(new Date(Date.parse(first.refreshAt) + 1000));
  const next = await ask(manager.socket, 'snapshot:fetch');
  assert.equal(next.date, '2026-11-24');
  assert.equal(next.refreshAt, '2026-11-25T00:00:00.000+01:00');
  assert.deepEqual(
    next.occurrences.map((o: { date: string; start: string; state: string }) => [o.date, o.start, o.state]),
    [['2026-11-24', '2026-11-24T10:00:00.000+01:00', 'upcoming']],
  );
  // Asked without an ack, nothing is sent and the connection stays up.
  manager.socket.emit('snapshot:fetch');
  assert.equal((await ask(manager.socket, 'snapshot:fetch')).date, '2026-11-24');
  assert.equal(manager.socket.connected, true);
});

test('a sick day recorded for today shows as excused, with nothing left to change by itself', async () => {
  const asha = await rosterAsha();
  const shifts = await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await ctx.auth(ctx.manager));
  const monday = shifts.body.find((s: { day_of_week: string }) => s.day_of_week === 'Monday').id;
  const sick = await ctx.client.post('/api/absences/', { staff: asha.staffId, shiftId: monday, date: '2026-11-23', type: 'sick', note: 'Called in' }, await ctx.auth(ctx.manager));
  assert.equal(sick.status, 201, sick.text);
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  await ctx.track(manager.socket);
  const [row] = (await manager.snapshot).occurrences;
  assert.deepEqual({ state: row.state, changes: row.stateChanges }, { state: 'excused', changes: [] });
});

test.run();
