/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL, dropped
 * again when the file closes it.
 *
 * Creating a PGlite runs initdb (over 5 s of CPU, in every test file), so the
 * first file to need one keeps the migrated, empty database as a dump in the
 * temp folder, one per version of PGlite and of the migrations; every file's
 * in-memory PGlite then starts from that dump (about 2 s of CPU).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database, type DatabaseHandle } from '../../storage/database.js';
import { projectPath } from '../../storage/project-path.js';
import * as schema from '../../storage/schema.js';
import { keptBetweenFiles } from './kept-between-files.js';

export type TestDatabase = DatabaseHandle & {
  /** Empties every table and restores the settings row, between tests. */
  reset(): Promise<void>;
  /** The URL of this run's own database, when on a server (for a second server process). */
  url: string | undefined;
};

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `rollcall_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const handle = url ? await openDatabase({ databaseUrl: url, pgliteDir: undefined }) : await openPgliteFrom(await pgliteTemplate());
  // On PGlite nothing to do (the dump is migrated) unless a migration is newer than the dump's key knows.
  await migrateDatabase(handle);
  return {
    ...handle,
    url,
    async reset() {
      const result = await handle.db.execute<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
      const tables = (result as unknown as { rows: { tablename: string }[] }).rows.map((row) => `"${row.tablename}"`);
      await handle.db.execute(sql.raw(`truncate ${tables.join(', ')} restart identity cascade`));
      await handle.db.execute(sql`insert into settings (id) values (1) on conflict do nothing`);
    },
    async close() {
      await handle.close();
      await dropDatabase();
    },
  };
}

/**
 * The file's test database: its own, or in a test worker the one the file
 * before released, emptied (as it is before every test anyway).
 */
export const testDatabaseForFile = keptBetweenFiles('test database', createTestDatabase, (database) => database.close(), (database) => database.reset());

/** The in-memory PGlite that `openDatabase` opens, but starting from `dump` instead of an empty data directory. */
async function openPgliteFrom(dump: Blob): Promise<DatabaseHandle> {
  const client = new PGlite({ loadDataDir: dump });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', pool: undefined, close: () => client.close() };
}

/** The migrated, empty database as a PGlite dump: read from the temp folder, or made there by the first file that needs it. */
async function pgliteTemplate(): Promise<Blob> {
  const migrations = projectPath('storage', 'migrations');
  const hash = createHash('sha256').update(readFileSync(projectPath('node_modules', '@electric-sql', 'pglite', 'package.json')));
  for (const name of readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort()) {
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(path.join(migrations, name)));
  }
  const file = path.join(tmpdir(), `rollcall-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not made yet: make it.
  }
  const handle = await openDatabase({ databaseUrl: undefined, pgliteDir: undefined });
  try {
    await migrateDatabase(handle);
    const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    // Written aside, then renamed: a file starting meanwhile reads either no dump or a whole one.
    const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await handle.close();
  }
}
