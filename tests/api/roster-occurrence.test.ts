/**
 * `PATCH /api/roster/occurrence`: a manager's change to one dated occurrence
 * (give it to someone else, cancel it, restore it), seen through the roster;
 * and the 409s when the change would break a rule or the shift is under way.
 * Organisation time zone America/New_York: Monday 09:00 is 14:00Z.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Friday 20 November 2026, 10:00 in New York.
const ctx = useApiSuite(test, { now: '2026-11-20T15:00:00Z', timezone: 'America/New_York' });
let asha: StaffAccount;
let ashaMonday: number;
let ashaTuesday: number;

test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', {
    shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }, { day: 'Tuesday', start: '09:00', end: '17:00' }],
  });
  const shifts = await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await ctx.auth(ctx.manager));
  const idOf = (day: string) => shifts.body.find((shift: { day_of_week: string }) => shift.day_of_week === day).id;
  ashaMonday = idOf('Monday');
  ashaTuesday = idOf('Tuesday');
});

const monday = '2026-11-23';

async function change(body: Record<string, unknown>, account: Account = ctx.manager): Promise<Reply> {
  return ctx.client.patch('/api/roster/occurrence', body, await ctx.auth(account));
}

/** The manager's roster for Monday 23 to Monday 30 as [date, shift, staff, reassigned]. */
async function week(account: Account = ctx.manager): Promise<[string, number, number, boolean][]> {
  const reply = await ctx.client.get('/api/roster/?from=2026-11-23&to=2026-11-30', await ctx.auth(account));
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((entry: any) => [entry.date, entry.shiftId, entry.staff, entry.reassigned]);
}

test('a manager gives one date to someone else: the roster shows them, reassigned; other dates unchanged; restore undoes it', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const before = await week();
  const reply = await change({ shiftId: ashaMonday, date: monday, assignee: ben.staffId });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.body.cancelled, false);
  assert.deepEqual([reply.body.occurrence.staff, reply.body.occurrence.reassigned, reply.body.occurrence.swap], [ben.staffId, true, null]);
  assert.equal(reply.body.occurrence.start, '2026-11-23T09:00:00.000-05:00');

  const after = await week();
  assert.deepEqual(after, before.map((entry) => (entry[0] === monday && entry[1] === ashaMonday ? [monday, ashaMonday, ben.staffId, true] : entry)));
  assert.deepEqual(after.filter(([date]) => date === '2026-11-30'), [['2026-11-30', ashaMonday, asha.staffId, false]], 'next Monday is still asha’s');
  assert.deepEqual((await week(ben)).map(([date, shift]) => [date, shift]), [[monday, ashaMonday]]);
  assert.deepEqual((await week(asha)).map(([date]) => date), ['2026-11-24', '2026-11-30']);

  const restored = await change({ shiftId: ashaMonday, date: monday, assignee: null });
  assert.equal(restored.status, 200, restored.text);
  assert.deepEqual([restored.body.occurrence.staff, restored.body.occurrence.reassigned], [asha.staffId, false]);
  assert.deepEqual(await week(), before);
  assert.deepEqual(await week(ben), []);
});

test('cancelling one date removes it from the roster; restoring brings it back', async () => {
  const before = await week();
  const cancelled = await change({ shiftId: ashaMonday, date: monday, cancelled: true });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.deepEqual([cancelled.body.cancelled, cancelled.body.occurrence], [true, null]);
  assert.deepEqual(await week(), before.filter(([date, shift]) => !(date === monday && shift === ashaMonday)));
  assert.deepEqual((await week(asha)).map(([date]) => date), ['2026-11-24', '2026-11-30']);

  const restored = await change({ shiftId: ashaMonday, date: monday, assignee: null });
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.body.cancelled, false);
  assert.deepEqual(await week(), before);
});

test('refused with 409 when the assignee would overlap (overnight spill included) or has the day off; nothing changes', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Monday', start: '12:00', end: '20:00' }] });
  const dev = await createStaffMember(ctx.client, ctx.manager, 'dev', { weeklyOffs: 'Friday,Saturday', shifts: [{ day: 'Sunday', start: '22:00', end: '09:30' }] });
  const carol = await createStaffMember(ctx.client, ctx.manager, 'carol', { weeklyOffs: 'Monday' });
  const before = await week();

  const overlap = await change({ shiftId: ashaMonday, date: monday, assignee: ben.staffId });
  assertError(overlap, 409, 'shift_overlap');
  assert.match(overlap.body.error.message, /ben.*Monday 23 November 09:00–17:00.*Monday 23 November 12:00–20:00/);
  const spill = await change({ shiftId: ashaMonday, date: monday, assignee: dev.staffId });
  assertError(spill, 409, 'shift_overlap');
  assert.match(spill.body.error.message, /Sunday 22 November 22:00–09:30/);
  const dayOff = await change({ shiftId: ashaMonday, date: monday, assignee: carol.staffId });
  assertError(dayOff, 409, 'shift_on_weekly_off');
  assert.match(dayOff.body.error.message, /carol.*Monday/);
  assert.deepEqual(await week(), before);
});

test('refused with 409 once someone has checked in, and once the shift has ended', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const image = toBase64(await makeFrame(320, 240));
  ctx.server.clock.set('2026-11-23T13:30:00Z'); // 08:30 in New York: the check-in window is open.
  const checkIn = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: image }, await ctx.auth(asha));
  assert.equal(checkIn.status, 201, checkIn.text);
  const before = await week();
  assertError(await change({ shiftId: ashaMonday, date: monday, assignee: ben.staffId }), 409, 'already_checked_in');
  assertError(await change({ shiftId: ashaMonday, date: monday, cancelled: true }), 409, 'already_checked_in');
  assert.deepEqual(await week(), before);

  // Tuesday's shift, which nobody checked into: a manager may still give it
  // to someone after it starts (the cover arrives late), not once it has ended.
  ctx.server.clock.set('2026-11-24T14:30:00Z');
  const afterStart = await change({ shiftId: ashaTuesday, date: '2026-11-24', assignee: ben.staffId });
  assert.equal(afterStart.status, 200, afterStart.text);
  ctx.server.clock.set('2026-11-24T22:00:00Z');
  const ended = await change({ shiftId: ashaTuesday, date: '2026-11-24', assignee: null });
  assertError(ended, 409, 'shift_ended');
  assert.match(ended.body.error.message, /Tuesday 24 November 09:00–17:00.*Timesheets/);
  assertError(await change({ shiftId: ashaTuesday, date: '2026-11-24', cancelled: true }), 409, 'shift_ended');
  // Next Monday's occurrence of the same shift is still the manager's to move.
  const nextWeek = await change({ shiftId: ashaMonday, date: '2026-11-30', assignee: ben.staffId });
  assert.equal(nextWeek.status, 200, nextWeek.text);
  assert.deepEqual((await week(ben)).map(([date, shift]) => [date, shift]), [['2026-11-24', ashaTuesday], ['2026-11-30', ashaMonday]]);
  assert.deepEqual((await week(asha)).map(([date]) => date), [monday]);
});

test('only managers change occurrences; bad bodies and unknown ids are 400; an inactive assignee is 409', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const body = { shiftId: ashaMonday, date: monday, assignee: ben.staffId };
  assertError(await change(body, asha), 403, 'forbidden');
  assertError(await change(body, ben), 403, 'forbidden');
  assertError(await ctx.client.patch('/api/roster/occurrence', body), 401, 'unauthorized');

  assertFieldError(await change({ shiftId: ashaMonday, date: '2026-11-24', assignee: ben.staffId }), 'date'); // a Tuesday
  assertFieldError(await change({ shiftId: ashaMonday, date: '2026-02-30', assignee: ben.staffId }), 'date');
  assertFieldError(await change({ shiftId: 'x', date: monday, assignee: ben.staffId }), 'shiftId');
  assertFieldError(await change({ shiftId: 99999, date: monday, assignee: ben.staffId }), 'shiftId');
  assertFieldError(await change({ shiftId: ashaMonday, date: monday, assignee: 99999 }), 'assignee');
  assertFieldError(await change({ shiftId: ashaMonday, date: monday, assignee: 'ben' }), 'assignee');
  const gone = await createStaffMember(ctx.client, ctx.manager, 'gone');
  assert.equal((await ctx.client.patch(`/api/staff/${gone.staffId}/`, { active: false }, await ctx.auth(ctx.manager))).status, 200);
  assertError(await change({ shiftId: ashaMonday, date: monday, assignee: gone.staffId }), 409, 'staff_inactive');
  assertError(await change({ shiftId: ashaMonday, date: monday }), 400, 'validation_failed');
  assertError(await change({ shiftId: ashaMonday, date: monday, assignee: ben.staffId, cancelled: true }), 400, 'validation_failed');
  assert.ok((await week()).every(([, , staff, reassigned]) => staff === asha.staffId && !reassigned));
});


test('template edits and days off respect shifts taken over for one date', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { weeklyOffs: 'Sunday' });
  const moved = await ctx.client.patch('/api/roster/occurrence', { shiftId: ashaMonday, date: '2026-11-23', assignee: ben.staffId }, await ctx.auth(ctx.manager));
  assert.equal(moved.status, 200, moved.text);

  // Ben now works Monday 23 November 09:00–17:00; a Monday template shift of 10:00–18:00 would collide with it.
  const clash = await ctx.client.post('/api/shifts/', { staff: ben.staffId, day_of_week: 'Monday', shift_start: '10:00', shift_end: '18:00' }, await ctx.auth(ctx.manager));
  assertError(clash, 409, 'shift_overlap');
  assert.match(clash.body.error.message, /Monday 23 November 10:00–18:00 and Monday 23 November 09:00–17:00/);
  // An evening shift that does not touch it is fine.
  const evening = await ctx.client.post('/api/shifts/', { staff: ben.staffId, day_of_week: 'Monday', shift_start: '18:00', shift_end: '22:00' }, await ctx.auth(ctx.manager));
  assert.equal(evening.status, 201, evening.text);
  await ctx.client.delete(`/api/shifts/${evening.body.id}/`, await ctx.auth(ctx.manager));

  // Nor can Monday become his day off while he works that Monday.
  const off = await ctx.client.patch(`/api/staff/${ben.staffId}/`, { weekly_off_days: 'Monday' }, await ctx.auth(ctx.manager));
  assertError(off, 409, 'shift_on_weekly_off');
  assert.match(off.body.error.message, /Monday 23 November 09:00–17:00/);
  const profile = await ctx.client.get(`/api/staff/${ben.staffId}/`, await ctx.auth(ctx.manager));
  assert.equal(profile.body.weekly_off_days, 'Sunday');

  // Once the date has passed, it no longer stands in the way.
  ctx.server.clock.set('2026-11-24T15:00:00Z');
  const later = await ctx.client.patch(`/api/staff/${ben.staffId}/`, { weekly_off_days: 'Monday' }, await ctx.auth(ctx.manager));
  assert.equal(later.status, 200, later.text);
});

test.run();
