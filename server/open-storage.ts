/**
 * Opens the configured database the way every entry point must: make what
 * the process creates private (before anything is created), lock `DATA_DIR`
 * (PGlite has no lock of its own), narrow what an older install left readable
 * by others, then open and migrate.
 */
import path from 'node:path';
import { acquireDataDirLock, type DataDirLock } from '../storage/data-dir-lock.js';
import { makeFolderPrivate, usePrivateUmask } from '../storage/data-dir-permissions.js';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../storage/database.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';

export type OpenStorage = { database: DatabaseHandle; lock: DataDirLock };

export async function openStorage(env: Env, logger?: Logger): Promise<OpenStorage> {
  usePrivateUmask();
  const locked = acquireDataDirLock(env.dataDir);
  if (!locked.ok) {
    throw new Error(
      `Another Rollcall process (pid ${locked.heldByPid}) is using ${env.dataDir}. Stop it first, or set DATA_DIR to another folder.`,
    );
  }
  const lock = locked.lock;
  process.on('exit', () => lock.release());
  try {
    const fixed = makeFolderPrivate(env.dataDir);
    if (fixed > 0) logger?.info(`Made ${fixed} files and folders in ${env.dataDir} private to this user (0600/0700): others could read them.`);
    const database = await openDatabase({ databaseUrl: env.databaseUrl, pgliteDir: path.join(env.dataDir, 'db') });
    await migrateDatabase(database);
    return { database, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
