/**
 * The photo store's writes: a saved photo is whole, private (0600 in 0700
 * folders, whatever the umask of the process), leaves no temporary file, and
 * is fsynced before the rename that publishes it, its folder after. The last
 * is watched from outside, with strace, in a child process that saves a
 * photo through the real store; without strace that test is skipped.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import { processPhoto, type ProcessedPhoto } from '../../storage/photo-processing.js';
import { createPhotoStore } from '../../storage/photo-store.js';
import { makeFrame } from '../helpers/fixtures.js';
import { exitOf } from '../helpers/server-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const straceWorks = spawnSync('strace', ['-f', '-o', '/dev/null', 'true']).status === 0;
const traced = straceWorks ? test : test.skip;

let base: string;

async function photoOf(width: number, height: number): Promise<ProcessedPhoto> {
  const processed = await processPhoto(await makeFrame(width, height));
  assert.ok(processed.ok);
  return processed.photo;
}

/** Every path under `dir` with its permission bits, as `0700 ab/` or `0600 ab/cd/….webp`. */
async function modesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const stats = await lstat(path.join(dir, name));
    found.push(`${(stats.mode & 0o777).toString(8).padStart(4, '0')} ${name}${stats.isDirectory() ? '/' : ''}`);
  }
  return found.sort();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'rollcall-photos-'));
});
test.after(async () => rm(base, { recursive: true, force: true }));

test('a saved photo is whole, 0600 in 0700 folders, and no temporary file is left, even saved twice at once', async () => {
  const dir = path.join(base, 'photos');
  const store = createPhotoStore(dir);
  const [first, second] = [await photoOf(320, 240), await photoOf(400, 300)];
  // A common umask, not the server's 077: the store must not depend on it.
  const umask = process.umask(0o022);
  try {
    await Promise.all([store.save(first), store.save(first), store.save(second)]);
    await store.save(first);
  } finally {
    process.umask(umask);
  }
  assert.deepEqual(await store.read(first.id), first.data);
  assert.deepEqual(await store.read(second.id), second.data);
  const expected = [first, second].flatMap(({ id }) => [`0700 ${id.slice(0, 2)}/`, `0700 ${id.slice(0, 2)}/${id.slice(2, 4)}/`, `0600 ${id.slice(0, 2)}/${id.slice(2, 4)}/${id}.webp`]);
  assert.deepEqual(await modesUnder(dir), [...new Set(expected)].sort());
});

traced('the photo is fsynced before the rename that publishes it, and its folder after the rename', async () => {
  const dir = path.join(base, 'traced');
  const log = path.join(base, 'strace.log');
  const fixture = path.join(root, 'tests/storage/fixtures/save-photo.ts');
  const child = spawn('strace', ['-f', '-y', '-qq', '-o', log, '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2', process.execPath, '--import', 'tsx', fixture, dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let id = '';
  child.stdout!.on('data', (chunk) => (id += chunk));
  assert.equal(await exitOf(child), 0);
  id = id.trim();
  const file = path.join(dir, id.slice(0, 2), id.slice(2, 4), `${id}.webp`);
  assert.equal((await lstat(file)).size > 1000, true);
  const lines = (await readFile(log, 'utf8')).split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
  const temporary = `${escapeRegExp(file)}\\.[0-9a-f]+\\.tmp`;
  const syncedFile = lineOf(new RegExp(`f(data)?sync\\(\\d+<${temporary}>\\) += 0`));
  const renamed = lineOf(new RegExp(`rename(at2?)?\\(.*"${temporary}", .*"${escapeRegExp(file)}".* = 0`));
  const syncedFolder = lineOf(new RegExp(`fsync\\(\\d+<${escapeRegExp(path.dirname(file))}>\\) += 0`));
  const trace = lines.filter((line) => line.includes(dir)).join('\n');
  assert.ok(syncedFile >= 0, `the temporary file is fsynced:\n${trace}`);
  assert.ok(renamed > syncedFile, `then renamed into place:\n${trace}`);
  assert.ok(syncedFolder > renamed, `then its folder is fsynced:\n${trace}`);
});

test.run();
