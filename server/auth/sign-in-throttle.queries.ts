/** Storage functions for sign-in throttling rows. */
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { signInThrottle } from '../../storage/schema.js';

export type ThrottleRow = typeof signInThrottle.$inferSelect;

export async function findThrottleRows(db: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  return db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
}

/** The row, locked until the transaction ends, so failures counted at once by two requests both count. */
export async function lockThrottleRow(tx: Queryable, key: string): Promise<ThrottleRow | undefined> {
  await tx.insert(signInThrottle).values({ key, failures: 0, windowStartedAt: new Date(0) }).onConflictDoNothing();
  const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for('update');
  return row;
}

export async function saveThrottleRow(tx: Queryable, row: ThrottleRow): Promise<void> {
  await tx.update(signInThrottle).set(row).where(eq(signInThrottle.key, row.key));
}

export async function forgiveFailures(db: Queryable, key: string): Promise<void> {
  await db.update(signInThrottle).set({ failures: 0 }).where(eq(signInThrottle.key, key));
}
