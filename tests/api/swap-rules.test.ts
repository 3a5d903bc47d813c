/**
 * Every rule a swap must keep, each refused with its own 409: at the
 * proposal, and again at the final yes (accept, or a manager's approve) when
 * the schedule changed in between. A refused final yes moves nothing and
 * leaves the swap where it was. Time zone UTC; now is Friday 20 November 2026.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

const ctx = useApiSuite(test, { now: '2026-11-20T12:00:00Z', timezone: 'UTC' });
let asha: StaffAccount;
let ben: StaffAccount;
/** Asha's Monday 09:00–17:00 on 23 November; Ben has only a Wednesday shift and Saturday, Sunday off. */
let ashaMon: { shiftId: number; date: string };
let benWed: { shiftId: number; date: string };

type Shift = { day: string; start: string; end: string };

test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Wednesday', start: '09:00', end: '17:00' }] });
  ashaMon = { shiftId: await firstShift(asha), date: '2026-11-23' };
  benWed = { shiftId: await firstShift(ben), date: '2026-11-25' };
});

async function firstShift(staff: StaffAccount): Promise<number> {
  return (await ctx.client.get(`/api/shifts/?staff=${staff.staffId}`, await ctx.auth(ctx.manager))).body[0].id;
}

async function staffWith(username: string, shifts: Shift[], weeklyOffs = 'Saturday,Sunday'): Promise<StaffAccount & { shift: number }> {
  const account = await createStaffMember(ctx.client, ctx.manager, username, { shifts, weeklyOffs });
  return { ...account, shift: shifts.length ? await firstShift(account) : 0 };
}

async function propose(proposer: Account, withStaff: StaffAccount, shift: object, inReturn: object | null = null): Promise<Reply> {
  return ctx.client.post('/api/swaps/', { shift, withStaff: withStaff.staffId, inReturn }, await ctx.auth(proposer));
}

async function proposeOk(proposer: Account, withStaff: StaffAccount, shift: object, inReturn: object | null = null): Promise<number> {
  const reply = await propose(proposer, withStaff, shift, inReturn);
  assert.equal(reply.status, 201, reply.text);
  return reply.body.id;
}

async function act(account: Account, swapId: number, action: string): Promise<Reply> {
  return ctx.client.post(`/api/swaps/${swapId}/${action}`, undefined, await ctx.auth(account));
}

async function statusOf(swapId: number): Promise<string> {
  return (await ctx.client.get(`/api/swaps/${swapId}`, await ctx.auth(ctx.manager))).body.status;
}

/** Who works Asha's Monday 23 November, from the manager's roster. */
async function ashaMondayWorkers(): Promise<number[]> {
  const reply = await ctx.client.get('/api/roster/?from=2026-11-23&to=2026-11-23', await ctx.auth(ctx.manager));
  return reply.body.filter((entry: any) => entry.shiftId === ashaMon.shiftId).map((entry: any) => entry.staff);
}

async function patch(path: string, body: object): Promise<void> {
  const reply = await ctx.client.patch(path, body, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, `${path}: ${reply.text}`);
}

/** A final yes refused with `code`: the swap keeps its status and Asha keeps her Monday. */
async function assertRefused(reply: Reply, code: string, swapId: number, status: string): Promise<void> {
  assertError(reply, 409, code);
  assert.equal(await statusOf(swapId), status);
  assert.deepEqual(await ashaMondayWorkers(), [asha.staffId]);
}

test('the shift given must be the proposer’s, and the one in return the counterpart’s', async () => {
  const carol = await staffWith('carol', [{ day: 'Thursday', start: '09:00', end: '17:00' }]);
  const carolThu = { shiftId: carol.shift, date: '2026-11-26' };
  assertError(await propose(asha, ben, benWed), 409, 'occurrence_not_found');
  assertError(await propose(asha, ben, ashaMon, carolThu), 409, 'occurrence_not_found');
  assertError(await propose(asha, ben, ashaMon, ashaMon), 409, 'occurrence_not_found');
  const notWorked = await propose(asha, ben, { ...ashaMon, date: '2026-11-24' });
  assertError(notWorked, 409, 'occurrence_not_found');
  assert.match(notWorked.body.error.message, /Tuesday 24 November 2026/);
  assertError(await propose(asha, ben, { shiftId: 99999, date: '2026-11-23' }), 409, 'occurrence_not_found');

  // A second swap of the same Monday, proposed while the first was open, fails once it is given away.
  const first = await proposeOk(asha, ben, ashaMon);
  const second = await proposeOk(asha, carol, ashaMon);
  assert.equal((await act(ben, first, 'accept')).status, 200);
  assertError(await act(carol, second, 'accept'), 409, 'occurrence_not_found');
  assert.equal(await statusOf(second), 'pending');
  assertError(await propose(asha, carol, ashaMon), 409, 'occurrence_not_found');
  assert.deepEqual(await ashaMondayWorkers(), [ben.staffId]);
});

test('overlap after the swap: refused at the proposal, and re-checked at accept and at approve', async () => {
  const dev = await staffWith('dev', [{ day: 'Monday', start: '12:00', end: '20:00' }]);
  const atProposal = await propose(asha, dev, ashaMon);
  assertError(atProposal, 409, 'shift_overlap');
  assert.match(atProposal.body.error.message, /dev would work Monday 23 November 09:00–17:00 and Monday 23 November 12:00–20:00/);

  const swapId = await proposeOk(asha, ben, ashaMon);
  const added = await ctx.client.post('/api/shifts/', { staff: ben.staffId, day_of_week: 'Monday', shift_start: '16:00', shift_end: '20:00' }, await ctx.auth(ctx.manager));
  assert.equal(added.status, 201, added.text);
  await assertRefused(await act(ben, swapId, 'accept'), 'shift_overlap', swapId, 'pending');

  await patch('/api/settings/', { swap_requires_approval: true });
  const erin = await staffWith('erin', []);
  const awaiting = await proposeOk(asha, erin, ashaMon);
  assert.equal((await act(erin, awaiting, 'accept')).body.status, 'awaiting_manager');
  const late = await ctx.client.post('/api/shifts/', { staff: erin.staffId, day_of_week: 'Monday', shift_start: '07:00', shift_end: '09:30' }, await ctx.auth(ctx.manager));
  assert.equal(late.status, 201, late.text);
  await assertRefused(await act(ctx.manager, awaiting, 'approve'), 'shift_overlap', awaiting, 'awaiting_manager');
});

test('an overnight shift’s spill into the next morning counts, both ways', async () => {
  const nina = await staffWith('nina', [{ day: 'Monday', start: '22:00', end: '06:00' }]);
  const tom = await staffWith('tom', [{ day: 'Tuesday', start: '05:00', end: '13:00' }]);
  const ninaMon = { shiftId: nina.shift, date: '2026-11-23' };
  const tomTue = { shiftId: tom.shift, date: '2026-11-24' };
  const nightToTom = await propose(nina, tom, ninaMon);
  assertError(nightToTom, 409, 'shift_overlap');
  assert.match(nightToTom.body.error.message, /Monday 23 November 22:00–06:00.*Tuesday 24 November 05:00–13:00/);
  assertError(await propose(tom, nina, tomTue), 409, 'shift_overlap');
  // As an exchange each gives theirs away, so nobody overlaps.
  const exchange = await proposeOk(nina, tom, ninaMon, tomTue);
  assert.equal((await act(tom, exchange, 'accept')).body.status, 'done');
  // Touching is not overlapping: Asha's Monday ends at 17:00 and she takes Fay's 17:00 start.
  const fay = await staffWith('fay', [{ day: 'Monday', start: '17:00', end: '23:00' }]);
  const touching = await proposeOk(fay, asha, { shiftId: fay.shift, date: '2026-11-23' });
  assert.equal((await act(asha, touching, 'accept')).body.status, 'done');
});

test('a shift on the counterpart’s weekly day off: refused at the proposal and at accept', async () => {
  const dev = await staffWith('dev', [], 'Monday');
  const atProposal = await propose(asha, dev, ashaMon);
  assertError(atProposal, 409, 'shift_on_weekly_off');
  assert.match(atProposal.body.error.message, /dev has Monday off/);

  // The proposer's days off count too: Asha (Saturday, Sunday off) cannot take Sam's Sunday in return.
  const sam = await staffWith('sam', [{ day: 'Sunday', start: '09:00', end: '17:00' }], 'Tuesday,Wednesday');
  const inReturn = await propose(asha, sam, ashaMon, { shiftId: sam.shift, date: '2026-11-29' });
  assertError(inReturn, 409, 'shift_on_weekly_off');
  assert.match(inReturn.body.error.message, /asha has Sunday off/);

  const swapId = await proposeOk(asha, ben, ashaMon);
  await patch(`/api/staff/${ben.staffId}/`, { weekly_off_days: 'Sunday,Monday' });
  await assertRefused(await act(ben, swapId, 'accept'), 'shift_on_weekly_off', swapId, 'pending');
});

test('min_rest_hours: too little rest is refused, naming both shifts; exactly enough is fine', async () => {
  const tom = await staffWith('tom', [{ day: 'Tuesday', start: '02:00', end: '10:00' }]);
  await patch('/api/settings/', { min_rest_hours: 12 });
  const atProposal = await propose(asha, tom, ashaMon);
  assertError(atProposal, 409, 'rest_too_short');
  assert.match(atProposal.body.error.message, /tom would have only 9 hours of rest between Monday 23 November 09:00–17:00 and Tuesday 24 November 02:00–10:00; the minimum is 12 hours/);

  await patch('/api/settings/', { min_rest_hours: 0 });
  const swapId = await proposeOk(asha, tom, ashaMon);
  await patch('/api/settings/', { min_rest_hours: 10 });
  await assertRefused(await act(tom, swapId, 'accept'), 'rest_too_short', swapId, 'pending');
  await patch('/api/settings/', { min_rest_hours: 9 });
  assert.equal((await act(tom, swapId, 'accept')).body.status, 'done');
  assert.deepEqual(await ashaMondayWorkers(), [tom.staffId]);

  // As an exchange, the shift Vic gives away no longer counts against his rest.
  await patch('/api/settings/', { min_rest_hours: 12 });
  const uma = await staffWith('uma', [{ day: 'Monday', start: '09:00', end: '17:00' }]);
  const vic = await staffWith('vic', [{ day: 'Tuesday', start: '02:00', end: '10:00' }]);
  const umaMon = { shiftId: uma.shift, date: '2026-11-23' };
  const vicTue = { shiftId: vic.shift, date: '2026-11-24' };
  assertError(await propose(uma, vic, umaMon), 409, 'rest_too_short');
  const exchange = await proposeOk(uma, vic, umaMon, vicTue);
  assert.equal((await act(vic, exchange, 'accept')).body.status, 'done');
});

test('a shift already checked into cannot be swapped', async () => {
  const swapId = await proposeOk(asha, ben, ashaMon);
  ctx.server.clock.set('2026-11-23T08:30:00Z');
  const image = toBase64(await makeFrame(320, 240));
  const checkIn = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: image }, await ctx.auth(asha));
  assert.equal(checkIn.status, 201, checkIn.text);
  await assertRefused(await act(ben, swapId, 'accept'), 'already_checked_in', swapId, 'pending');
  assertError(await propose(asha, ben, ashaMon), 409, 'already_checked_in');
});

test('a shift already started cannot be swapped, whichever side of the exchange it is', async () => {
  const swapId = await proposeOk(asha, ben, ashaMon);
  ctx.server.clock.set('2026-11-23T09:00:00Z');
  await assertRefused(await act(ben, swapId, 'accept'), 'shift_started', swapId, 'pending');
  assertError(await propose(asha, ben, ashaMon), 409, 'shift_started');

  // Asha's Monday 30 November for Ben's Wednesday 25th: the Wednesday starts first.
  const nextMonday = { ...ashaMon, date: '2026-11-30' };
  const exchange = await proposeOk(asha, ben, nextMonday, benWed);
  ctx.server.clock.set('2026-11-25T09:00:00Z');
  const started = await act(ben, exchange, 'accept');
  assertError(started, 409, 'shift_started');
  assert.match(started.body.error.message, /Wednesday 25 November 09:00–17:00/);

  // Accepted before the start, approved after it: refused.
  await patch('/api/settings/', { swap_requires_approval: true });
  const approveLate = await proposeOk(asha, ben, nextMonday);
  assert.equal((await act(ben, approveLate, 'accept')).body.status, 'awaiting_manager');
  ctx.server.clock.set('2026-11-30T09:00:00Z');
  assertError(await act(ctx.manager, approveLate, 'approve'), 409, 'shift_started');
  assert.equal(await statusOf(approveLate), 'awaiting_manager');
});

test('an occurrence a swap moved is not moved by another swap; a manager’s reassignment is', async () => {
  const carol = await staffWith('carol', []);
  const first = await proposeOk(asha, ben, ashaMon);
  assert.equal((await act(ben, first, 'accept')).body.status, 'done');
  // Refused when proposed, not only at the final yes.
  const passOn = await propose(ben, carol, ashaMon);
  assertError(passOn, 409, 'already_moved');
  assert.match(passOn.body.error.message, /already been moved by another swap/);
  assert.deepEqual(await ashaMondayWorkers(), [ben.staffId]);

  // Next Monday, reassigned by a manager to Carol: Carol may swap it on.
  const nextMonday = { ...ashaMon, date: '2026-11-30' };
  await patch('/api/roster/occurrence', { ...nextMonday, assignee: carol.staffId });
  assertError(await propose(asha, ben, nextMonday), 409, 'occurrence_not_found');
  const fromCarol = await proposeOk(carol, ben, nextMonday);
  assert.equal((await act(ben, fromCarol, 'accept')).body.status, 'done');
  const roster = await ctx.client.get('/api/roster/?from=2026-11-30&to=2026-11-30', await ctx.auth(ctx.manager));
  assert.deepEqual(roster.body.map((entry: any) => [entry.staff, entry.swap]), [[ben.staffId, fromCarol]]);
});

test('a deactivated person’s swap cannot be completed: accept and approve are 409 staff_inactive; decline and reject still end it', async () => {
  // Asha asks Ben to cover her Monday, then leaves: Ben cannot take the shift from her any more.
  const cover = await proposeOk(asha, ben, ashaMon);
  await patch(`/api/staff/${asha.staffId}/`, { active: false });
  const accepted = await act(ben, cover, 'accept');
  assertError(accepted, 409, 'staff_inactive');
  assert.equal(await statusOf(cover), 'pending');
  // The roster leaves out inactive people: the Monday is not Ben's, so it is nobody's.
  assert.deepEqual(await ashaMondayWorkers(), []);
  assert.match(accepted.body.error.message, /asha is no longer active.*decline it instead/);
  assert.equal((await act(ben, cover, 'decline')).body.status, 'declined');

  // With approval on, a proposer deactivated while the swap waits for a manager: approve is refused, reject works.
  await patch('/api/settings/', { swap_requires_approval: true });
  const carol = await staffWith('carol', [{ day: 'Tuesday', start: '09:00', end: '17:00' }]);
  const carolTue = { shiftId: carol.shift, date: '2026-11-24' };
  const awaiting = await proposeOk(carol, ben, carolTue);
  assert.equal((await act(ben, awaiting, 'accept')).body.status, 'awaiting_manager');
  await patch(`/api/staff/${carol.staffId}/`, { active: false });
  const approved = await act(ctx.manager, awaiting, 'approve');
  assertError(approved, 409, 'staff_inactive');
  assert.match(approved.body.error.message, /carol is no longer active.*reject it instead/);
  assert.equal(await statusOf(awaiting), 'awaiting_manager');
  const tuesday = await ctx.client.get('/api/roster/?from=2026-11-24&to=2026-11-24', await ctx.auth(ctx.manager));
  assert.deepEqual(tuesday.body.filter((entry: any) => entry.shiftId === carol.shift), [], 'Ben was not given Carol’s Tuesday');
  assert.equal((await act(ctx.manager, awaiting, 'reject')).body.status, 'rejected');

  // The counterpart deactivated (their account too, so they cannot sign in): the manager cannot approve it either.
  const dev = await staffWith('dev', [{ day: 'Thursday', start: '09:00', end: '17:00' }]);
  const erin = await staffWith('erin', []);
  const toErin = await proposeOk(dev, erin, { shiftId: dev.shift, date: '2026-11-26' });
  assert.equal((await act(erin, toErin, 'accept')).body.status, 'awaiting_manager');
  await patch(`/api/staff/${erin.staffId}/`, { active: false });
  assertError(await ctx.client.get('/api/me/', { token: erin.token }), 401);
  assertError(await act(ctx.manager, toErin, 'approve'), 409, 'staff_inactive');
  assert.equal(await statusOf(toErin), 'awaiting_manager');
  // Either side may still cancel: the one still active withdraws it.
  assert.equal((await act(dev, toErin, 'cancel')).body.status, 'cancelled');
});

test.run();
