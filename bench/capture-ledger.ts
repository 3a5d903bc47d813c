/**
 * What the ledger adds to a kiosk capture: the capture ack p50 of this tree
 * against the same bench on a tree from before the ledger existed (a git
 * worktree of BENCH_BASELINE, default b524e4e), in one run, rounds
 * alternating so that drift on the machine hits both alike. Each tree runs
 * as its own server process (`server/main.ts`, embedded PGlite, its own
 * DATA_DIR), seeded through the REST API that both share; every capture is
 * a distinct 1280×720 JPEG, so content addressing never skips the work.
 *
 *   node --import tsx bench/capture-ledger.ts     (BENCH_ROUNDS=3, BENCH_PEOPLE=30 by default)
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import { createManager, createStaffMember, makeFrame } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { pairKiosk, signInCookie } from '../tests/helpers/sockets.js';
import { median, ms, percentile } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselineRef = process.env.BENCH_BASELINE ?? 'b524e4e';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const people = Number(process.env.BENCH_PEOPLE ?? 30);

function baselineTree(): string {
  const dir = path.join(tmpdir(), `rollcall-baseline-${baselineRef}`);
  if (!existsSync(dir)) {
    execFileSync('git', ['worktree', 'add', '--detach', dir, baselineRef], { cwd: root, stdio: 'ignore' });
    // The same installed packages: the baseline's lock file pins the versions this tree has.
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  }
  return dir;
}

async function startServer(tree: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rollcall-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(tree, 'server/main.ts')], {
    cwd: tree,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ORG_TIMEZONE: 'UTC', DATABASE_URL: '' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server in ${tree} exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ask = <T>(socket: Socket, event: string, payload: unknown) => new Promise<T>((resolve) => socket.emit(event, payload, resolve));

/** One round on one tree: `people` staff, each checking in then out (a one-hour shift starting now), every capture timed. */
async function round(tree: string, frames: Buffer[]): Promise<number[]> {
  const server = await startServer(tree);
  try {
    const client = createClient(server.url);
    const manager = await createManager(client, 'bench_manager');
    const now = DateTime.utc();
    const start = now.startOf('minute');
    const shift = { day: start.toFormat('cccc'), start: start.toFormat('HH:mm'), end: start.plus({ hours: 1 }).toFormat('HH:mm') };
    const pins: string[] = [];
    for (let i = 0; i < people; i++) {
      const pin = String(100000 + i * 7919);
      await createStaffMember(client, manager, `person${i}`, { pin, shifts: [shift], weeklyOffs: now.plus({ days: 3 }).toFormat('cccc'), since: now.toISODate()! });
      pins.push(pin);
    }
    const cookie = await signInCookie(client, manager.username, manager.password);
    const { token } = await pairKiosk(client, { cookie }, 'Bench');
    const kiosk = io(`${server.url}/kiosk`, { auth: { token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => kiosk.once('connect', () => resolve()).once('connect_error', reject));
    const times: number[] = [];
    let next = 0;
    for (const kind of ['check_in', 'check_out'] as const) {
      for (const pin of pins) {
        const identified = await ask<{ ok: boolean; attempt: string }>(kiosk, 'identify', { pin });
        if (!identified.ok) throw new Error(`identify: ${JSON.stringify(identified)}`);
        const started = performance.now();
        const captured = await ask<{ ok: boolean }>(kiosk, 'capture', { attempt: identified.attempt, kind, image: frames[next++ % frames.length], requestId: randomUUID() });
        times.push(performance.now() - started);
        if (!captured.ok) throw new Error(`capture: ${JSON.stringify(captured)}`);
      }
    }
    kiosk.close();
    // The first few warm the server up.
    return times.slice(5);
  } finally {
    await server.stop();
  }
}

const base = await makeFrame(1280, 720, 'jpeg');
// Distinct bytes per capture, so no two share a stored photo.
const frames = await Promise.all(
  Array.from({ length: people * 2 }, (_, i) => sharp(base).modulate({ brightness: 1 + (i + 1) / 1000 }).jpeg({ quality: 85 }).toBuffer()),
);
const trees = { baseline: baselineTree(), ledger: root };
const samples: Record<keyof typeof trees, number[]> = { baseline: [], ledger: [] };
for (let r = 0; r < rounds; r++) {
  for (const name of (r % 2 === 0 ? ['baseline', 'ledger'] : ['ledger', 'baseline']) as (keyof typeof trees)[]) {
    samples[name].push(...(await round(trees[name], frames)));
  }
}
const line = (name: keyof typeof trees) => `p50 ${ms(median(samples[name]))}, p90 ${ms(percentile(samples[name], 90))} (${samples[name].length} captures)`;
console.log(`capture ack, 1280×720 JPEG, embedded PGlite, ${rounds} alternating rounds`);
console.log(`  before the ledger (${baselineRef}): ${line('baseline')}`);
console.log(`  with the ledger (this tree):        ${line('ledger')}`);
console.log(`  ledger / baseline p50 = ${(median(samples.ledger) / median(samples.baseline)).toFixed(3)}× (target ≤ 1.10×)`);
