/**
 * Sign-in throttling, per account and per client address. An account gets 5
 * wrong passwords in 15 minutes; then every attempt, even with the right
 * password, is refused for 15 minutes, and for twice as long each time it
 * happens again within a day. An address gets 50 (an office behind one NAT
 * must not lock everyone out because one person mistypes), with the same
 * doubling block. Stored in the database, so every process sees the same.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../storage/database.js';
import type { Remembered } from '../remembered.js';
import { findThrottleRows, forgiveFailures, lockThrottleRows, saveThrottleRow, type ThrottleRow } from './sign-in-throttle.queries.js';

const minute = 60 * 1000;
export const throttleWindowMs = 15 * minute;
const firstBlockMs = 15 * minute;
const blocksRememberedMs = 24 * 60 * minute;
export const accountFailureLimit = 5;
export const addressFailureLimit = 50;

export type ThrottleKeys = { account: string; address: string | undefined };

/** Keyed by a hash of the name typed: any text can be typed there (even a password), and none of it is stored. */
export const throttleKeys = (username: string, address: string | undefined): ThrottleKeys => ({
  account: `account:${createHash('sha256').update(username.trim().toLowerCase()).digest('hex')}`,
  address: address ? `address:${address}` : undefined,
});

const keyList = (keys: ThrottleKeys) => [keys.account, ...(keys.address ? [keys.address] : [])];

/** Seconds until the attempt may be made, or 0 if it may be made now. */
export function secondsBlocked(rows: Pick<ThrottleRow, 'blockedUntil'>[], now: Date): number {
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** The row after one more failure at `now`: counted in its window, and blocked when it reaches `limit`. */
export function afterFailure(row: ThrottleRow, now: Date, limit: number): ThrottleRow {
  const windowOver = now.getTime() - row.windowStartedAt.getTime() >= throttleWindowMs;
  const failures = (windowOver ? 0 : row.failures) + 1;
  const windowStartedAt = windowOver ? now : row.windowStartedAt;
  if (failures < limit) return { ...row, failures, windowStartedAt };
  const recentBlock = row.blockedUntil !== null && now.getTime() - row.blockedUntil.getTime() < blocksRememberedMs;
  const blocks = recentBlock ? row.blocks + 1 : 1;
  return { ...row, failures: 0, windowStartedAt: now, blocks, blockedUntil: new Date(now.getTime() + firstBlockMs * 2 ** Math.min(blocks - 1, 10)) };
}

/** Blocks this process remembers at most; past that the oldest are forgotten, and read again when needed. */
const maxRememberedBlocks = 10_000;

/**
 * The throttle over `db`. Blocks it has seen are remembered until they end
 * (only time lifts a block), so a blocked flood is refused without a
 * database read: under a flood that read was most of the refusal's cost,
 * and it slowed everyone else's requests. A block set by another process is
 * read from the database as before.
 */
export function createSignInThrottle(db: Database, remembered: Remembered) {
  const blockedUntil = new Map<string, Date>();
  remembered.register(() => blockedUntil.clear());
  const remember = (rows: ThrottleRow[], now: Date) => {
    for (const row of rows) {
      if (!row.blockedUntil || row.blockedUntil <= now) continue;
      blockedUntil.delete(row.key);
      blockedUntil.set(row.key, row.blockedUntil);
      if (blockedUntil.size > maxRememberedBlocks) blockedUntil.delete(blockedUntil.keys().next().value!);
    }
  };

  return {
    /** Seconds until an attempt with `keys` may be made, or 0 if it may be made now. */
    async retryAfterSeconds(keys: ThrottleKeys, now: Date): Promise<number> {
      const known = secondsBlocked(keyList(keys).map((key) => ({ blockedUntil: blockedUntil.get(key) ?? null })), now);
      if (known > 0) return known;
      const rows = await findThrottleRows(db, keyList(keys));
      remember(rows, now);
      return secondsBlocked(rows, now);
    },

    async recordFailure(keys: ThrottleKeys, now: Date): Promise<void> {
      const saved = await db.transaction(async (tx) => {
        const rows = await lockThrottleRows(tx, keyList(keys));
        const counted = rows.map((row) => afterFailure(row, now, row.key === keys.account ? accountFailureLimit : addressFailureLimit));
        for (const row of counted) await saveThrottleRow(tx, row);
        return counted;
      });
      remember(saved, now);
    },

    /** A right password forgives the account's failures (not its recent blocks, nor the address's failures: others may be guessing from it). */
    recordSuccess: (keys: ThrottleKeys) => forgiveFailures(db, keys.account),
  };
}
