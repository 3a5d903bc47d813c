/** Storage functions for swaps. */
import { and, desc, eq, or } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { swaps, type SwapRow, type SwapStatus } from '../../storage/schema.js';

export { swapStatuses } from '../../storage/schema.js';

export async function insertSwap(
  db: Queryable,
  values: { proposerStaffId: number; counterpartStaffId: number; shiftId: number; shiftDate: string; returnShiftId: number | null; returnShiftDate: string | null; note: string | null; createdAt: Date; updatedAt: Date },
): Promise<SwapRow> {
  const [row] = await db.insert(swaps).values(values).returning();
  return row!;
}

export async function findSwap(db: Queryable, swapId: number): Promise<SwapRow | undefined> {
  const [row] = await db.select().from(swaps).where(eq(swaps.id, swapId));
  return row;
}

export async function listSwaps(db: Queryable, filter: { staffId?: number; status?: SwapStatus }): Promise<SwapRow[]> {
  return db
    .select()
    .from(swaps)
    .where(
      and(
        filter.staffId === undefined ? undefined : or(eq(swaps.proposerStaffId, filter.staffId), eq(swaps.counterpartStaffId, filter.staffId)),
        filter.status === undefined ? undefined : eq(swaps.status, filter.status),
      ),
    )
    .orderBy(desc(swaps.createdAt), desc(swaps.id))
    .limit(500);
}

/** Compare-and-set on the status: `undefined` when someone else changed it first. */
export async function changeSwapStatus(
  db: Queryable,
  swapId: number,
  from: SwapStatus,
  to: SwapStatus,
  decidedBy: number | null,
  now: Date,
): Promise<SwapRow | undefined> {
  const [row] = await db
    .update(swaps)
    .set({ status: to, updatedAt: now, ...(decidedBy !== null && { decidedBy }) })
    .where(and(eq(swaps.id, swapId), eq(swaps.status, from)))
    .returning();
  return row;
}
