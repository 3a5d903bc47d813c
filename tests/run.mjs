#!/usr/bin/env node
// Runs the uvu test files, each in its own process, several at a time (see
// `concurrency` below), and prints a line per file as it finishes and then
// one summary line that counts them all.
//
//   node tests/run.mjs            unit and database tests (npm test)
//   node tests/run.mjs db         database tests only (CI reruns these on PostgreSQL)
//   node tests/run.mjs browser    browser tests (Chromium)
//   node tests/run.mjs tests/api/staff.test.ts   one file (or several, or groups and files mixed)
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

// Unit and database files keep a core busy each, so one file per core. A
// browser file spends most of its time with Chromium and the server waiting
// on each other and uses about half a core: on 2 cores, three at a time
// finish soonest (measured: TODO).
const browserOnly = files.every((file) => path.normalize(file).startsWith(path.join('tests', 'browser') + path.sep));
const cores = availableParallelism();
const concurrency = Math.max(1, Math.min(Number(process.env.TEST_CONCURRENCY) || (browserOnly ? cores + 1 : cores), 8));
const strip = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
const results = [];

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const text = strip(output);
      const count = (label) => Number((new RegExp(`${label}:\\s+(\\d+)`).exec(text) ?? [])[1] ?? 0);
      // uvu's Total counts the tests that were run (test.skip ones are only counted as Skipped);
      // a file that exits non-zero without a count (it crashed) counts as one failure.
      const total = count('Total');
      const passed = count('Passed');
      const skipped = count('Skipped');
      const failed = code === 0 ? total - passed : Math.max(total - passed, 1);
      const seconds = (Date.now() - started) / 1000;
      results.push({ file, code, passed, failed, skipped, seconds });
      const mark = code === 0 && failed === 0 ? 'ok  ' : 'FAIL';
      const skips = skipped ? `, ${skipped} skipped` : '';
      process.stdout.write(`${mark} ${file}  (${passed} passed, ${failed} failed${skips}, ${seconds.toFixed(1)} s)\n`);
      if (mark === 'FAIL' || process.env.TEST_VERBOSE) process.stdout.write(`${text.trimEnd()}\n\n`);
      // uvu prints nothing when a before/after hook throws: its tests just do not pass.
      if (failed > 0 && code === 0 && !text.includes('FAIL')) process.stdout.write('     (no test reported a failure: a before or after hook threw)\n\n');
      resolve();
    });
  });
}

const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    while (queue.length > 0) await runFile(queue.shift());
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
