/**
 * Opens the database: embedded PGlite under `DATA_DIR/db` by default, or a
 * PostgreSQL server through a `pg` pool when a URL is given. Both speak the
 * same dialect, so one schema and one set of migrations serve both.
 *
 * @example
 *   const database = await openDatabase({ databaseUrl: undefined, pgliteDir: './data/db' });
 *   await migrateDatabase(database);
 *   await database.db.select().from(users);
 *   await database.close();
 */
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { projectPath } from './project-path.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction on it: storage functions take this so callers choose. */
export type Queryable = Database | Transaction;

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

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  if (options.pgliteDir) await mkdir(path.dirname(options.pgliteDir), { recursive: true });
  const client = options.pgliteDir ? new PGlite(options.pgliteDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', pool: undefined, close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations that have not run yet. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    await migratePg(handle.db as never, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}
