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
import { findThrottleRows, forgiveFailures, lockThrottleRow, saveThrottleRow, type ThrottleRow } from './sign-in-throttle.queries.js';

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

export async function retryAfterSeconds(db: Database, keys: ThrottleKeys, now: Date): Promise<number> {
  return secondsBlocked(await findThrottleRows(db, keyList(keys)), now);
}

export async function recordFailure(db: Database, keys: ThrottleKeys, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of keyList(keys)) {
      const row = await lockThrottleRow(tx, key);
      if (row) await saveThrottleRow(tx, afterFailure(row, now, key === keys.account ? accountFailureLimit : addressFailureLimit));
    }
  });
}

/** A right password forgives the account's failures (not its recent blocks, nor the address's failures: others may be guessing from it). */
export async function recordSuccess(db: Database, keys: ThrottleKeys): Promise<void> {
  await forgiveFailures(db, keys.account);
}
