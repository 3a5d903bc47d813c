/**
 * Opens the configured database the way every entry point must: lock
 * `DATA_DIR` first (PGlite has no lock of its own), then open and migrate.
 */
import path from 'node:path';
import { acquireDataDirLock, type DataDirLock } from '../storage/data-dir-lock.js';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../storage/database.js';
import type { Env } from './env.js';

export type OpenStorage = { database: DatabaseHandle; lock: DataDirLock };

export async function openStorage(env: Env): Promise<OpenStorage> {
  const locked = acquireDataDirLock(env.dataDir);
  if (!locked.ok) {
    throw new Error(
      `Another Rollcall process (pid ${locked.heldByPid}) is using ${env.dataDir}. Stop it first, or set DATA_DIR to another folder.`,
    );
  }
  const lock = locked.lock;
  process.on('exit', () => lock.release());
  try {
    const database = await openDatabase({ databaseUrl: env.databaseUrl, pgliteDir: path.join(env.dataDir, 'db') });
    await migrateDatabase(database);
    return { database, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
