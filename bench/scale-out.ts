/**
 * Scale-out figures on the PostgreSQL server (DATABASE_URL), in one run:
 *   - capture ack p50 with one kiosk, 1280×720 JPEG, less the transport
 *     floor (a capture of the same frame refused before any photo work: a
 *     forged attempt token), against sharp alone doing the stored-photo
 *     conversion of the same frames;
 *   - check-ins per second from 50 kiosks against sharp's own throughput
 *     two at a time;
 *   - two hosts (two server processes, their own DATA_DIRs, one database):
 *     check-ins per second through A+B against A alone, and the fan-out of
 *     one check-in to 100 managers split across both;
 *   - photo GET p50 from the database (a PostgreSQL host) against files
 *     (an embedded-database host).
 * Every capture sends a distinct frame, so content addressing never skips
 * the work. Each host is `server/main.ts` as `npm start` runs it.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/scale-out.ts
 *   BENCH_SCALE=0.5 …        (fewer samples)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { deriveSecrets } from '../server/secrets.js';
import { openDatabase } from '../storage/database.js';
import { processPhoto } from '../storage/photo-processing.js';
import { createClient } from '../tests/helpers/http.js';
import { spawnServer, type ServerProcess } from '../tests/helpers/server-process.js';
import { signInCookie } from '../tests/helpers/sockets.js';
import { captureAt, identifyAt, peopleInTurn } from './check-ins.js';
import { distinctFrames } from './frames.js';
import { seedCheckInSite } from './seed.js';
import { measure, median, ms, percentile, type Figures } from './stats.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the bench makes a database of its own there and drops it at the end).');
  process.exit(2);
}
const scale = Number(process.env.BENCH_SCALE ?? 1);
const oneKioskRuns = Math.round(80 * scale);
const floorRuns = Math.round(80 * scale);
const sharpRuns = Math.round(80 * scale);
const kioskCount = 50;
const eachAtFifty = Math.max(2, Math.round(6 * scale));
const fanOutManagers = 100;
const fanOutCheckIns = Math.round(20 * scale);
const photoGets = Math.round(200 * scale);
const warmups = 5;

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
console.log(`${availableParallelism()} cores, load average ${load()}`);

const split = <T>(items: T[], parts: number): T[][] => Array.from({ length: parts }, (_, k) => items.filter((_, i) => i % parts === k));

const staffNeeded = warmups * 2 + oneKioskRuns + 3 * kioskCount * eachAtFifty + fanOutCheckIns + 40;
const frames = await distinctFrames(staffNeeded + sharpRuns * 2 + warmups);
const frameOf = (() => {
  let next = 0;
  return () => frames[next++ % frames.length]!;
})();
console.log(`${frames.length} distinct 1280×720 JPEG frames, ${(frames[0]!.byteLength / 1024).toFixed(1)} KB each`);

// sharp alone, in this process, before any server runs.
const sharpOnce = async (frame: Buffer) => {
  const result = await processPhoto(frame);
  if (!result.ok) throw new Error(result.message);
};
for (let i = 0; i < warmups; i++) await sharpOnce(frameOf());
const sharpSequential = await measure([Array.from({ length: sharpRuns }, frameOf)], sharpOnce);
const sharpParallel = await measure(split(Array.from({ length: sharpRuns }, frameOf), 2), sharpOnce);

// A database of its own on the server, seeded with multi-row inserts.
const dbName = `rollcall_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const benchUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const secretKey = randomBytes(32).toString('hex');
const secrets = deriveSecrets(secretKey);
const kioskTokens = Array.from({ length: kioskCount }, () => randomBytes(32).toString('base64url'));
const filesKioskToken = randomBytes(32).toString('base64url');

const dirs: string[] = [];
const hosts: ServerProcess[] = [];
const sockets: Socket[] = [];
const startHost = async (databaseUrl: string | undefined, dataDir?: string) => {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'rollcall-bench-')));
  dirs.push(dir);
  const host = await spawnServer({ DATABASE_URL: databaseUrl, DATA_DIR: dir, SECRET_KEY: secretKey, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
  hosts.push(host);
  return host;
};
/** `created` sees the socket before it connects, so no event after the handshake goes by unheard. */
const connect = (url: string, namespace: string, options: object, created?: (socket: Socket) => void) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(`${url}${namespace}`, { transports: ['websocket'], forceNew: true, timeout: 60_000, ...options });
    sockets.push(socket);
    created?.(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

try {
  await seedCheckInSite(await openDatabase({ databaseUrl: benchUrl, pgliteDir: undefined }), { count: staffNeeded, pinPepper: secrets.pinPepper, kioskTokens });
  const filesDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-files-'));
  await seedCheckInSite(await openDatabase({ databaseUrl: undefined, pgliteDir: path.join(filesDir, 'db') }), { count: 40, pinPepper: secrets.pinPepper, kioskTokens: [filesKioskToken] });
  const [hostA, hostB] = [await startHost(benchUrl), await startHost(benchUrl)];

  const takeStaff = peopleInTurn();
  const kiosksOn = async (url: string, tokens: string[]) => Promise.all(tokens.map((token) => connect(url, '/kiosk', { auth: { token } })));

  /** Identifies each kiosk's people first (attempts last two minutes), then times the captures alone. */
  async function captureLevel(kioskSockets: Socket[], each: number): Promise<Figures> {
    const batches = await Promise.all(
      kioskSockets.map(async (kiosk) => {
        const batch: { attempt: string; frame: Buffer }[] = [];
        for (const n of takeStaff(each)) batch.push({ attempt: await identifyAt(kiosk, n), frame: frameOf() });
        return batch;
      }),
    );
    return measure(batches, async ({ attempt, frame }, k) => {
      await captureAt(kioskSockets[k]!, attempt, frame);
    });
  }

  const onA = await kiosksOn(hostA.url, kioskTokens);
  await captureLevel(onA.slice(0, 1), warmups);
  // The floor: the same path and frame size, refused at the attempt check before any photo work.
  const floor = await measure([Array.from({ length: floorRuns }, frameOf)], async (frame) => {
    const reply = await onA[0]!.timeout(30_000).emitWithAck('capture', { attempt: 'forged.token', kind: 'check_in', image: frame, requestId: randomUUID() });
    if (reply.ok || reply.error.code !== 'attempt_expired') throw new Error(`the forged capture was answered ${JSON.stringify(reply)}`);
  });
  const oneKiosk = await captureLevel(onA.slice(0, 1), oneKioskRuns);
  const fiftyOnA = await captureLevel(onA, eachAtFifty);
  for (const socket of onA) socket.close();

  const onBoth = [...(await kiosksOn(hostA.url, kioskTokens.slice(0, kioskCount / 2))), ...(await kiosksOn(hostB.url, kioskTokens.slice(kioskCount / 2)))];
  await captureLevel(onBoth.slice(kioskCount / 2, kioskCount / 2 + 1), warmups);
  const fiftyOnBoth = await captureLevel(onBoth, eachAtFifty);
  for (const socket of onBoth) socket.close();
  const fiftyOnAAgain = await captureLevel(await kiosksOn(hostA.url, kioskTokens), eachAtFifty);

  // Fan-out: 100 managers, half on each host; each check-in through A.
  const cookie = await signInCookie(createClient(hostA.url), 'bench_manager', 'bench-Passw0rd!');
  const boardsSent: Promise<unknown>[] = [];
  const manager = (url: string) => connect(url, '/admin', { extraHeaders: { cookie } }, (socket) => boardsSent.push(new Promise((resolve) => socket.once('snapshot', resolve))));
  const managers = [
    ...(await Promise.all(Array.from({ length: fanOutManagers / 2 }, () => manager(hostA.url)))),
    ...(await Promise.all(Array.from({ length: fanOutManagers / 2 }, () => manager(hostB.url)))),
  ];
  // Each new connection is sent the day's board: timed from here, the first check-ins raced 100 of those.
  await Promise.all(boardsSent);
  const fanKiosk = await connect(hostA.url, '/kiosk', { auth: { token: kioskTokens[0] } });
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  const photoUrls: string[] = [];
  for (const n of takeStaff(fanOutCheckIns)) {
    const attempt = await identifyAt(fanKiosk, n);
    const arrivals = managers.map((socket) => new Promise<number>((resolve) => socket.once('attendance:created', () => resolve(performance.now()))));
    const sent = performance.now();
    const attendance = await captureAt(fanKiosk, attempt, frameOf());
    const acked = performance.now();
    photoUrls.push(attendance.photoUrl);
    for (const at of await Promise.all(arrivals)) {
      fromSend.push(at - sent);
      fromAck.push(at - acked);
    }
  }

  // Photo GET: from the database (host B serves what A stored), and from files (an embedded-database host).
  const timeGets = async (url: string, paths: string[], authCookie: string) => {
    const times: number[] = [];
    for (let i = 0; i < photoGets; i++) {
      const started = performance.now();
      const response = await fetch(`${url}${paths[i % paths.length]}`, { headers: { cookie: authCookie } });
      if (response.status !== 200) throw new Error(`photo GET: ${response.status}`);
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const cookieB = await signInCookie(createClient(hostB.url), 'bench_manager', 'bench-Passw0rd!');
  const fromDatabase = await timeGets(hostB.url, photoUrls, cookieB);
  const filesHost = await startHost(undefined, filesDir);
  const filesKiosk = await connect(filesHost.url, '/kiosk', { auth: { token: filesKioskToken } });
  const filesPhotos: string[] = [];
  for (let n = 0; n < 20; n++) filesPhotos.push((await captureAt(filesKiosk, await identifyAt(filesKiosk, n), frameOf())).photoUrl);
  const fromFiles = await timeGets(filesHost.url, filesPhotos, await signInCookie(createClient(filesHost.url), 'bench_manager', 'bench-Passw0rd!'));

  const net = oneKiosk.p50 - floor.p50;
  console.log(`\nsharp alone (the stored-photo conversion): p50 ${ms(sharpSequential.p50)} sequential; ${sharpParallel.perSecond.toFixed(1)} /s two at a time`);
  console.log(`transport floor (capture refused at the attempt check): p50 ${ms(floor.p50)}`);
  console.log(`one kiosk, capture → ack: p50 ${ms(oneKiosk.p50)}, p99 ${ms(oneKiosk.p99)} (${oneKiosk.count} captures)`);
  console.log(`  less the floor: ${ms(net)} = ${(net / sharpSequential.p50).toFixed(2)}× sharp (target ≤ 1.15×); raw ${(oneKiosk.p50 / sharpSequential.p50).toFixed(2)}× sharp`);
  console.log(`50 kiosks on host A: ${fiftyOnA.perSecond.toFixed(1)} check-ins/s = ${(fiftyOnA.perSecond / sharpParallel.perSecond).toFixed(2)}× sharp two at a time (target ≥ 0.9×); p50 ${ms(fiftyOnA.p50)}, p99 ${ms(fiftyOnA.p99)}`);
  console.log(`50 kiosks split over hosts A and B: ${fiftyOnBoth.perSecond.toFixed(1)} check-ins/s; A alone again: ${fiftyOnAAgain.perSecond.toFixed(1)} /s → A+B / A = ${(fiftyOnBoth.perSecond / ((fiftyOnA.perSecond + fiftyOnAAgain.perSecond) / 2)).toFixed(2)}× (one machine, ${availableParallelism()} cores, runs both hosts)`);
  console.log(`fan-out to ${fanOutManagers} managers (half on each host), ${fanOutCheckIns} check-ins through A: ack → received p50 ${ms(median(fromAck))}, p99 ${ms(percentile(fromAck, 99))} (target p99 ≤ 100 ms); capture sent → received p99 ${ms(percentile(fromSend, 99))}`);
  console.log(`photo GET p50: from the database ${ms(fromDatabase)}, from files ${ms(fromFiles)} → ${(fromDatabase / fromFiles).toFixed(2)}×`);
  console.log(`load average at the end: ${load()}`);
} finally {
  for (const socket of sockets) socket.close();
  for (const host of hosts) await host.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
