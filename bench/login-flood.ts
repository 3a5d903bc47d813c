/**
 * Does a sign-in flood slow down photos? `GET /api/photos/:id` latency
 * (p50, p99) against a real server process, first idle, then while 16
 * clients at once send wrong passwords to `POST /api/token/`, each attempt
 * for another username (so the per-account throttle, 5 failures, never
 * stops one before its password is hashed), all from one client address.
 * That address gets 50 failures in 15 minutes; after those it is answered
 * 429 before any hashing. So the flood has two phases, reported apart:
 * while its attempts are still hashed, and once they are refused unhashed.
 * Target (DESIGN.md): p99 during the flood within 2× of idle.
 *
 * Each round floods from a new address (the server trusts `X-Forwarded-For`,
 * `TRUST_PROXY=1`, as behind a proxy) and at 64 usernames of its own, so
 * the hashed phase, a few seconds per round, is sampled several times. A
 * quarter of the usernames exist; the others do not (they are checked
 * against a decoy hash: the same work). Figures only; nothing is asserted.
 *
 *   node --import tsx bench/login-flood.ts     embedded PGlite (BENCH_ROUNDS=8, BENCH_IDLE=600, BENCH_FLOOD=16)
 *   DATABASE_URL=postgres://… node --import tsx bench/login-flood.ts    a fresh database on that server, dropped after
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { createClient } from '../tests/helpers/http.js';
import { makeFrame, registerAndSignIn, toBase64 } from '../tests/helpers/fixtures.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { ms, percentile } from './stats.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const idleSamples = Number(process.env.BENCH_IDLE ?? 600);
const floodClients = Number(process.env.BENCH_FLOOD ?? 16);
/** How long each round keeps flooding once the address is refused. */
const refusedPhaseMs = 2000;

type Sample = { start: number; end: number };
type Attempt = { end: number; status: number; ms: number };

/** With DATABASE_URL: a new database on that server for this run, and how to drop it. */
async function benchDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `rollcall_bench_${process.pid}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(statement);
    await admin.end();
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-'));
const database = await benchDatabase();
const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn', TRUST_PROXY: '1' });
try {
  const client = createClient(server.url);
  const manager = await registerAndSignIn(client, 'bench_manager', 'Manager');

  // One photo to fetch: a staff member whose shift starts now checks in with a 1280×720 frame.
  const now = DateTime.utc();
  const staffAccount = await registerAndSignIn(client, 'bench_staff', 'Employee', manager.token);
  const profile = await client.post('/api/staff/', { user: staffAccount.id, weekly_off_days: now.weekday === 7 ? 'Monday' : 'Sunday' }, { token: manager.token });
  const shift = { staff: profile.body.id, day_of_week: now.toFormat('cccc'), shift_start: now.toFormat('HH:mm'), shift_end: now.plus({ hours: 8 }).toFormat('HH:mm') };
  await client.post('/api/shifts/', shift, { token: manager.token });
  const frame = await makeFrame(1280, 720, 'jpeg');
  const checkIn = await client.post('/api/attendance/', { staff: profile.body.id, captured_image: toBase64(frame) }, { token: staffAccount.token });
  if (checkIn.status !== 201) throw new Error(`check-in failed: ${checkIn.status} ${checkIn.text}`);
  const photoUrl = `${server.url}${checkIn.body.captured_image}`;

  // Each round's targets: 16 real accounts (all made now, before any flood) and 48 names nobody has,
  // all new to that round, so no account reaches its 5 failures in any round.
  const namesPerRound = 64;
  const targets: string[][] = [];
  for (let round = 0; round < rounds; round++) {
    const names: string[] = [];
    for (let i = 0; i < namesPerRound; i++) {
      names.push(i % 4 === 0 ? (await registerAndSignIn(client, `flood_${round}_${i}`, 'Employee', manager.token)).username : `nobody_${round}_${i}`);
    }
    targets.push(names);
  }

  async function fetchPhoto(): Promise<Sample> {
    const start = performance.now();
    const response = await fetch(photoUrl, { headers: { Authorization: `Bearer ${manager.token}` } });
    const bytes = await response.arrayBuffer();
    if (response.status !== 200 || bytes.byteLength === 0) throw new Error(`photo: ${response.status}`);
    return { start, end: performance.now() };
  }
  const latency = (samples: Sample[]) => samples.map((sample) => sample.end - sample.start);

  for (let i = 0; i < 50; i++) await fetchPhoto();
  const idle: Sample[] = [];
  for (let i = 0; i < idleSamples; i++) idle.push(await fetchPhoto());

  const hashed: Sample[] = [];
  const refused: Sample[] = [];
  const attempts: Attempt[] = [];
  let hashedPhaseMs = 0;
  for (let round = 0; round < rounds; round++) {
    const address = `203.0.113.${round + 1}`;
    const usernames = targets[round]!;
    let next = 0;
    let firstRefusal: number | undefined;
    let stopAt = Infinity;
    const roundAttempts: Attempt[] = [];
    const flooder = async () => {
      while (performance.now() < stopAt) {
        const username = usernames[next++ % usernames.length]!;
        const start = performance.now();
        const response = await fetch(`${server.url}/api/token/`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
          body: JSON.stringify({ username, password: `wrong-password-${next}` }),
        });
        await response.arrayBuffer();
        const end = performance.now();
        roundAttempts.push({ end, status: response.status, ms: end - start });
        if (response.status === 429 && firstRefusal === undefined) {
          firstRefusal = end;
          stopAt = end + refusedPhaseMs;
        }
      }
    };
    const started = performance.now();
    const photos: Sample[] = [];
    const flood = Promise.all(Array.from({ length: floodClients }, flooder));
    let flooding = true;
    void flood.finally(() => (flooding = false));
    while (flooding) photos.push(await fetchPhoto());
    await flood;
    // Hashed phase: until the last attempt that was hashed (401) came back; refused phase: after it.
    const lastHashed = Math.max(...roundAttempts.filter((attempt) => attempt.status === 401).map((attempt) => attempt.end));
    hashedPhaseMs += lastHashed - started;
    hashed.push(...photos.filter((sample) => sample.end <= lastHashed));
    refused.push(...photos.filter((sample) => sample.start >= lastHashed));
    attempts.push(...roundAttempts);
  }

  const line = (label: string, samples: Sample[]) => {
    const times = latency(samples);
    const at = (p: number) => ms(percentile(times, p)).padStart(9);
    return `${label.padEnd(30)} ${String(times.length).padStart(5)} requests   p50 ${at(50)}   p90 ${at(90)}   p99 ${at(99)}   max ${ms(Math.max(...times)).padStart(9)}`;
  };
  const ratio = (samples: Sample[], p: number) => (percentile(latency(samples), p) / percentile(latency(idle), p)).toFixed(2);
  const byStatus = (status: number) => attempts.filter((attempt) => attempt.status === status);
  const hashedAttempts = byStatus(401);
  const others = attempts.filter((attempt) => ![401, 429].includes(attempt.status));

  console.log(`GET /api/photos/:id (${(frame.byteLength / 1024).toFixed(0)} KB JPEG stored as ${(((await fetch(photoUrl, { headers: { Authorization: `Bearer ${manager.token}` } }).then((r) => r.arrayBuffer())).byteLength) / 1024).toFixed(1)} KB WebP), one request at a time`);
  console.log(`database: ${database.url ? 'PostgreSQL server' : 'embedded PGlite'}`);
  console.log(`flood: ${floodClients} clients at once, ${rounds} rounds, each from one address, ${namesPerRound} usernames in turn\n`);
  console.log(line('idle', idle));
  console.log(line('flood, attempts hashed', hashed));
  console.log(line('flood, address refused (429)', refused));
  console.log(`\nflood/idle, attempts hashed:        p50 ${ratio(hashed, 50)}×   p99 ${ratio(hashed, 99)}×`);
  console.log(`flood/idle, address refused (429):  p50 ${ratio(refused, 50)}×   p99 ${ratio(refused, 99)}×`);
  console.log(
    `\nsign-in attempts: ${attempts.length}; ${hashedAttempts.length} hashed and refused (401), p50 ${ms(percentile(hashedAttempts.map((a) => a.ms), 50))}, ` +
      `p99 ${ms(percentile(hashedAttempts.map((a) => a.ms), 99))}; ${byStatus(429).length} refused unhashed (429), p50 ${ms(percentile(byStatus(429).map((a) => a.ms), 50))}` +
      (others.length ? `; other: ${others.map((a) => a.status).join(', ')}` : ''),
  );
  console.log(`hashed phase: ${(hashedPhaseMs / rounds / 1000).toFixed(1)} s per round, ${(hashedAttempts.length / rounds).toFixed(0)} hashes per round, ${((hashedAttempts.length / hashedPhaseMs) * 1000).toFixed(0)} hashes/s`);
} finally {
  await server.stop();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
}
