/**
 * Several processes starting at once on one fresh PostgreSQL database (as
 * servers behind a load balancer do) all migrate successfully, and each
 * migration is applied once: they take turns under an advisory lock.
 * Real processes (tests/storage/fixtures/migrator.ts) through the real module.
 *
 * PGlite has one process per data folder (it holds the folder's lock), so
 * without DATABASE_URL the test is registered with `test.skip` and reported
 * as skipped.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { test } from 'uvu';
import { exitOf } from '../helpers/server-process.js';

const serverUrl = process.env.DATABASE_URL;
const check = serverUrl ? test : test.skip;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rounds = 3;
const processesPerRound = 4;

type Migrator = { child: ChildProcess; migrate(url: string): Promise<{ ok: boolean; error?: string }> };
const migrators: Migrator[] = [];

async function startMigrator(): Promise<Migrator> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/storage/fixtures/migrator.ts')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the migrator exited with ${code} before it was ready`)));
  });
  return {
    child,
    migrate: (url) =>
      new Promise((resolve) => {
        child.once('message', (answer) => resolve(answer as { ok: boolean; error?: string }));
        child.send({ migrate: url });
      }),
  };
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

if (serverUrl) {
  test.before(async () => {
    migrators.push(...(await Promise.all(Array.from({ length: processesPerRound }, startMigrator))));
  });
  test.after(async () => {
    for (const { child } of migrators) child.send({ exit: true });
    await Promise.all(migrators.map(({ child }) => exitOf(child)));
  });
}

check(`${processesPerRound} processes migrating one fresh database at once all succeed, and each migration runs once (${rounds} rounds)`, async () => {
  const journal = JSON.parse(readFileSync(path.join(root, 'storage/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  for (let round = 0; round < rounds; round++) {
    const name = `rollcall_migrate_${process.pid}_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl!, (client) => client.query(`create database ${name}`));
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      const answers = await Promise.all(migrators.map((migrator) => migrator.migrate(url.toString())));
      assert.deepEqual(answers.filter((answer) => !answer.ok), [], `round ${round}`);
      const applied = await onServer(url.toString(), async (client) => {
        const migrations = await client.query('select count(*)::int as all, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations');
        const tables = await client.query("select count(*)::int as count from pg_tables where schemaname = 'public' and tablename = 'users'");
        return { ...migrations.rows[0], users: tables.rows[0].count };
      });
      assert.deepEqual(applied, { all: journal.entries.length, distinct: journal.entries.length, users: 1 });
    } finally {
      await onServer(serverUrl!, (client) => client.query(`drop database if exists ${name} with (force)`));
    }
  }
});

test.run();
