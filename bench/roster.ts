/**
 * `GET /api/roster/` for 1,000 staff over 31 days (~25,000 occurrences),
 * next to the raw database time of the queries behind it, in one run. The
 * client runs on a thread of its own, as a browser would: receiving 9.7 MB
 * on the server's thread counted the client's work as the server's.
 *
 *   node --import tsx bench/roster.ts          (DATABASE_URL set: on that server)
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { createClient } from '../tests/helpers/http.js';
import { createManager } from '../tests/helpers/fixtures.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { seedShifts, seedStaff } from './seed.js';
import { median, ms, percentile } from './stats.js';

// The body is read as bytes, not parsed: parsing 8 MB of JSON is the client's time, not the server's.
const timingClient = `
  const { parentPort, workerData: { url, token, encoding } } = require('node:worker_threads');
  (async () => {
    const times = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token, 'Accept-Encoding': encoding } });
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
    parentPort.postMessage(times);
  })();
`;

const staffCount = Number(process.env.BENCH_STAFF ?? 1000);
const server = await startTestServer({ now: '2026-11-30T12:00:00Z', timezone: 'America/New_York' });
try {
  const client = createClient(server.url);
  const manager = await createManager(client, 'bench_manager');
  const db = server.database.db;
  const staffRows = await seedStaff(db, staffCount, (i) => ({ name: `Staff ${i}`, weeklyOffs: i % 3 === 0 ? [6, 7] : [7] }));
  const starts = ['06:00', '07:30', '09:00', '14:00', '22:00'];
  const shiftValues = staffRows.flatMap((row, i) =>
    [1, 2, 3, 4, 5, 6, 7]
      .filter((day) => !row.weeklyOffs.includes(day))
      .map((day) => {
        const start = starts[(i + day) % starts.length]!;
        const end = start === '22:00' ? '06:00' : `${String(Number(start.slice(0, 2)) + 8).padStart(2, '0')}${start.slice(2)}`;
        return { staffId: row.id, dayOfWeek: day, startTime: `${start}:00`, endTime: `${end}:00` };
      }),
  );
  await seedShifts(db, shiftValues);

  const path = '/api/roster/?from=2026-12-01&to=2026-12-31';
  const first = await client.get(path, manager);
  if (first.status !== 200) throw new Error(`${first.status} ${first.text}`);
  const count = first.body.length;

  // Measured as sent (identity) and gzip-compressed, as a browser asks for it.
  const timeRequests = async (encoding: string) => {
    const client = new Worker(timingClient, { eval: true, workerData: { url: `${server.url}${path}`, token: manager.token, encoding } });
    const [times] = (await once(client, 'message')) as [number[]];
    await client.terminate();
    return { times };
  };
  const { times: serverTimes } = await timeRequests('identity');
  const gzip = await timeRequests('gzip');
  const rawTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await db.execute(
      sql`select v.shift_id, s.staff_id, v.day_of_week, v.start_time, v.end_time, v.valid_from, v.valid_to from shift_versions v join shifts s on s.id = v.shift_id join staff st on st.id = s.staff_id where st.active and v.valid_from <= '2026-12-31' and (v.valid_to is null or v.valid_to >= '2026-12-01')`,
    );
    await db.execute(sql`select shift_id, date, assignee_staff_id, cancelled, start_time, end_time, swap_id from shift_overrides where date between '2026-12-01' and '2026-12-31'`);
    rawTimes.push(performance.now() - started);
  }
  const database = server.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  console.log(`${staffCount} staff, ${shiftValues.length} template shifts, 31 days → ${count} occurrences (${database}, America/New_York)`);
  console.log(`GET /api/roster/ (HTTP, JSON ${(first.text.length / 1048576).toFixed(1)} MB): median ${ms(median(serverTimes))}, p95 ${ms(percentile(serverTimes, 95))} (target ≤ 100 ms)`);
  console.log(`GET /api/roster/ gzip-compressed, as browsers ask for it: median ${ms(median(gzip.times))}, p95 ${ms(percentile(gzip.times, 95))} (target ≤ 130 ms)`);
  console.log(`raw database time of the same queries: median ${ms(median(rawTimes))}`);
  console.log(`ratio: ${(median(serverTimes) / median(rawTimes)).toFixed(1)}× the raw queries`);
} finally {
  await server.close();
}
