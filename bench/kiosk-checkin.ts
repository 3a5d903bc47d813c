/**
 * The kiosk check-in pipeline over Socket.IO against a real server process
 * (embedded PGlite), with 1280×720 JPEG frames, in one run and next to:
 *   - sharp alone on the same frame (the floor), sequential and 2 in parallel;
 *   - the original base64 `POST /api/attendance/` path at the same concurrency.
 * Then the fan-out: one check-in to 100 connected manager sockets.
 *
 *   node --import tsx bench/kiosk-checkin.ts      (BENCH_SCALE=0.5 for a quick look)
 *
 * Every check-in is for its own staff member (a repeat would skip the photo
 * work), seeded by multi-row inserts before the server starts; each shift
 * starts now, on the real clock the server process uses.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { issueToken } from '../server/auth/api-tokens.js';
import { deriveSecrets } from '../server/secrets.js';
import { openDatabase } from '../storage/database.js';
import { processPhoto } from '../storage/photo-processing.js';
import { captureAt, identifyAt, peopleInTurn } from './check-ins.js';
import { seedCheckInSite } from './seed.js';
import { makeFrame, toBase64 } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { signInCookie } from '../tests/helpers/sockets.js';
import { measure, median, ms, percentile, type Figures } from './stats.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
/** Check-ins per kiosk (or per HTTP client) at each level: about 60–300 samples a level. */
const levels = [
  { clients: 1, each: Math.round(80 * scale) },
  { clients: 10, each: Math.round(20 * scale) },
  { clients: 50, each: Math.round(6 * scale) },
];
const sharpRuns = Math.round(100 * scale);
const fanOutManagers = 100;
const fanOutCheckIns = Math.round(20 * scale);
const warmups = 5;

const frame = await makeFrame(1280, 720, 'jpeg');
const frameBase64 = toBase64(frame);
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
console.log(`${availableParallelism()} cores, load average ${load()} (other work on the machine skews every figure below)`);
console.log(`frame: 1280×720 JPEG, ${(frame.byteLength / 1024).toFixed(1)} KB (${(frameBase64.length / 1024).toFixed(1)} KB as base64)`);

// sharp alone, in this process while the server is not running yet.
const sharpOnce = async () => {
  const result = await processPhoto(frame);
  if (!result.ok) throw new Error(result.message);
};
for (let i = 0; i < warmups; i++) await sharpOnce();
const sharpSequential = await measure([Array.from({ length: sharpRuns }, () => 0)], sharpOnce);
const sharpParallel = await measure([0, 1].map(() => Array.from({ length: Math.ceil(sharpRuns / 2) }, () => 0)), sharpOnce);

// Seed: a manager, a staff member per check-in (PIN and a shift starting now), and 50 kiosks.
const secretKey = randomBytes(32).toString('hex');
const secrets = deriveSecrets(secretKey);
const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const perLevel = levels.map((level) => level.clients * level.each);
const staffCount = warmups + 2 * perLevel.reduce((a, b) => a + b, 0) + fanOutCheckIns;
const kioskTokens = Array.from({ length: 50 }, () => randomBytes(32).toString('base64url'));
await seedCheckInSite(await openDatabase({ databaseUrl: undefined, pgliteDir: path.join(dataDir, 'db') }), { count: staffCount, pinPepper: secrets.pinPepper, kioskTokens });

const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: secretKey, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
const sockets: Socket[] = [];
try {
  const client = createClient(server.url);
  const connect = (namespace: string, options: object) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(`${server.url}${namespace}`, { transports: ['websocket'], forceNew: true, timeout: 60_000, ...options });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const kioskSockets = await Promise.all(kioskTokens.map((token) => connect('/kiosk', { auth: { token } })));
  /** Staff numbers (0-based; PIN 100000 + n, staff id n + 1) for `count` check-ins. */
  const takeStaff = peopleInTurn();

  /** Identifies every member first (attempts last 2 minutes), then times the captures alone. */
  async function socketLevel(clients: number, each: number): Promise<Figures> {
    const batches = await Promise.all(
      Array.from({ length: clients }, async (_, k) => {
        const batch: string[] = [];
        for (const n of takeStaff(each)) batch.push(await identifyAt(kioskSockets[k]!, n));
        return batch;
      }),
    );
    return measure(batches, async (attempt, k) => {
      await captureAt(kioskSockets[k]!, attempt, frame);
    });
  }

  async function postLevel(clients: number, each: number): Promise<Figures> {
    const batches = Array.from({ length: clients }, () => takeStaff(each));
    const tokens = new Map<number, string>();
    for (const n of batches.flat()) tokens.set(n, await issueToken(secrets.jwtKey, n + 2, 'access', new Date())); // user ids: manager 1, staff n → n + 2
    return measure(batches, async (n) => {
      const reply = await client.post('/api/attendance/', `{"staff":${n + 1},"captured_image":"${frameBase64}"}`, { token: tokens.get(n) });
      if (reply.status !== 201) throw new Error(`POST /api/attendance/: ${reply.status} ${reply.text}`);
    });
  }

  await socketLevel(1, warmups);
  const socketFigures: Figures[] = [];
  const postFigures: Figures[] = [];
  for (const level of levels) {
    socketFigures.push(await socketLevel(level.clients, level.each));
    postFigures.push(await postLevel(level.clients, level.each));
  }

  // Fan-out: 100 manager sockets, one check-in at a time.
  const cookie = await signInCookie(client, 'bench_manager', 'bench-Passw0rd!');
  const managers = await Promise.all(Array.from({ length: fanOutManagers }, () => connect('/admin', { extraHeaders: { cookie } })));
  const deliveries: number[] = [];
  const spreads: number[] = [];
  const acks: number[] = [];
  for (const n of takeStaff(fanOutCheckIns)) {
    const attempt = await identifyAt(kioskSockets[0]!, n);
    const arrivals = managers.map((socket) => new Promise<number>((resolve) => socket.once('attendance:created', () => resolve(performance.now()))));
    const sent = performance.now();
    await captureAt(kioskSockets[0]!, attempt, frame);
    acks.push(performance.now() - sent);
    const times = await Promise.all(arrivals);
    deliveries.push(...times.map((t) => t - sent));
    spreads.push(Math.max(...times) - Math.min(...times));
  }

  const sharpFloor = { p50: sharpSequential.p50, perSecond: sharpParallel.perSecond };
  const row = (label: string, f: Figures) =>
    `${label.padEnd(44)} p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  ${f.perSecond.toFixed(1).padStart(6)} /s` +
    `   p50 ${(f.p50 / sharpFloor.p50).toFixed(2)}× sharp, throughput ${(f.perSecond / sharpFloor.perSecond).toFixed(2)}× sharp (2 parallel)`;
  console.log('\nlatency per check-in (capture → ack for the socket path, request → response for POST) and check-ins per second:');
  console.log(row(`sharp alone, sequential (${sharpRuns})`, sharpSequential));
  console.log(row(`sharp alone, 2 in parallel (${sharpRuns})`, sharpParallel));
  levels.forEach((level, i) => {
    const label = `${level.clients} kiosk${level.clients > 1 ? 's' : ''} (${perLevel[i]} check-ins)`;
    console.log(row(`socket capture, ${label}`, socketFigures[i]!));
    console.log(row(`POST base64, ${level.clients} client${level.clients > 1 ? 's' : ''}`, postFigures[i]!));
    console.log(`${''.padEnd(44)} socket vs POST: p50 ${(socketFigures[i]!.p50 / postFigures[i]!.p50).toFixed(2)}×, throughput ${(socketFigures[i]!.perSecond / postFigures[i]!.perSecond).toFixed(2)}×`);
  });
  console.log(`\nfan-out: ${fanOutCheckIns} check-ins, each to ${fanOutManagers} manager sockets (${deliveries.length} deliveries):`);
  console.log(`  capture sent → attendance:created received: p50 ${ms(median(deliveries))}, p99 ${ms(percentile(deliveries, 99))} (target p99 ≤ 100 ms; includes sharp and the insert)`);
  console.log(`  first → last manager socket for one check-in: p50 ${ms(median(spreads))}, p99 ${ms(percentile(spreads, 99))}; capture ack p50 ${ms(median(acks))}`);
  console.log('  (the same frame every time: each stored file is written once, being content-addressed; the 100 sockets are decoded by this one process)');
  console.log(`load average at the end: ${load()}`);
} finally {
  for (const socket of sockets) socket.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
