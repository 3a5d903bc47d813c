/**
 * Opens the database: embedded PGlite under `DATA_DIR/db` by default, or a
 * PostgreSQL server through a `pg` pool when a URL is given. Both speak the
 * same dialect, so one schema and one set of migrations serve both.
 *
 * PGlite cannot promise durability across a power loss: inside its
 * WebAssembly file system `fsync` and `fdatasync` do nothing. The one thing
 * that does reach the disk is opening the WAL with O_DSYNC
 * (`wal_sync_method=open_datasync`), so each commit's WAL is on disk before
 * it returns; data-file and checkpoint syncs still are not. Production data
 * belongs on a PostgreSQL server (`DATABASE_URL`).
 *
 * @example
 *   const database = await openDatabase({ databaseUrl: undefined, pgliteDir: './data/db' });
 *   await migrateDatabase(database);
 *   await database.db.select().from(users);
 *   await database.close();
 */
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { makeFolderPrivate } from './data-dir-permissions.js';
import { projectPath } from './project-path.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction on it: storage functions take this so callers choose. */
export type Queryable = Database | Transaction;

/** The rows of a statement written in SQL: both drivers' results carry them as `rows`. */
export async function rowsOf<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

export type DatabaseHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The pg pool when running on a server (the Socket.IO adapter needs it). */
  pool: pg.Pool | undefined;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** PostgreSQL URL; unset means embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite's directory; `undefined` keeps it in memory (tests). */
  pgliteDir: string | undefined;
};

const migrationsFolder = projectPath('storage', 'migrations');

/**
 * PGlite's start-up options with fsync on (it starts postgres with `-F`,
 * fsync off) and the WAL opened with O_DSYNC, the only sync that takes effect.
 */
const durableStartParams = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=open_datasync'];

/** Any fixed 64-bit number, the same in every Rollcall process: "rollcall" in ASCII. */
const migrationLockKey = '8245935278387129708';

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  const dir = options.pgliteDir;
  if (dir) await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  const client = dir ? new PGlite(dir, { startParams: durableStartParams }) : new PGlite();
  await client.waitReady;
  // PGlite sets its files' modes itself, ignoring the umask: initdb's come out 0666, and some postgres writes at start and stop 0644.
  if (dir) makeFolderPrivate(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  const close = async () => {
    await client.close();
    if (dir) makeFolderPrivate(dir);
  };
  return { db, kind: 'pglite', pool: undefined, close };
}

/**
 * Applies the committed drizzle-kit migrations that have not run yet. On a
 * server, several processes may start at once on one database: each waits
 * for a session-level advisory lock, so one migrates and the others then find
 * nothing to do (without it both create drizzle's table and run the same
 * migration, and one fails). PGlite has one process, which holds `DATA_DIR`.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (!handle.pool) {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // The lock belongs to one connection, so the migration runs on that one too.
  const client = await handle.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [migrationLockKey]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1::bigint)', [migrationLockKey]);
    }
  } catch (error) {
    // Closing the connection rather than returning it to the pool ends its session, and any lock with it.
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
