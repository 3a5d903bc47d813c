/**
 * Shift swaps through the API: every path through the status machine, with
 * and without manager approval, seen in the roster and at the attendance
 * endpoint; who may do what; the list; bad input. The 409 rules are in
 * swap-rules.test.ts, the races in swap-race.test.ts. Time zone UTC.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Friday 20 November 2026.
const ctx = useApiSuite(test, { now: '2026-11-20T12:00:00Z', timezone: 'UTC' });
let asha: StaffAccount;
let ben: StaffAccount;
let carol: StaffAccount;
/** Asha's Monday 09–17, Ben's Wednesday 09–17 and Carol's Thursday 09–17, on 23, 25 and 26 November. */
let ashaMon: { shiftId: number; date: string };
let benWed: { shiftId: number; date: string };
let carolThu: { shiftId: number; date: string };

test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Wednesday', start: '09:00', end: '17:00' }] });
  carol = await createStaffMember(ctx.client, ctx.manager, 'carol', { shifts: [{ day: 'Thursday', start: '09:00', end: '17:00' }] });
  const shifts = (await ctx.client.get('/api/shifts/', await ctx.auth(ctx.manager))).body as { id: number; staff: number }[];
  const shiftOf = (staff: StaffAccount) => shifts.find((shift) => shift.staff === staff.staffId)!.id;
  ashaMon = { shiftId: shiftOf(asha), date: '2026-11-23' };
  benWed = { shiftId: shiftOf(ben), date: '2026-11-25' };
  carolThu = { shiftId: shiftOf(carol), date: '2026-11-26' };
});

async function propose(proposer: Account, body: Record<string, unknown>): Promise<Reply> {
  return ctx.client.post('/api/swaps/', body, await ctx.auth(proposer));
}

async function proposeOk(proposer: StaffAccount, withStaff: StaffAccount, shift: object, inReturn: object | null = null): Promise<number> {
  const reply = await propose(proposer, { shift, withStaff: withStaff.staffId, inReturn });
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.status, 'pending');
  return reply.body.id;
}

async function act(account: Account | null, swapId: number, action: string): Promise<Reply> {
  return ctx.client.post(`/api/swaps/${swapId}/${action}`, undefined, account ? await ctx.auth(account) : undefined);
}

async function actOk(account: Account, swapId: number, action: string, status: string): Promise<void> {
  const reply = await act(account, swapId, action);
  assert.equal(reply.status, 200, `${action}: ${reply.text}`);
  assert.equal(reply.body.status, status);
}

async function statusOf(swapId: number): Promise<string> {
  return (await ctx.client.get(`/api/swaps/${swapId}`, await ctx.auth(ctx.manager))).body.status;
}

/** The manager's roster for the week of 23 November as [date, shift, staff, swap]. */
async function week(account: Account = ctx.manager): Promise<[string, number, number, number | null][]> {
  const reply = await ctx.client.get('/api/roster/?from=2026-11-23&to=2026-11-29', await ctx.auth(account));
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((entry: any) => [entry.date, entry.shiftId, entry.staff, entry.swap]);
}

async function setApproval(on: boolean): Promise<void> {
  const reply = await ctx.client.patch('/api/settings/', { swap_requires_approval: on }, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
}

const unchanged = () => [
  [ashaMon.date, ashaMon.shiftId, asha.staffId, null],
  [benWed.date, benWed.shiftId, ben.staffId, null],
  [carolThu.date, carolThu.shiftId, carol.staffId, null],
];

test('an exchange without approval: accepted is done, both occurrences move, and the new person checks in', async () => {
  const proposed = await propose(asha, { shift: ashaMon, withStaff: ben.staffId, inReturn: benWed, note: 'dentist' });
  assert.equal(proposed.status, 201, proposed.text);
  assert.deepEqual(
    { ...proposed.body, createdAt: undefined, updatedAt: undefined },
    {
      id: proposed.body.id, status: 'pending', proposer: asha.staffId, proposerName: 'asha', counterpart: ben.staffId, counterpartName: 'ben',
      shift: { ...ashaMon, start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T17:00:00.000Z', staff: asha.staffId },
      inReturn: { ...benWed, start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T17:00:00.000Z', staff: ben.staffId },
      note: 'dentist', createdAt: undefined, updatedAt: undefined,
    },
  );
  const swapId = proposed.body.id;
  assert.deepEqual(await week(), unchanged(), 'a proposal moves nothing');

  await actOk(ben, swapId, 'accept', 'done');
  assert.deepEqual(await week(), [
    [ashaMon.date, ashaMon.shiftId, ben.staffId, swapId],
    [benWed.date, benWed.shiftId, asha.staffId, swapId],
    [carolThu.date, carolThu.shiftId, carol.staffId, null],
  ]);
  assert.deepEqual(await week(asha), [[benWed.date, benWed.shiftId, asha.staffId, swapId]]);
  assert.deepEqual(await week(ben), [[ashaMon.date, ashaMon.shiftId, ben.staffId, swapId]]);
  const nextMonday = await ctx.client.get('/api/roster/?from=2026-11-30&to=2026-11-30', await ctx.auth(ctx.manager));
  assert.deepEqual(nextMonday.body.map((entry: any) => [entry.staff, entry.swap]), [[asha.staffId, null]], 'only that date moved');

  // Monday 08:30: Ben's check-in window is open for Asha's shift; Asha has none.
  ctx.server.clock.set('2026-11-23T08:30:00Z');
  const image = toBase64(await makeFrame(320, 240));
  const benIn = await ctx.client.post('/api/attendance/', { staff: ben.staffId, captured_image: image }, await ctx.auth(ben));
  assert.equal(benIn.status, 201, benIn.text);
  assert.deepEqual([benIn.body.kind, benIn.body.shift, benIn.body.date], ['check_in', ashaMon.shiftId, ashaMon.date]);
  assertError(await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: image }, await ctx.auth(asha)), 409, 'window_closed');
});

test('a cover request (inReturn null or left out): the shift goes, nothing comes back', async () => {
  const explicit = await proposeOk(asha, ben, ashaMon, null);
  const left = await propose(ben, { shift: benWed, withStaff: carol.staffId });
  assert.equal(left.status, 201, left.text);
  assert.equal(left.body.inReturn, null);
  await actOk(ben, explicit, 'accept', 'done');
  await actOk(carol, left.body.id, 'accept', 'done');
  assert.deepEqual(await week(), [
    [ashaMon.date, ashaMon.shiftId, ben.staffId, explicit],
    [benWed.date, benWed.shiftId, carol.staffId, left.body.id],
    [carolThu.date, carolThu.shiftId, carol.staffId, null],
  ]);
  assert.deepEqual(await week(asha), []);
});

test('with approval on: accept waits for a manager, roster unchanged; approve makes it done', async () => {
  await setApproval(true);
  const swapId = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, swapId, 'accept', 'awaiting_manager');
  assert.deepEqual(await week(), unchanged());
  assertError(await act(ben, swapId, 'accept'), 409, 'swap_not_open');
  await actOk(ctx.manager, swapId, 'approve', 'done');
  assert.deepEqual(await week(), [
    [ashaMon.date, ashaMon.shiftId, ben.staffId, swapId],
    [benWed.date, benWed.shiftId, asha.staffId, swapId],
    [carolThu.date, carolThu.shiftId, carol.staffId, null],
  ]);
  assertError(await act(ctx.manager, swapId, 'approve'), 409, 'swap_not_open');
  assertError(await act(ctx.manager, swapId, 'reject'), 409, 'swap_not_open');
});

test('with approval on: reject leaves the roster as it was, and nothing reopens the swap', async () => {
  await setApproval(true);
  const swapId = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, swapId, 'accept', 'awaiting_manager');
  await actOk(ctx.manager, swapId, 'reject', 'rejected');
  assert.deepEqual(await week(), unchanged());
  for (const [account, action] of [[ctx.manager, 'approve'], [ben, 'accept'], [asha, 'cancel']] as const) {
    assertError(await act(account, swapId, action), 409, 'swap_not_open');
  }
  assert.equal(await statusOf(swapId), 'rejected');
});

test('decline: the swap is declined, the roster unchanged, and it can no longer be accepted', async () => {
  const swapId = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, swapId, 'decline', 'declined');
  assertError(await act(ben, swapId, 'accept'), 409, 'swap_not_open');
  assertError(await act(ben, swapId, 'decline'), 409, 'swap_not_open');
  assert.deepEqual(await week(), unchanged());
  assert.equal(await statusOf(swapId), 'declined');
});

test('either side cancels before the final yes; after done, cancel is 409; accepting twice is 409', async () => {
  const byProposer = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(asha, byProposer, 'cancel', 'cancelled');
  assertError(await act(ben, byProposer, 'accept'), 409, 'swap_not_open');

  const byCounterpart = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, byCounterpart, 'cancel', 'cancelled');

  await setApproval(true);
  const whileAwaiting = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, whileAwaiting, 'accept', 'awaiting_manager');
  await actOk(asha, whileAwaiting, 'cancel', 'cancelled');
  assertError(await act(ctx.manager, whileAwaiting, 'approve'), 409, 'swap_not_open');
  assert.deepEqual(await week(), unchanged());

  await setApproval(false);
  const done = await proposeOk(asha, ben, ashaMon, benWed);
  await actOk(ben, done, 'accept', 'done');
  const twice = await act(ben, done, 'accept');
  assertError(twice, 409, 'swap_not_open');
  assert.match(twice.body.error.message, /already done/);
  for (const account of [asha, ben]) assertError(await act(account, done, 'cancel'), 409, 'swap_not_open');
  assertError(await act(ben, done, 'decline'), 409, 'swap_not_open');
  assert.equal(await statusOf(done), 'done');
  assert.deepEqual((await week()).map(([, , staff, swap]) => [staff, swap]), [[ben.staffId, done], [asha.staffId, done], [carol.staffId, null]]);
});

test('authorization for every verb: the two parties, a third staff member (404), a manager, anonymous', async () => {
  const pending = await proposeOk(asha, ben, ashaMon, benWed);
  const expectations: [Account | null, string, number][] = [
    [asha, 'accept', 403], [ctx.manager, 'accept', 403], [carol, 'accept', 404], [null, 'accept', 401],
    [asha, 'decline', 403], [ctx.manager, 'decline', 403], [carol, 'decline', 404], [null, 'decline', 401],
    [ctx.manager, 'cancel', 403], [carol, 'cancel', 404], [null, 'cancel', 401],
    [asha, 'approve', 403], [ben, 'approve', 403], [carol, 'approve', 404], [null, 'approve', 401],
    [asha, 'reject', 403], [ben, 'reject', 403], [carol, 'reject', 404], [null, 'reject', 401],
  ];
  for (const [account, action, status] of expectations) {
    const reply = await act(account, pending, action);
    assertError(reply, status, { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[status]);
  }
  assert.equal(await statusOf(pending), 'pending');

  for (const account of [asha, ben, ctx.manager]) assert.equal((await ctx.client.get(`/api/swaps/${pending}`, await ctx.auth(account))).status, 200);
  assertError(await ctx.client.get(`/api/swaps/${pending}`, await ctx.auth(carol)), 404, 'not_found');
  assertError(await ctx.client.get(`/api/swaps/${pending}`), 401, 'unauthorized');
  assertError(await propose(ctx.manager, { shift: ashaMon, withStaff: ben.staffId }), 403, 'forbidden');
  assertError(await ctx.client.post('/api/swaps/', { shift: ashaMon, withStaff: ben.staffId }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/swaps/'), 401, 'unauthorized');

  // Approve and reject belong to a manager only, also once the swap awaits one.
  await setApproval(true);
  await actOk(ben, pending, 'accept', 'awaiting_manager');
  for (const account of [asha, ben]) {
    assertError(await act(account, pending, 'approve'), 403, 'forbidden');
    assertError(await act(account, pending, 'reject'), 403, 'forbidden');
  }
  assertError(await act(carol, pending, 'approve'), 404, 'not_found');
  assertError(await act(ctx.manager, pending, 'cancel'), 403, 'forbidden');
  assert.equal(await statusOf(pending), 'awaiting_manager');
  assert.deepEqual(await week(), unchanged());
});

test('GET /api/swaps/: staff see the swaps they are part of, managers all; ?status filters', async () => {
  const dev = await createStaffMember(ctx.client, ctx.manager, 'dev');
  const first = await proposeOk(asha, ben, ashaMon, null);
  const second = await proposeOk(carol, ben, carolThu, benWed);
  const ids = async (account: Account, query = '') => {
    const reply = await ctx.client.get(`/api/swaps/${query}`, await ctx.auth(account));
    assert.equal(reply.status, 200, reply.text);
    return reply.body.map((swap: { id: number }) => swap.id);
  };
  assert.deepEqual(await ids(asha), [first]);
  assert.deepEqual(await ids(ben), [second, first]);
  assert.deepEqual(await ids(carol), [second]);
  assert.deepEqual(await ids(dev), []);
  assert.deepEqual(await ids(ctx.manager), [second, first]);
  await actOk(ben, first, 'decline', 'declined');
  assert.deepEqual(await ids(ctx.manager, '?status=declined'), [first]);
  assert.deepEqual(await ids(ben, '?status=pending'), [second]);
  assert.deepEqual(await ids(carol, '?status=declined'), []);
  assertFieldError(await ctx.client.get('/api/swaps/?status=maybe', await ctx.auth(ctx.manager)), 'status');
});

test('bad proposals are 400 naming the field, and create nothing', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ withStaff: ben.staffId }, 'shift'],
    [{ shift: ashaMon }, 'withStaff'],
    [{ shift: { shiftId: ashaMon.shiftId }, withStaff: ben.staffId }, 'shift.date'],
    [{ shift: { ...ashaMon, date: '2026-02-30' }, withStaff: ben.staffId }, 'shift.date'],
    [{ shift: { ...ashaMon, date: 'next monday' }, withStaff: ben.staffId }, 'shift.date'],
    [{ shift: { ...ashaMon, shiftId: 'one' }, withStaff: ben.staffId }, 'shift.shiftId'],
    [{ shift: ashaMon, withStaff: ben.staffId, inReturn: { ...benWed, date: '2026-11-31' } }, 'inReturn.date'],
    [{ shift: ashaMon, withStaff: ben.staffId, inReturn: 'Wednesday' }, 'inReturn'],
    [{ shift: ashaMon, withStaff: 'ben' }, 'withStaff'],
    [{ shift: ashaMon, withStaff: asha.staffId }, 'withStaff'],
    [{ shift: ashaMon, withStaff: 99999 }, 'withStaff'],
    [{ shift: ashaMon, withStaff: ben.staffId, note: 'x'.repeat(501) }, 'note'],
  ];
  for (const [body, field] of cases) assertFieldError(await propose(asha, body), field);
  assertError(await ctx.client.post('/api/swaps/', '[]', await ctx.auth(asha)), 400, 'invalid_json');
  assertFieldError(await act(ben, 0, 'accept'), 'id');
  assertFieldError(await ctx.client.post('/api/swaps/abc/accept', undefined, await ctx.auth(ben)), 'id');
  assertError(await act(ben, 99999, 'accept'), 404, 'not_found');
  assert.deepEqual((await ctx.client.get('/api/swaps/', await ctx.auth(ctx.manager))).body, []);
});

test.run();
