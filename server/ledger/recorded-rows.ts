/**
 * What the ledger keeps of the rows that are payroll evidence (punches,
 * voids, absences, approvals): their full content as JSON. Written into the
 * entry that records the row and recomputed by `verify` from the row as it
 * is now, so an edit made in either place is found.
 */
import type { absences, attendance, punchVoids, timesheetApprovals } from '../../storage/schema.js';

const iso = (instant: Date) => instant.toISOString();

export function punchLedgerData(row: typeof attendance.$inferSelect) {
  return {
    id: row.id,
    staffId: row.staffId,
    shiftId: row.shiftId,
    occurrenceDate: row.occurrenceDate,
    kind: row.kind,
    at: iso(row.at),
    status: row.status,
    photoId: row.photoId,
    kioskId: row.kioskId,
    scheduledStart: iso(row.scheduledStart),
    scheduledEnd: iso(row.scheduledEnd),
    source: row.source,
    supersedesId: row.supersedesId,
    reason: row.reason,
    createdBy: row.createdBy,
    recordedAt: iso(row.recordedAt),
  };
}

export function voidLedgerData(row: typeof punchVoids.$inferSelect) {
  // Only a kiosk's void names its kiosk: a manager's keeps the shape its entries were first hashed with.
  return { attendanceId: row.attendanceId, reason: row.reason, voidedBy: row.voidedBy, ...(row.voidedByKiosk !== null && { voidedByKiosk: row.voidedByKiosk }), at: iso(row.at) };
}

export function absenceLedgerData(row: typeof absences.$inferSelect) {
  return {
    id: row.id,
    staffId: row.staffId,
    shiftId: row.shiftId,
    occurrenceDate: row.occurrenceDate,
    type: row.type,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
  };
}

export function approvalLedgerData(row: typeof timesheetApprovals.$inferSelect) {
  return { id: row.id, staffId: row.staffId, fromDate: row.fromDate, toDate: row.toDate, approvedBy: row.approvedBy, approvedAt: iso(row.approvedAt) };
}
