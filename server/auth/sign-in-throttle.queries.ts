/** Storage functions for sign-in throttling rows. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { signInThrottle } from '../../storage/schema.js';

export type ThrottleRow = typeof signInThrottle.$inferSelect;

export async function findThrottleRows(db: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  return db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
}

/**
 * The rows of `keys` (made if new), locked until the transaction ends, so
 * failures counted at once by two requests both count. Locked in key order,
 * the same in every transaction, so two cannot wait on each other.
 */
export async function lockThrottleRows(tx: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  await tx.insert(signInThrottle).values(keys.map((key) => ({ key, failures: 0, windowStartedAt: new Date(0) }))).onConflictDoNothing();
  return tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).orderBy(asc(signInThrottle.key)).for('update');
}

export async function saveThrottleRow(tx: Queryable, row: ThrottleRow): Promise<void> {
  await tx.update(signInThrottle).set(row).where(eq(signInThrottle.key, row.key));
}

export async function forgiveFailures(db: Queryable, key: string): Promise<void> {
  await db.update(signInThrottle).set({ failures: 0 }).where(eq(signInThrottle.key, key));
}
