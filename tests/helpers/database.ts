/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL, dropped
 * again when the file closes it.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../storage/database.js';

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
  const handle = await openDatabase({ databaseUrl: url, pgliteDir: undefined });
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
