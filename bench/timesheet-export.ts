/**
 * The timesheet for 1,000 staff × 31 days with a check-in and a check-out
 * on every occurrence: `GET /api/timesheets/` (JSON) and
 * `GET /api/timesheets.csv`, each timed end to end, while a second client
 * asks `GET /` (a redirect: the event loop alone) and `GET /api/auth/status`
 * (which also waits its turn at the database) every 10 ms to show how long
 * requests are held (both clients on a thread of their own). Also the server process's own event-loop delay
 * (`monitorEventLoopDelay`), and the pure builder alone as the baseline.
 *
 *   node --import tsx bench/timesheet-export.ts     (DATABASE_URL set: on that server)
 *   BENCH_STAFF=200 BENCH_RUNS=3 …                 (smaller)
 */
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { attendance } from '../storage/schema.js';
import { loadEffectiveOccurrences } from '../server/roster/roster.queries.js';
import { defaultHoursRules } from '../server/timesheets/hours.js';
import { buildTimesheet, scheduledSlot } from '../server/timesheets/timesheet-rows.js';
import { listPunches } from '../server/timesheets/timesheet.queries.js';
import { createClient } from '../tests/helpers/http.js';
import { createManager } from '../tests/helpers/fixtures.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { insertInBatches, seedShifts, seedStaff, settleConnection } from './seed.js';
import { median, ms, percentile } from './stats.js';

const measuringClient = `
  const { parentPort, workerData: { url, probeUrl, loopProbeUrl, token, runs } } = require('node:worker_threads');
  (async () => {
    const times = [];
    const probes = [];
    const loopProbes = [];
    let probing = true;
    const probeEvery10ms = async (target, samples) => {
      while (probing) {
        const started = performance.now();
        await (await fetch(target, { redirect: 'manual' })).arrayBuffer();
        samples.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const probe = Promise.all([probeEvery10ms(probeUrl, probes), probeEvery10ms(loopProbeUrl, loopProbes)]);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await (await fetch(url, { headers: { Authorization: 'Bearer ' + token, 'Accept-Encoding': 'identity' } })).arrayBuffer();
      times.push(performance.now() - started);
    }
    probing = false;
    await probe;
    parentPort.postMessage({ times, probes, loopProbes });
  })();
`;

const staffCount = Number(process.env.BENCH_STAFF ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const from = '2026-10-01';
const to = '2026-10-31';
const zone = 'Europe/London';
const server = await startTestServer({ now: '2026-11-02T12:00:00Z', timezone: zone });
try {
  const client = createClient(server.url);
  const manager = await createManager(client, 'bench_manager');
  const db = server.database.db;
  const staffRows = await seedStaff(db, staffCount, (i) => ({ name: `Staff ${String(i).padStart(4, '0')}`, weeklyOffs: [7] }));
  const starts = ['06:00', '09:00', '14:00', '22:00'];
  const shiftValues = staffRows.flatMap((row, i) =>
    [1, 2, 3, 4, 5, 6].map((day) => {
      const start = starts[(i + day) % starts.length]!;
      const end = start === '22:00' ? '06:00' : `${String(Number(start.slice(0, 2)) + 8).padStart(2, '0')}:00`;
      return { staffId: row.id, dayOfWeek: day, startTime: `${start}:00`, endTime: `${end}:00` };
    }),
  );
  await seedShifts(db, shiftValues);
  const occurrences = await loadEffectiveOccurrences(db, { from, to, zone });
  const records = occurrences.flatMap((o, i) => {
    const late = i % 7 === 0;
    const common = { staffId: o.staffId, shiftId: o.shiftId, occurrenceDate: o.date, photoId: null, kioskId: null, source: 'api' as const, scheduledStart: o.start.toJSDate(), scheduledEnd: o.end.toJSDate() };
    return [
      { ...common, kind: 'check_in' as const, at: o.start.plus({ minutes: late ? 12 : -4 }).toJSDate(), status: late ? ('late' as const) : ('on_time' as const) },
      { ...common, kind: 'check_out' as const, at: o.end.plus({ minutes: 3 }).toJSDate(), status: 'on_time' as const },
    ];
  });
  await insertInBatches(db, attendance, records);

  /**
   * Times `path` end to end `runs` times while probing the server every 10 ms; the probe's latencies tell how long
   * requests waited. The client runs on its own thread, as a browser would elsewhere: receiving 16 MB on the
   * server's thread would count the client's work as the server's.
   */
  async function measure(path: string) {
    const first = await client.get(path, manager);
    if (first.status !== 200) throw new Error(`${first.status} ${first.text.slice(0, 300)}`);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const clientThread = new Worker(measuringClient, { eval: true, workerData: { url: `${server.url}${path}`, probeUrl: `${server.url}/api/auth/status`, loopProbeUrl: `${server.url}/`, token: manager.token, runs } });
    const [{ times, probes, loopProbes }] = (await once(clientThread, 'message')) as [{ times: number[]; probes: number[]; loopProbes: number[] }];
    await clientThread.terminate();
    loop.disable();
    return { bytes: first.text.length, times, probes, loopProbes, loopMax: loop.max / 1e6, loopP99: loop.percentile(99) / 1e6 };
  }

  await settleConnection(server.url);
  const idleProbes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await (await fetch(`${server.url}/api/auth/status`)).arrayBuffer();
    idleProbes.push(performance.now() - started);
  }
  const json = await measure(`/api/timesheets/?from=${from}&to=${to}`);
  const csv = await measure(`/api/timesheets.csv?from=${from}&to=${to}`);

  const punches = await listPunches(db, { from, to });
  const slots = occurrences.map(scheduledSlot);
  const buildTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    buildTimesheet({ occurrences: slots, punches, absences: [], isApproved: () => false, rules: defaultHoursRules, windowMinutes: 60, now: server.clock.now(), range: { from, to } });
    buildTimes.push(performance.now() - started);
  }
  const database = server.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server';
  console.log(`${staffCount} staff × 31 days → ${occurrences.length} occurrences, ${records.length} punches (${database}), ${runs} runs each`);
  console.log(`idle probe (GET /api/auth/status): p50 ${ms(median(idleProbes))}, max ${ms(Math.max(...idleProbes))}`);
  for (const [label, figures] of [['GET /api/timesheets/ (JSON)', json], ['GET /api/timesheets.csv', csv]] as const) {
    console.log(
      `${label}, ${(figures.bytes / 1048576).toFixed(1)} MB: median ${ms(median(figures.times))}, max ${ms(Math.max(...figures.times))} (target ≤ 1000 ms); ` +
        `concurrent GET / (the event loop alone) p50 ${ms(median(figures.loopProbes))}, p99 ${ms(percentile(figures.loopProbes, 99))}, max ${ms(Math.max(...figures.loopProbes))}; ` +
        `concurrent GET /api/auth/status (also waits its turn at the database) p50 ${ms(median(figures.probes))}, max ${ms(Math.max(...figures.probes))}; event-loop delay p99 ${ms(figures.loopP99)}, max ${ms(figures.loopMax)} (target: no stall > 100 ms)`,
    );
  }
  console.log(`buildTimesheet alone (pure, baseline): median ${ms(median(buildTimes))}; JSON request / builder = ${(median(json.times) / median(buildTimes)).toFixed(2)}×`);
} finally {
  await server.close();
}
