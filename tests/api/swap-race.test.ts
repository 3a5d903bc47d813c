/**
 * Swaps racing at the final yes: two HTTP requests sent at the same moment
 * (Promise.all), so on a PostgreSQL server two pool connections really run
 * the two transactions at once. Whatever the interleaving, exactly one wins,
 * nobody is double-booked and no occurrence is lost or doubled. Each race is
 * run for several rounds, from an empty database each time, alternating
 * which request is sent first.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

const rounds = 5;

// Friday 20 November 2026.
const ctx = useApiSuite(test, { now: '2026-11-20T12:00:00Z', timezone: 'UTC' });

type Person = StaffAccount & { monday: number | undefined };
const monday = '2026-11-23';

/** A fresh database with a manager and staff members, each with the given Monday shift (or none). */
async function freshRound<Name extends string>(people: Record<Name, [string, string] | null>): Promise<Record<Name, Person>> {
  await ctx.startFresh();
  const made = {} as Record<Name, Person>;
  for (const [username, times] of Object.entries(people) as [Name, [string, string] | null][]) {
    const shifts = times ? [{ day: 'Monday', start: times[0], end: times[1] }] : [];
    const account = await createStaffMember(ctx.client, ctx.manager, username, { shifts });
    const template = await ctx.client.get(`/api/shifts/?staff=${account.staffId}`, await ctx.auth(ctx.manager));
    made[username] = { ...account, monday: template.body[0]?.id };
  }
  return made;
}

async function proposeCover(proposer: Person, withStaff: Person): Promise<number> {
  const reply = await ctx.client.post('/api/swaps/', { shift: { shiftId: proposer.monday, date: monday }, withStaff: withStaff.staffId }, await ctx.auth(proposer));
  assert.equal(reply.status, 201, reply.text);
  return reply.body.id;
}

/** Sends every request before awaiting any, in the given order. */
async function atOnce(requests: (() => Promise<Reply>)[], round: number): Promise<Reply[]> {
  const ordered = round % 2 === 0 ? requests : [...requests].reverse();
  const replies = await Promise.all(ordered.map((send) => send()));
  return round % 2 === 0 ? replies : replies.reverse();
}

/** Monday 23 November from the manager's roster, as [shift, staff, swap]. */
async function mondayRoster(): Promise<[number, number, number | null][]> {
  const reply = await ctx.client.get(`/api/roster/?from=${monday}&to=${monday}`, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((entry: any) => [entry.shiftId, entry.staff, entry.swap]);
}

async function statusOf(swapId: number): Promise<string> {
  return (await ctx.client.get(`/api/swaps/${swapId}`, await ctx.auth(ctx.manager))).body.status;
}

/** Exactly one reply is a 200 `done`; the other a 409 with one of `codes`. Returns the winner's index. */
function oneWinner(replies: Reply[], codes: string[], round: number): number {
  assert.deepEqual(replies.map((reply) => reply.status).sort(), [200, 409], `round ${round}: ${replies.map((reply) => reply.text).join('\n')}`);
  const winner = replies.findIndex((reply) => reply.status === 200);
  assert.equal(replies[winner]!.body.status, 'done');
  const loser = replies[1 - winner]!;
  assertError(loser, 409);
  assert.ok(codes.includes(loser.body.error.code), `round ${round}: unexpected ${loser.text}`);
  return winner;
}

test('two swaps give away the same occurrence (A→B, A→C), both accepted at once: one wins, one person works it', async () => {
  for (let round = 0; round < rounds; round++) {
    const { asha, ben, carol } = await freshRound({ asha: ['09:00', '17:00'], ben: null, carol: null });
    const toBen = await proposeCover(asha, ben);
    const toCarol = await proposeCover(asha, carol);
    const [benAuth, carolAuth] = [await ctx.auth(ben), await ctx.auth(carol)];
    const replies = await atOnce(
      [() => ctx.client.post(`/api/swaps/${toBen}/accept`, undefined, benAuth), () => ctx.client.post(`/api/swaps/${toCarol}/accept`, undefined, carolAuth)],
      round,
    );
    const winner = oneWinner(replies, ['occurrence_not_found', 'already_moved'], round);
    const [winnerSwap, loserSwap] = winner === 0 ? [toBen, toCarol] : [toCarol, toBen];
    const taker = winner === 0 ? ben : carol;

    assert.deepEqual(await mondayRoster(), [[asha.monday, taker.staffId, winnerSwap]], `round ${round}`);
    assert.deepEqual([await statusOf(winnerSwap), await statusOf(loserSwap)], ['done', 'pending']);
    // Each person's own roster agrees: the Monday appears once, for the taker only.
    const own = await Promise.all([asha, ben, carol].map(async (person) => (await ctx.client.get(`/api/roster/?from=${monday}&to=${monday}`, await ctx.auth(person))).body.length));
    assert.deepEqual(own, [asha, ben, carol].map((person) => (person === taker ? 1 : 0)), `round ${round}`);
  }
});

test('two swaps that would double-book one person (A→C and B→C, overlapping), accepted at once: one wins', async () => {
  for (let round = 0; round < rounds; round++) {
    const { asha, ben, carol } = await freshRound({ asha: ['09:00', '17:00'], ben: ['12:00', '20:00'], carol: null });
    const fromAsha = await proposeCover(asha, carol);
    const fromBen = await proposeCover(ben, carol);
    const carolAuth = await ctx.auth(carol);
    const replies = await atOnce(
      [() => ctx.client.post(`/api/swaps/${fromAsha}/accept`, undefined, carolAuth), () => ctx.client.post(`/api/swaps/${fromBen}/accept`, undefined, carolAuth)],
      round,
    );
    const winner = oneWinner(replies, ['shift_overlap'], round);
    const expected = [
      [asha.monday, winner === 0 ? carol.staffId : asha.staffId, winner === 0 ? fromAsha : null],
      [ben.monday, winner === 1 ? carol.staffId : ben.staffId, winner === 1 ? fromBen : null],
    ];
    assert.deepEqual(await mondayRoster(), expected, `round ${round}`);
    const carolsMonday = await ctx.client.get(`/api/roster/?from=${monday}&to=${monday}`, await ctx.auth(carol));
    assert.equal(carolsMonday.body.length, 1, `round ${round}: ${carolsMonday.text}`);
  }
});

test('an exchange and a cover racing for the same occurrence, with manager approval: two approvals at once, one wins', async () => {
  for (let round = 0; round < rounds; round++) {
    const { asha, ben, carol } = await freshRound({ asha: ['09:00', '17:00'], ben: ['18:00', '22:00'], carol: null });
    const settings = await ctx.client.patch('/api/settings/', { swap_requires_approval: true }, await ctx.auth(ctx.manager));
    assert.equal(settings.status, 200, settings.text);
    const exchange = await ctx.client.post(
      '/api/swaps/',
      { shift: { shiftId: asha.monday, date: monday }, withStaff: ben.staffId, inReturn: { shiftId: ben.monday, date: monday } },
      await ctx.auth(asha),
    );
    assert.equal(exchange.status, 201, exchange.text);
    const cover = await proposeCover(asha, carol);
    for (const [person, swapId] of [[ben, exchange.body.id], [carol, cover]] as const) {
      const accepted = await ctx.client.post(`/api/swaps/${swapId}/accept`, undefined, await ctx.auth(person));
      assert.equal(accepted.body.status, 'awaiting_manager', accepted.text);
    }
    const managerAuth = await ctx.auth(ctx.manager);
    const replies = await atOnce(
      [() => ctx.client.post(`/api/swaps/${exchange.body.id}/approve`, undefined, managerAuth), () => ctx.client.post(`/api/swaps/${cover}/approve`, undefined, managerAuth)],
      round,
    );
    const winner = oneWinner(replies, ['occurrence_not_found', 'already_moved'], round);
    const expected =
      winner === 0
        ? [[asha.monday, ben.staffId, exchange.body.id], [ben.monday, asha.staffId, exchange.body.id]]
        : [[asha.monday, carol.staffId, cover], [ben.monday, ben.staffId, null]];
    assert.deepEqual(await mondayRoster(), expected, `round ${round}`);
    assert.equal(await statusOf(winner === 0 ? cover : exchange.body.id), 'awaiting_manager');
  }
});

test('accept and cancel of one swap at the same moment: exactly one takes effect, and the roster agrees', async () => {
  for (let round = 0; round < rounds; round++) {
    const { asha, ben } = await freshRound({ asha: ['09:00', '17:00'], ben: null });
    const swapId = await proposeCover(asha, ben);
    const [ashaAuth, benAuth] = [await ctx.auth(asha), await ctx.auth(ben)];
    const [accept, cancel] = await atOnce(
      [() => ctx.client.post(`/api/swaps/${swapId}/accept`, undefined, benAuth), () => ctx.client.post(`/api/swaps/${swapId}/cancel`, undefined, ashaAuth)],
      round,
    );
    assert.deepEqual([accept!.status, cancel!.status].sort(), [200, 409], `round ${round}: ${accept!.text}\n${cancel!.text}`);
    assertError(accept!.status === 409 ? accept! : cancel!, 409, 'swap_not_open');
    const final = await statusOf(swapId);
    assert.equal(final, accept!.status === 200 ? 'done' : 'cancelled');
    assert.deepEqual(await mondayRoster(), [[asha.monday, final === 'done' ? ben.staffId : asha.staffId, final === 'done' ? swapId : null]]);
  }
});

test.run();
