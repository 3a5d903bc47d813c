/**
 * On a PostgreSQL server, every process remembers the settings row (see
 * settings.queries.ts); a change made by one is announced with NOTIFY when
 * it commits, and each process listens on a connection of its own to forget
 * its copy. A lost connection may have missed an announcement, so the copy
 * is forgotten then too, and the connection made again.
 */
import type pg from 'pg';
import type { Database } from '../../storage/database.js';
import type { Logger } from '../logger.js';
import { forgetSettings, settingsChangedChannel } from './settings.queries.js';

const retryMs = 1000;

/** Starts listening; the function returned stops. */
export function listenForSettingsChanges(pool: pg.Pool, db: Database, logger: Logger): () => Promise<void> {
  let stopped = false;
  let current: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  const dropped = new WeakSet<pg.PoolClient>();

  const drop = (connection: pg.PoolClient) => {
    if (dropped.has(connection)) return;
    dropped.add(connection);
    connection.removeAllListeners('notification');
    // Ended, not returned to the pool: its LISTEN must not outlive it.
    connection.release(true);
    if (current === connection) current = undefined;
  };
  const lost = (connection: pg.PoolClient | undefined, error: unknown) => {
    forgetSettings(db);
    if (connection) drop(connection);
    if (stopped) return;
    logger.warn('Listening for settings changes failed; trying again', { error: String(error) });
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), retryMs);
  };
  const connect = async () => {
    let connection: pg.PoolClient | undefined;
    try {
      connection = await pool.connect();
      if (stopped) return drop(connection);
      const listening = connection;
      current = listening;
      listening.on('notification', () => forgetSettings(db));
      listening.on('error', (error) => lost(listening, error));
      await listening.query(`listen ${settingsChangedChannel}`);
      // Anything changed before the LISTEN took effect.
      forgetSettings(db);
    } catch (error) {
      lost(connection, error);
    }
  };
  void connect();

  return async () => {
    stopped = true;
    clearTimeout(retry);
    if (current) drop(current);
  };
}
