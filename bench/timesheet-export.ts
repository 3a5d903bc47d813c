/**
 * `GET /api/timesheets.csv` for 200 staff over 61 days with a check-in and
 * a check-out on every past occurrence (~10,000 occurrences, ~20,000
 * records), and the pure row builder alone, in one run.
 *
 *   node --import tsx bench/timesheet-export.ts     (DATABASE_URL set: on that server)
 */
import { attendance } from '../storage/schema.js';
import { loadEffectiveOccurrences } from '../server/roster/roster.queries.js';
import { buildTimesheet } from '../server/timesheets/timesheet-rows.js';
import { createClient } from '../tests/helpers/http.js';
import { createManager } from '../tests/helpers/fixtures.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { insertInBatches, seedShifts, seedStaff } from './seed.js';
import { median, ms, percentile } from './stats.js';

const staffCount = Number(process.env.BENCH_STAFF ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const from = '2026-09-01';
const to = '2026-10-31';
const server = await startTestServer({ now: '2026-11-02T12:00:00Z', timezone: 'Europe/London' });
try {
  const client = createClient(server.url);
  const manager = await createManager(client, 'bench_manager');
  const db = server.database.db;
  const staffRows = await seedStaff(db, staffCount, (i) => ({ name: `Staff ${String(i).padStart(3, '0')}`, weeklyOffs: [7] }));
  const starts = ['06:00', '09:00', '14:00', '22:00'];
  const shiftValues = staffRows.flatMap((row, i) =>
    [1, 2, 3, 4, 5, 6].map((day) => {
      const start = starts[(i + day) % starts.length]!;
      const end = start === '22:00' ? '06:00' : `${String(Number(start.slice(0, 2)) + 8).padStart(2, '0')}:00`;
      return { staffId: row.id, dayOfWeek: day, startTime: `${start}:00`, endTime: `${end}:00` };
    }),
  );
  await seedShifts(db, shiftValues);
  const occurrences = await loadEffectiveOccurrences(db, { from, to, zone: 'Europe/London' });
  const records = occurrences.flatMap((o, i) => {
    const late = i % 7 === 0;
    const common = { staffId: o.staffId, shiftId: o.shiftId, occurrenceDate: o.date, photoId: null, kioskId: null, source: 'api' as const, scheduledStart: o.start.toJSDate(), scheduledEnd: o.end.toJSDate() };
    return [
      { ...common, kind: 'check_in' as const, at: o.start.plus({ minutes: late ? 12 : -4 }).toJSDate(), status: late ? ('late' as const) : ('on_time' as const) },
      { ...common, kind: 'check_out' as const, at: o.end.plus({ minutes: 3 }).toJSDate(), status: 'on_time' as const },
    ];
  });
  await insertInBatches(db, attendance, records);

  const path = `/api/timesheets.csv?from=${from}&to=${to}`;
  const first = await client.get(path, manager);
  if (first.status !== 200) throw new Error(`${first.status} ${first.text}`);
  const rowCount = first.text.trim().split('\n').length - 1;

  const httpTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${manager.token}`, 'Accept-Encoding': 'identity' } });
    await response.arrayBuffer();
    httpTimes.push(performance.now() - started);
  }
  const names = new Map(staffRows.map((row) => [row.id, row.name]));
  const buildTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    buildTimesheet({ occurrences, records, names, zone: 'Europe/London', windowMinutes: 60, now: server.clock.now() });
    buildTimes.push(performance.now() - started);
  }
  const database = server.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  console.log(`${staffCount} staff × 61 days → ${occurrences.length} occurrences, ${records.length} records, ${rowCount} CSV rows (${database})`);
  console.log(`GET /api/timesheets.csv (HTTP, ${(first.text.length / 1048576).toFixed(1)} MB): median ${ms(median(httpTimes))}, p95 ${ms(percentile(httpTimes, 95))} (target < 300 ms)`);
  console.log(`buildTimesheet alone (pure rows): median ${ms(median(buildTimes))}`);
} finally {
  await server.close();
}
