/**
 * The face check's cost, against a real server process (embedded PGlite, the
 * real clock), with real faces (tests/helpers/face-samples.ts) as 640×480
 * JPEG frames:
 *   - capture ack p50 from one kiosk with `face_check` off and on, in
 *     alternating blocks (each "on" block's photos analysed while its later
 *     captures are taken, and finished before the next "off" block);
 *   - a burst of 100 captures from 10 kiosks at once, with the check off and
 *     then on, while two requests probe the server every 20 ms (`GET /`, the
 *     event loop alone; `GET /api/auth/status`, which also waits its turn at
 *     the database) until every photo is analysed; photos analysed per
 *     second, and each photo's analysis time (claim to verdict, from the
 *     database afterwards);
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
import { stampedFrames } from './frames.js';
import { measure, median, ms, percentile } from './stats.js';

const rounds = 18;
const block = 5;
const burst = 100;
const kiosks = 10;
const warmups = 3;
const captures = warmups * 2 + rounds * block * 3 + burst * 2;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
console.log(`${availableParallelism()} cores, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

const faces = (await faceSamples()).flatMap((person) => person.frames);
const frames = await stampedFrames(faces, captures);
let nextFrame = 0;
const frame = () => frames[nextFrame++]!;
console.log(`${captures} distinct 640×480 JPEG frames of ${faces.length} face frames, one per capture`);

const secretKey = randomBytes(32).toString('hex');
const secrets = deriveSecrets(secretKey);
const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const dbDir = path.join(dataDir, 'db');
const tokens = Array.from({ length: kiosks }, () => randomBytes(32).toString('base64url'));
await seedCheckInSite(await openDatabase({ databaseUrl: undefined, pgliteDir: dbDir }), { count: captures, pinPepper: secrets.pinPepper, kioskTokens: tokens });

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
  /** One kiosk, one capture after another: each capture's ack (the PIN is entered first, untimed). */
  const oneKiosk = async (count: number, between?: () => Promise<void>) => {
    const times: number[] = [];
    for (const n of take(count)) {
      const attempt = await identifyAt(kioskSockets[0]!, n);
      const sent = performance.now();
      await captureAt(kioskSockets[0]!, attempt, frame());
      times.push(performance.now() - sent);
      await between?.();
    }
    return times;
  };
  // Verdicts as a manager's board gets them: waiting on them costs the server nothing more.
  const board = io(`${server.url}/admin`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  sockets.push(board);
  await new Promise<void>((resolve, reject) => {
    board.once('connect', resolve);
    board.once('connect_error', reject);
  });
  let verdicts = 0;
  let verdictArrived = () => {};
  board.on('attendance:face', (event: { face: { verdict: string } }) => {
    if (event.face.verdict === 'pending') return;
    verdicts += 1;
    verdictArrived();
  });
  let queued = 0;
  /** Until every photo queued so far has its verdict. */
  const analysed = () =>
    new Promise<void>((resolve) => {
      verdictArrived = () => verdicts >= queued && resolve();
      verdictArrived();
    });

  await setFaceCheck('off');
  await oneKiosk(warmups);
  const rssBefore = rssMb(server.child.pid!);
  await setFaceCheck('flag');
  await oneKiosk(warmups);
  queued += warmups;
  await analysed();
  // Off and on in turn, so drift in the machine's load falls on both. Each "on" block's photos are
  // analysed while its later captures are taken, and every one is done before the next "off" block.
  // A third block per round waits for each photo's verdict before the next capture: the check's
  // cost on the capture path itself, without analyses running beside it.
  const off: number[] = [];
  const on: number[] = [];
  const onIdle: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await setFaceCheck('off');
    off.push(...(await oneKiosk(block)));
    await setFaceCheck('flag');
    on.push(...(await oneKiosk(block)));
    queued += block;
    await analysed();
    onIdle.push(...(await oneKiosk(block, async () => {
      queued += 1;
      await analysed();
    })));
  }

  /**
   * Every PIN first (attempts last two minutes), then `burst` captures at once from every kiosk,
   * while two requests probe the server every 20 ms: `GET /` (a redirect: the event loop alone) and
   * `GET /api/auth/status` (two reads: the event loop and the database's queue). Probing goes on
   * until `until` resolves.
   */
  const burstWithProbes = async (until: () => Promise<void>) => {
    const batches = await Promise.all(kioskSockets.map(async (socket) => Promise.all(take(burst / kiosks).map((n) => identifyAt(socket, n)))));
    let probing = true;
    const probeLoop = (url: string, samples: number[]) =>
      (async () => {
        while (probing) {
          const sent = performance.now();
          await fetch(url, { redirect: 'manual' }).then((r) => r.arrayBuffer());
          samples.push(performance.now() - sent);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
    const loop: number[] = [];
    const status: number[] = [];
    const probes = [probeLoop(`${server.url}/`, loop), probeLoop(`${server.url}/api/auth/status`, status)];
    const started = performance.now();
    const acks = await measure(batches, async (attempt, k) => {
      await captureAt(kioskSockets[k]!, attempt, frame());
    });
    const capturesTook = performance.now() - started;
    const during = { loop: loop.length, status: status.length };
    await until();
    const total = performance.now() - started;
    probing = false;
    await Promise.all(probes);
    const split = (samples: number[], at: number) => ({ during: samples.slice(0, at), after: samples.slice(at) });
    return { acks, capturesTook, total, loop: split(loop, during.loop), status: split(status, during.status) };
  };
  const describe = (samples: number[]) => (samples.length ? `p50 ${ms(median(samples))}, p99 ${ms(percentile(samples, 99))} (${samples.length})` : 'none');

  await setFaceCheck('off');
  const burstOff = await burstWithProbes(async () => {});
  await setFaceCheck('flag');
  queued += burst;
  const burstOn = await burstWithProbes(analysed);
  const rssAfter = rssMb(server.child.pid!);

  const offP50 = median(off);
  const onP50 = median(on);
  console.log(`\ncapture ack p50, one kiosk, ${rounds} rounds of ${block} captures off then on (${off.length} each): face check off ${ms(offP50)}, on ${ms(onP50)} = ${(onP50 / offP50).toFixed(3)}× (target within 5 %); p99 off ${ms(percentile(off, 99))}, on ${ms(percentile(on, 99))}`);
  console.log(`  on, each capture's photo analysed before the next capture: p50 ${ms(median(onIdle))} = ${(median(onIdle) / offP50).toFixed(3)}× off`);
  const third = (samples: number[], t: number) => samples.slice((t * samples.length) / 3, ((t + 1) * samples.length) / 3);
  const byThird = [0, 1, 2].map((t) => (median(third(on, t)) / median(third(off, t))).toFixed(3));
  console.log(`  on/off p50 ratio in each third of the run: ${byThird.join(', ')}`);
  for (const [label, run] of [['face check off', burstOff], ['face check on', burstOn]] as const) {
    console.log(`\nburst of ${burst} captures from ${kiosks} kiosks, ${label}: acks p50 ${ms(run.acks.p50)}, p99 ${ms(run.acks.p99)}, all acknowledged in ${ms(run.capturesTook)}`);
    console.log(`  GET / (event loop) while the captures were taken: ${describe(run.loop.during)}`);
    console.log(`  GET /api/auth/status (event loop + database) while the captures were taken: ${describe(run.status.during)}`);
    if (run.loop.after.length) {
      console.log(`  then while their photos were analysed (${ms(run.total - run.capturesTook)}): GET / ${describe(run.loop.after)}; GET /api/auth/status ${describe(run.status.after)} (target p99 ≤ 50 ms)`);
      console.log(`  every photo analysed ${ms(run.total)} after the burst began: ${(burst / (run.total / 1000)).toFixed(2)} photos/s`);
    }
  }
  console.log(`\nserver process memory (RSS): ${rssBefore.toFixed(0)} MB before the face worker started, ${rssAfter.toFixed(0)} MB after (${(rssAfter - rssBefore).toFixed(0)} MB for the worker and its models)`);
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
