/**
 * The face check's cost, against a real server process (embedded PGlite, the
 * real clock), with real faces (tests/helpers/face-samples.ts) as 640×480
 * JPEG frames:
 *   - capture ack p50 from one kiosk with `face_check` off, then on (while
 *     the worker analyses the photos of the captures before);
 *   - a burst of 100 captures from 10 kiosks at once, with a request probing
 *     the server every 20 ms until every photo is analysed: the probe's p99,
 *     photos analysed per second, and each photo's analysis time (claim to
 *     verdict, from the database afterwards);
 *   - the server process's memory before the worker started and after.
 *
 *   node --import tsx bench/face-check.ts
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { deriveSecrets } from '../server/secrets.js';
import { openDatabase } from '../storage/database.js';
import { faceSamples } from '../tests/helpers/face-samples.js';
import { createClient } from '../tests/helpers/http.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { signInCookie } from '../tests/helpers/sockets.js';
import { captureAt, identifyAt, peopleInTurn } from './check-ins.js';
import { seedCheckInSite } from './seed.js';
import { measure, median, ms, percentile } from './stats.js';

const sequential = 40;
const burst = 100;
const kiosks = 10;
const warmups = 3;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
console.log(`${availableParallelism()} cores, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

const frames = (await faceSamples()).flatMap((person) => person.frames);
let nextFrame = 0;
const frame = () => frames[nextFrame++ % frames.length]!;
console.log(`${frames.length} distinct face frames (640×480 JPEG), each capture its own person`);

const secretKey = randomBytes(32).toString('hex');
const secrets = deriveSecrets(secretKey);
const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const dbDir = path.join(dataDir, 'db');
const tokens = Array.from({ length: kiosks }, () => randomBytes(32).toString('base64url'));
await seedCheckInSite(await openDatabase({ databaseUrl: undefined, pgliteDir: dbDir }), { count: warmups * 2 + sequential * 2 + burst, pinPepper: secrets.pinPepper, kioskTokens: tokens });

const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: secretKey, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
const sockets: Socket[] = [];
let durations: number[] = [];
try {
  const client = createClient(server.url);
  const cookie = await signInCookie(client, 'bench_manager', 'bench-Passw0rd!');
  const setFaceCheck = async (value: 'off' | 'flag') => {
    const reply = await client.patch('/api/settings/', { face_check: value }, { cookie });
    if (reply.status !== 200) throw new Error(reply.text);
  };
  const kioskSockets = await Promise.all(
    tokens.map(
      (token) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = io(`${server.url}/kiosk`, { transports: ['websocket'], forceNew: true, auth: { token } });
          sockets.push(socket);
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );
  const take = peopleInTurn();
  /** One kiosk, one capture after another: the capture's ack only (the PIN is entered first). */
  const oneKiosk = async (count: number) => {
    const attempts: string[] = [];
    for (const n of take(count)) attempts.push(await identifyAt(kioskSockets[0]!, n));
    return measure([attempts], async (attempt) => {
      await captureAt(kioskSockets[0]!, attempt, frame());
    });
  };
  /** Photos whose face check is done, as managers see them. */
  const analysedCount = async () => {
    const rows = (await client.get('/api/attendance/?limit=5000', { cookie })).body as { face: { verdict: string } | null }[];
    return rows.filter((row) => row.face && row.face.verdict !== 'pending').length;
  };

  await setFaceCheck('off');
  await oneKiosk(warmups);
  const off = await oneKiosk(sequential);
  const rssBefore = rssMb(server.child.pid!);
  await setFaceCheck('flag');
  await oneKiosk(warmups);
  const on = await oneKiosk(sequential);

  // The burst: every PIN first (attempts last two minutes), then every capture at once.
  const batches = await Promise.all(kioskSockets.map(async (socket) => Promise.all(take(burst / kiosks).map((n) => identifyAt(socket, n)))));
  const probes: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const sent = performance.now();
      await fetch(`${server.url}/api/auth/status`).then((r) => r.arrayBuffer());
      probes.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const burstFigures = await measure(batches, async (attempt, k) => {
    await captureAt(kioskSockets[k]!, attempt, frame());
  });
  const probesDuringCaptures = probes.length;
  const expected = warmups + sequential + burst;
  for (let done = await analysedCount(); done < expected; done = await analysedCount()) await new Promise((resolve) => setTimeout(resolve, 250));
  const analysedAfter = performance.now() - started;
  probing = false;
  await probe;
  const rssAfter = rssMb(server.child.pid!);

  console.log(`\ncapture ack p50, one kiosk, ${sequential} captures each: face check off ${ms(off.p50)}, on ${ms(on.p50)} = ${(on.p50 / off.p50).toFixed(3)}× (target within 5 %); p99 off ${ms(off.p99)}, on ${ms(on.p99)}`);
  console.log(`burst of ${burst} captures from ${kiosks} kiosks: acks p50 ${ms(burstFigures.p50)}, p99 ${ms(burstFigures.p99)}; all ${expected} photos analysed ${ms(analysedAfter)} after the burst began (${(burst / (analysedAfter / 1000)).toFixed(2)} photos/s)`);
  const during = probes.slice(0, probesDuringCaptures);
  const after = probes.slice(probesDuringCaptures);
  console.log(`a concurrent request (GET /api/auth/status every 20 ms) while the 100 captures were taken: p50 ${ms(median(during))}, p99 ${ms(percentile(during, 99))} (${during.length}); then while their photos were analysed: p50 ${ms(median(after))}, p99 ${ms(percentile(after, 99))} (${after.length}); all: p99 ${ms(percentile(probes, 99))} (target ≤ 50 ms)`);
  console.log(`server process memory (RSS): ${rssBefore.toFixed(0)} MB before the face worker started, ${rssAfter.toFixed(0)} MB after (${(rssAfter - rssBefore).toFixed(0)} MB for the worker and its models)`);
} finally {
  for (const socket of sockets) socket.close();
  await server.stop();
}

// Each photo's analysis: from its claim to its verdict, as the server recorded them.
const database = await openDatabase({ databaseUrl: undefined, pgliteDir: dbDir });
const result = (await database.db.execute(sql`select extract(epoch from (analysed_at - claimed_at)) * 1000 as ms from face_checks where state = 'done'`)) as unknown as { rows: { ms: string | number }[] };
durations = result.rows.map((row) => Number(row.ms));
await database.close();
console.log(`analysis per photo (claim → verdict, ${durations.length} photos): p50 ${ms(median(durations))}, p99 ${ms(percentile(durations, 99))}; ${(1000 / median(durations)).toFixed(2)} photos/s in one worker`);
await rm(dataDir, { recursive: true, force: true });
