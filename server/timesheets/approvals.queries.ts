/** Approved timesheet ranges: approving, reopening, and whether a person's date is locked. */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { timesheetApprovals } from '../../storage/schema.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { approvalLedgerData } from '../ledger/recorded-rows.js';

export type ApprovalRow = typeof timesheetApprovals.$inferSelect;

const overlaps = (range: { from: string; to: string }) => and(lte(timesheetApprovals.fromDate, range.to), gte(timesheetApprovals.toDate, range.from));

/** Approvals of these people (all, when undefined) that overlap the range. */
export async function listApprovals(db: Queryable, range: { from: string; to: string }, staffIds?: readonly number[]): Promise<ApprovalRow[]> {
  if (staffIds?.length === 0) return [];
  return db
    .select()
    .from(timesheetApprovals)
    .where(and(overlaps(range), staffIds ? inArray(timesheetApprovals.staffId, [...staffIds]) : undefined))
    .orderBy(timesheetApprovals.staffId, timesheetApprovals.fromDate);
}

export async function isDateApproved(db: Queryable, staffId: number, date: string): Promise<boolean> {
  return (await listApprovals(db, { from: date, to: date }, [staffId])).length > 0;
}

export async function insertApprovals(
  tx: Transaction,
  rows: readonly { staffId: number; fromDate: string; toDate: string; approvedBy: number; approvedAt: Date }[],
): Promise<ApprovalRow[]> {
  if (rows.length === 0) return [];
  const inserted = await tx.insert(timesheetApprovals).values([...rows]).returning();
  for (const row of inserted) {
    await appendLedger(tx, { actor: { kind: 'user', id: row.approvedBy }, action: 'timesheet.approved', entity: `approval:${row.id}`, data: approvalLedgerData(row), at: row.approvedAt });
  }
  return inserted;
}

export async function deleteApprovals(tx: Transaction, rows: readonly ApprovalRow[], by: { userId: number; reason: string; at: Date }): Promise<void> {
  for (const row of rows) {
    await tx.delete(timesheetApprovals).where(eq(timesheetApprovals.id, row.id));
    await appendLedger(tx, {
      actor: { kind: 'user', id: by.userId },
      action: 'timesheet.reopened',
      entity: `approval:${row.id}`,
      data: { approval: approvalLedgerData(row), reason: by.reason },
      at: by.at,
    });
  }
}
