/**
 * `GET /api/audit/verify` over 100,000 ledger entries, then over 1,000,000
 * (the same chain grown), timed through HTTP, with the growth factor
 * (linear expected: ≈ 10×). Entries are `photo.viewed`-sized and -shaped,
 * hashed and inserted directly (the chain is valid, so verify reads it all).
 *
 *   node --import tsx bench/ledger-verify.ts       (DATABASE_URL set: on that server; BENCH_ENTRIES=100000,1000000)
 */
import { createHash } from 'node:crypto';
import { ledger } from '../storage/schema.js';
import { canonicalJson, nextEntry, type LedgerEntry } from '../server/ledger/chain.js';
import { actorText } from '../server/ledger/ledger.queries.js';
import { createManager } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { settleConnection } from './seed.js';
import { ms } from './stats.js';

const sizes = (process.env.BENCH_ENTRIES ?? '100000,1000000').split(',').map(Number);
const server = await startTestServer({ now: '2026-11-30T12:00:00Z', timezone: 'UTC' });
try {
  const client = createClient(server.url);
  const manager = await createManager(client, 'bench_manager');
  const db = server.database.db;
  // Creating the manager wrote the first entries: the chain continues from its head.
  const [head] = await db.select().from(ledger).orderBy(ledger.seq).limit(1).offset((await db.$count(ledger)) - 1);
  let last: Pick<LedgerEntry, 'seq' | 'hash'> = { seq: head!.seq, hash: head!.hash };
  const start = Date.parse('2026-11-30T12:00:00Z');

  async function growTo(total: number) {
    const seedStarted = performance.now();
    while (last.seq < total) {
      const rows = [];
      for (let i = 0; i < 2000 && last.seq < total; i++) {
        const photoId = createHash('sha256').update(String(last.seq)).digest('hex');
        const entry = nextEntry(last, { at: new Date(start + last.seq * 1000).toISOString(), actor: { kind: 'user', id: manager.id }, action: 'photo.viewed', entity: `photo:${photoId}`, data: { photoId } });
        rows.push({ seq: entry.seq, at: new Date(entry.at), actor: actorText(entry.actor), action: entry.action, entity: entry.entity, data: canonicalJson(entry.data), prevHash: entry.prevHash, hash: entry.hash });
        last = entry;
      }
      await db.insert(ledger).values(rows);
    }
    console.log(`seeded to ${total} entries in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
  }

  const database = server.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  const times: { entries: number; ms: number }[] = [];
  for (const size of sizes) {
    await growTo(size);
    await settleConnection(server.url);
    const started = performance.now();
    const reply = await client.get('/api/audit/verify', { token: manager.token });
    const elapsed = performance.now() - started;
    if (reply.status !== 200 || !reply.body.ok) throw new Error(`verify: ${reply.status} ${reply.text}`);
    times.push({ entries: reply.body.entries, ms: elapsed });
    console.log(`verify over ${reply.body.entries} entries (${database}): ${ms(elapsed)} (${((elapsed * 1000) / reply.body.entries).toFixed(1)} µs per entry)`);
  }
  for (let i = 1; i < times.length; i++) {
    const growth = times[i]!.ms / times[i - 1]!.ms;
    const entries = times[i]!.entries / times[i - 1]!.entries;
    console.log(`growth ${times[i - 1]!.entries} → ${times[i]!.entries} entries (${entries.toFixed(1)}×): time ${growth.toFixed(2)}× (linear would be ${entries.toFixed(1)}×)`);
  }
} finally {
  await server.close();
}
