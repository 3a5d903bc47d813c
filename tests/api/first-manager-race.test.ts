/**
 * The first-manager registration is atomic: eight `POST /api/register/`
 * sent at once to a server with no user create exactly one manager, and
 * the other seven are refused (401: a manager exists now, so registering
 * needs one). On a PostgreSQL server the eight requests are also made to
 * reach the "is this the first account?" check together: the test holds a
 * lock on `users` until all eight are waiting behind it, then lets them go.
 * (Without the registration's own table lock, several of them then see no
 * user and all insert one.) PGlite runs one transaction at a time, so there
 * the race cannot happen; the test still sends them together.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError } from '../helpers/assertions.js';
import type { Reply } from '../helpers/http.js';

const ctx = useApiSuite(test, { manager: false });

const racers = 8;
const rounds = 3;
const password = 'Correct-Horse-9';

function registerAll(): Promise<Reply[]> {
  return Promise.all(Array.from({ length: racers }, (_, i) => ctx.client.post('/api/register/', { username: `boss${i}`, password, role: 'Manager' })));
}

/** Exactly one 201; every other reply a 401 saying a manager exists; and one account in the database, that manager. */
async function assertOneManager(replies: Reply[], round: number): Promise<void> {
  const texts = replies.map((reply) => `${reply.status} ${reply.text}`).join('\n');
  const winners = replies.filter((reply) => reply.status === 201);
  assert.equal(winners.length, 1, `round ${round}: ${winners.length} first managers were created:\n${texts}`);
  for (const loser of replies.filter((reply) => reply.status !== 201)) {
    assertError(loser, 401, 'unauthorized');
    assert.match(loser.body.error.message, /a manager already exists/i);
  }
  const winner = winners[0]!.body;
  assert.equal(winner.role, 'Manager');
  const tokens = await ctx.client.post('/api/token/', { username: winner.username, password });
  assert.equal(tokens.status, 200, tokens.text);
  const accounts = await ctx.client.get('/api/users/', { token: tokens.body.access });
  assert.equal(accounts.status, 200, accounts.text);
  assert.deepEqual(
    accounts.body.map((account: any) => [account.username, account.role]),
    [[winner.username, 'manager']],
    `round ${round}: accounts`,
  );
  assert.equal((await ctx.client.get('/api/auth/status')).body.needsFirstManager, false);
}

test(`${racers} first-manager registrations sent at once: one manager, ${racers - 1} refusals`, async () => {
  for (let round = 0; round < rounds; round++) {
    await ctx.startFresh();
    await assertOneManager(await registerAll(), round);
  }
});

test(`on a PostgreSQL server: ${racers} registrations let through the same lock at once still make one manager`, async () => {
  const url = ctx.server.database.url;
  if (!url) return; // PGlite: one transaction at a time, nothing to interleave.
  for (let round = 0; round < rounds; round++) {
    await ctx.startFresh();
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      // Conflicts with every lock a registration takes, even a plain read of `users`.
      await blocker.query('begin');
      await blocker.query('lock table users in access exclusive mode');
      let settled = false;
      const replies = registerAll().finally(() => (settled = true));
      const deadline = Date.now() + 60_000;
      for (;;) {
        // A registration takes the ledger's advisory lock first, so the first waits on `users` and the rest on that lock.
        const { rows } = await blocker.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_locks where not granted and (relation = 'users'::regclass or locktype = 'advisory')`,
        );
        if (rows[0]!.waiting === racers) break;
        if (settled) assert.fail(`round ${round}: the registrations answered before all ${racers} waited on the lock:\n${(await replies).map((r) => r.text).join('\n')}`);
        if (Date.now() > deadline) assert.fail(`round ${round}: only ${rows[0]!.waiting} of ${racers} registrations reached the locks`);
        await delay(10);
      }
      await blocker.query('rollback');
      await assertOneManager(await replies, round);
    } finally {
      await blocker.end();
    }
  }
});

test.run();
