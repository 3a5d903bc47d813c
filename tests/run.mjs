#!/usr/bin/env node
// Runs the uvu test files, each in its own process (two at a time: the
// machines have two cores), and prints one summary line that counts them all.
//
//   node tests/run.mjs            unit and database tests (npm test)
//   node tests/run.mjs db         database tests only (CI reruns these on PostgreSQL)
//   node tests/run.mjs browser    browser tests (Chromium)
//   node tests/run.mjs tests/api/staff.test.ts   one file
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
const files = selected.flatMap((arg) => (groups[arg] ? groups[arg].flatMap(testFiles) : [arg])).sort();
if (files.length === 0) {
  console.error(`No test files for: ${selected.join(' ')}`);
  process.exit(1);
}

const concurrency = Math.max(1, Math.min(Number(process.env.TEST_CONCURRENCY) || availableParallelism(), 4));
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
      const total = count('Total');
      const passed = count('Passed');
      const skipped = count('Skipped');
      const failed = code === 0 ? total - passed - skipped : Math.max(total - passed - skipped, 1);
      results.push({ file, code, passed, failed, skipped, seconds: (Date.now() - started) / 1000 });
      const mark = code === 0 && failed === 0 ? 'ok  ' : 'FAIL';
      process.stdout.write(`${mark} ${file}  (${passed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      if (mark === 'FAIL' || process.env.TEST_VERBOSE) process.stdout.write(`${text.trimEnd()}\n\n`);
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

const sum = (key) => results.reduce((total, result) => total + result[key], 0);
const failedFiles = results.filter((result) => result.code !== 0 || result.failed > 0);
const target = process.env.DATABASE_URL ? ' (database: PostgreSQL server)' : '';
console.log(`\n${files.length} files${target}`);
console.log(`${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
process.exit(failedFiles.length === 0 && sum('passed') > 0 ? 0 : 1);
