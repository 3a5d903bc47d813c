#!/usr/bin/env node
// Runs the uvu test files in a few long-lived processes, one per core (see
// `concurrency` below, and tests/file-worker.mjs), each running its share of
// the files one after another; prints a line per file as it finishes and then
// one summary line that counts them all. Every file still starts from an
// empty database and its own Rollcall server; what files hand on is the
// costly part, the database and Chromium processes
// (tests/helpers/kept-between-files.ts).
//
//   node tests/run.mjs            unit and database tests (npm test)
//   node tests/run.mjs db         database tests only (CI reruns these on PostgreSQL)
//   node tests/run.mjs browser    browser tests (Chromium)
//   node tests/run.mjs tests/api/roster.test.ts   one file (or several, or groups and files mixed)
//
// TEST_CONCURRENCY=n runs n files at a time (at most 8); TEST_VERBOSE=1
// prints every file's output, not only a failing one's.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const groups = { unit: ['tests/unit'], db: ['tests/api', 'tests/storage', 'tests/socket'], browser: ['tests/browser'] };

function testFiles(dir) {
  const full = path.join(root, dir);
  let entries;
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const file = path.join(full, name);
    if (statSync(file).isDirectory()) return testFiles(path.join(dir, name));
    return name.endsWith('.test.ts') ? [path.join(dir, name)] : [];
  });
}

const args = process.argv.slice(2);
const selected = args.length === 0 ? ['unit', 'db'] : args;
const files = [...new Set(selected.flatMap((arg) => (groups[arg] ? groups[arg].flatMap(testFiles) : [arg])))];
if (files.length === 0) {
  console.error(`No test files for: ${selected.join(' ')}`);
  process.exit(1);
}

// How long each file took last time, so the longest start first: a long file
// started last would leave the other workers idle while it runs alone.
const durationsFile = path.join(root, 'node_modules', '.cache', 'rollcall-tests', 'durations.json');
let lastDurations = {};
try {
  lastDurations = JSON.parse(readFileSync(durationsFile, 'utf8'));
} catch {
  // No earlier run: files new to it go first anyway.
}
const expected = (file) => lastDurations[file] ?? Infinity;
files.sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));

// One worker per core, for every group: a browser file alone keeps about a
// core busy too (kiosk-check-in: about 23 s of CPU, Chromium and Node
// together, in 27 s), so more at once mostly share the same cores (on 2
// cores the browser group took 43 s with 2 workers, 39 s with 3).
const concurrency = Math.max(1, Math.min(Number(process.env.TEST_CONCURRENCY) || availableParallelism(), 8));
const strip = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
const results = [];

function report(file, code, output, seconds) {
  const text = strip(output);
  const count = (label) => Number((new RegExp(`${label}:\\s+(\\d+)`).exec(text) ?? [])[1] ?? 0);
  // uvu's Total counts the tests that were run (test.skip ones are only counted as Skipped);
  // a file that exits non-zero without a count (it crashed) counts as one failure.
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped');
  // A file that ran no test at all (none registered, or test.run() missing) is a mistake too.
  const failed = code === 0 && total + skipped > 0 ? total - passed : Math.max(total - passed, 1);
  results.push({ file, code, passed, failed, skipped, seconds });
  const mark = code === 0 && failed === 0 ? 'ok  ' : 'FAIL';
  const skips = skipped ? `, ${skipped} skipped` : '';
  process.stdout.write(`${mark} ${file}  (${passed} passed, ${failed} failed${skips}, ${seconds.toFixed(1)} s)\n`);
  if (mark === 'FAIL' || process.env.TEST_VERBOSE) process.stdout.write(`${text.trimEnd()}\n\n`);
  // uvu prints nothing when a before/after hook throws: its tests just do not pass.
  if (code === 0 && total + skipped === 0) process.stdout.write('     (this file ran no tests)\n\n');
  else if (failed > 0 && code === 0 && !text.includes('FAIL')) process.stdout.write('     (no test reported a failure: a before or after hook threw)\n\n');
}

/**
 * A tests/file-worker.mjs process: files run in it one after another and
 * hand their database and Chromium on to the next. `run` resolves with the
 * file's exit code and output; if the process dies during a file, with code
 * 1, what it printed, and `gone`, and the caller starts another.
 */
function startWorker() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'file-worker.mjs')], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0', ROLLCALL_TEST_WORKER: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stray = '';
  child.stdout.on('data', (chunk) => (stray += chunk));
  child.stderr.on('data', (chunk) => (stray += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return {
    async run(file) {
      const answered = new Promise((resolve) => child.once('message', resolve));
      child.send({ file });
      const outcome = await Promise.race([answered, exited.then((status) => ({ status }))]);
      if ('code' in outcome) return { code: outcome.code, output: outcome.output, gone: outcome.ending };
      return { code: 1, output: `${stray}\nThe test process ended (${outcome.status}) while running this file.`, gone: true };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ exit: true });
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(resolve, 30_000, false))]);
      if (!stopped) {
        process.stdout.write(`A test process did not exit 30 s after its last file; stopping it.\n${stray}\n`);
        child.kill();
      }
    },
  };
}

const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    let worker;
    while (queue.length > 0) {
      const file = queue.shift();
      worker ??= startWorker();
      const started = Date.now();
      const { code, output, gone } = await worker.run(file);
      report(file, code, output, (Date.now() - started) / 1000);
      if (gone) worker = undefined;
    }
    await worker?.stop();
  }),
);

try {
  mkdirSync(path.dirname(durationsFile), { recursive: true });
  const durations = { ...lastDurations, ...Object.fromEntries(results.map((result) => [result.file, result.seconds])) };
  // Written aside and renamed, as another run may be reading it.
  writeFileSync(`${durationsFile}.${process.pid}`, `${JSON.stringify(durations, null, 2)}\n`);
  renameSync(`${durationsFile}.${process.pid}`, durationsFile);
} catch {
  // Only the next run's order depends on it.
}

const sum = (key) => results.reduce((total, result) => total + result[key], 0);
const failedFiles = results.filter((result) => result.code !== 0 || result.failed > 0);
const target = process.env.DATABASE_URL ? ' (database: PostgreSQL server)' : '';
console.log(`\n${files.length} files${target}`);
console.log(`${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
// Nothing run at all (every count zero) is a failure too: a test file that registers no tests is a mistake.
process.exit(failedFiles.length === 0 && sum('passed') + sum('skipped') > 0 ? 0 : 1);
