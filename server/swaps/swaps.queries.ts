/** Storage functions for swaps, and their ledger entries. */
import { and, desc, eq, or } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { swaps, type SwapRow, type SwapStatus } from '../../storage/schema.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import type { SwapAction } from './swap-transitions.js';

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

/** Each step's ledger action; `swap.done` follows the step that carries the swap out. */
export const swapActionRecorded = {
  accept: 'swap.accepted',
  decline: 'swap.declined',
  cancel: 'swap.cancelled',
  approve: 'swap.approved',
  reject: 'swap.rejected',
} as const satisfies Record<SwapAction, string>;

type SwapLedgerAction = 'swap.proposed' | 'swap.done' | (typeof swapActionRecorded)[SwapAction];

/** The ledger entry of a step in a swap; the actor is the user who took it. */
export async function recordSwapChange(tx: Transaction, by: { userId: number; at: Date }, action: SwapLedgerAction, swapId: number, data: Record<string, unknown>): Promise<void> {
  await appendLedger(tx, { actor: { kind: 'user', id: by.userId }, action, entity: `swap:${swapId}`, data, at: by.at });
}

/** What was proposed: whose occurrence, to whom, what in return, and the note. */
export function proposalLedgerData(swap: SwapRow) {
  return {
    proposerStaffId: swap.proposerStaffId,
    counterpartStaffId: swap.counterpartStaffId,
    shiftId: swap.shiftId,
    shiftDate: swap.shiftDate,
    returnShiftId: swap.returnShiftId,
    returnShiftDate: swap.returnShiftDate,
    note: swap.note,
  };
}
