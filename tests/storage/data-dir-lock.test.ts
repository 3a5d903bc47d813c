/**
 * The data-folder lock, taken by real processes through the real module
 * (tests/storage/fixtures/lock-taker.ts): several processes starting at once
 * on a lock left by a process that is gone must leave exactly one holder,
 * round after round; a live holder keeps it until it releases it; an old-style
 * lock and a takeover abandoned half-way do not block the folder.
 *
 * Each round uses its own folder, all made stale by one process that took
 * them and exited, so four long-lived takers can run many rounds without
 * starting a process per attempt.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import { exitOf } from '../helpers/server-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rounds = 40;
const takersPerRound = 4;

type Answer = { dir: string; ok?: boolean; heldByPid?: number; error?: string; released?: boolean };
type Taker = { child: ChildProcess; pid: number; ask(command: object): Promise<Answer>; exit(): Promise<unknown> };

let base: string;
const takers: Taker[] = [];

async function startTaker(): Promise<Taker> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/storage/fixtures/lock-taker.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock taker exited with ${code} before it was ready`)));
  });
  return {
    child,
    pid: child.pid!,
    ask: (command) =>
      new Promise((resolve) => {
        child.once('message', (answer) => resolve(answer as Answer));
        child.send(command);
      }),
    async exit() {
      child.send({ exit: true });
      return exitOf(child);
    },
  };
}

/** A pid that belonged to a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exitOf(child);
  return child.pid!;
}

const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => name !== 'rollcall.lock');

test.before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'rollcall-lock-'));
  takers.push(...(await Promise.all(Array.from({ length: takersPerRound }, startTaker))));
});
test.after(async () => {
  await Promise.all(takers.map((taker) => taker.exit()));
  await rm(base, { recursive: true, force: true });
});

test(`${takersPerRound} processes starting at once on a stale lock: exactly one holds it, in each of ${rounds} rounds`, async () => {
  const dirs = Array.from({ length: rounds }, (_, i) => path.join(base, `round-${i}`));
  const crashed = await startTaker();
  for (const dir of dirs) assert.equal((await crashed.ask({ take: dir })).ok, true);
  await crashed.exit();
  for (const dir of dirs) assert.match(await readFile(path.join(dir, 'rollcall.lock'), 'utf8'), new RegExp(`^${crashed.pid}\\b`));

  const failures: string[] = [];
  for (const dir of dirs) {
    const answers = await Promise.all(takers.map((taker) => taker.ask({ take: dir })));
    const winners = takers.filter((_, i) => answers[i]!.ok);
    const errors = answers.filter((answer) => answer.error).map((answer) => answer.error);
    if (errors.length > 0) failures.push(`${path.basename(dir)}: ${errors.join('; ')}`);
    else if (winners.length !== 1) failures.push(`${path.basename(dir)}: ${winners.length} holders`);
    else {
      const winner = winners[0]!;
      const others = answers.filter((answer) => !answer.ok).map((answer) => answer.heldByPid);
      // Every loser names the winner: nobody else ever held the lock this round.
      if (others.some((pid) => pid !== winner.pid)) failures.push(`${path.basename(dir)}: losers name ${others.join(', ')}, the winner is ${winner.pid}`);
      assert.match(await readFile(path.join(dir, 'rollcall.lock'), 'utf8'), new RegExp(`^${winner.pid}\\b`));
      assert.deepEqual(await leftovers(dir), [], 'no claim or temporary file is left behind');
    }
  }
  assert.deepEqual(failures, []);
});

test('a live holder keeps the lock until it releases it; then the next process takes it', async () => {
  const dir = path.join(base, 'live');
  const [first, second] = takers as [Taker, Taker];
  assert.equal((await first.ask({ take: dir })).ok, true);
  assert.deepEqual(await second.ask({ take: dir }), { dir, ok: false, heldByPid: first.pid });
  await first.ask({ release: dir });
  assert.deepEqual(await readdir(dir), [], 'releasing removes the lock');
  assert.equal((await second.ask({ take: dir })).ok, true);
  assert.deepEqual(await first.ask({ take: dir }), { dir, ok: false, heldByPid: second.pid });
  await second.ask({ release: dir });
});

test('a lock written by an older version (the bare pid of a process that is gone) is taken over', async () => {
  const dir = path.join(base, 'old-style');
  await mkdir(dir);
  await writeFile(path.join(dir, 'rollcall.lock'), String(await deadPid()));
  assert.equal((await takers[0]!.ask({ take: dir })).ok, true);
  assert.deepEqual(await leftovers(dir), []);
  await takers[0]!.ask({ release: dir });
});

test('a takeover abandoned half-way (its claim left by a process that died) does not block the folder', async () => {
  const dir = path.join(base, 'abandoned-takeover');
  await mkdir(dir);
  const stale = `${await deadPid()} - 0123456789abcdef\n`;
  await writeFile(path.join(dir, 'rollcall.lock'), stale);
  // The claim a starter takes before replacing that lock, named after the lock's contents (see storage/data-dir-lock.ts).
  const claim = path.join(dir, `rollcall.lock.${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`);
  await writeFile(claim, `${await deadPid()} - fedcba9876543210\n`);
  const answers = await Promise.all(takers.map((taker) => taker.ask({ take: dir })));
  assert.equal(answers.filter((answer) => answer.ok).length, 1, JSON.stringify(answers));
  assert.deepEqual(await leftovers(dir), []);
});

test.run();
