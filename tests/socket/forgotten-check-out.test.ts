/**
 * Someone who checked in and never checked out enters their PIN the next
 * morning: the kiosk's answer tells them, and every manager gets an alert
 * (organisation time zone Europe/London; Monday 23 November 2026).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, checkInAtKiosk, connectManager, nextEvent } from '../helpers/sockets.js';

const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'Europe/London', kiosk: 'Front desk' });
let frame: Buffer;
test.before(async () => {
  frame = await makeFrame(320, 240);
});

async function rosterAsha() {
  return createStaffMember(ctx.client, ctx.manager, 'asha', {
    pin: '111111',
    shifts: [
      { day: 'Monday', start: '09:00', end: '17:00' },
      { day: 'Tuesday', start: '09:00', end: '17:00' },
    ],
  });
}

test('the next morning the kiosk says which check-out is missing, and managers are alerted', async () => {
  await rosterAsha();
  await checkInAtKiosk(ctx.kiosk, '111111', frame);
  // Tuesday 08:50: Monday's check-out window closed at 18:00 with nothing recorded.
  ctx.server.clock.set('2026-11-24T08:50:00Z');
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  await ctx.track(manager.socket);
  await manager.snapshot;
  const alert = nextEvent(manager.socket, 'alert');
  const reply = await ask(ctx.kiosk, 'identify', { pin: '111111' });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.deepEqual(reply.windows.map((w: { kind: string; date: string }) => [w.kind, w.date]), [['check_in', '2026-11-24']]);
  assert.deepEqual(reply.notices.map((n: { code: string; date: string; message: string }) => [n.code, n.date, n.message]), [
    ['missing_check_out', '2026-11-23', 'You did not check out after your 09:00–17:00 shift on Monday 23 November. Tell a manager when you left, so your hours are right.'],
  ]);
  const told = await alert;
  assert.equal(told.type, 'missing_check_out');
  assert.equal(told.message, 'asha did not check out after the Mon 23 Nov 09:00–17:00 shift; they were told at kiosk "Front desk". Add the check-out on Needs attention.');
});

test('outside any window the notice rides on the refusal; once checked out, or corrected, there is none', async () => {
  await rosterAsha();
  await checkInAtKiosk(ctx.kiosk, '111111', frame);
  ctx.server.clock.set('2026-11-24T06:00:00Z');
  const refused = await ask(ctx.kiosk, 'identify', { pin: '111111' });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'no_window');
  assert.equal(refused.notices?.[0]?.code, 'missing_check_out', JSON.stringify(refused));

  // A manager adds the check-out: the notice stops.
  const shifts = await ctx.client.get('/api/shifts/', await ctx.auth(ctx.manager));
  const monday = shifts.body.find((s: { day_of_week: string }) => s.day_of_week === 'Monday').id;
  const fixed = await ctx.client.post(
    '/api/attendance/corrections',
    { staff: shifts.body[0].staff, shiftId: monday, date: '2026-11-23', kind: 'check_out', at: '2026-11-23T17:00:00Z', reason: 'Forgot to check out' },
    await ctx.auth(ctx.manager),
  );
  assert.equal(fixed.status, 201, fixed.text);
  const after = await ask(ctx.kiosk, 'identify', { pin: '111111' });
  assert.equal(after.notices, undefined, JSON.stringify(after));
});

test.run();
