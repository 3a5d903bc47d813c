/**
 * A manager's changes to a timesheet other than punches: absences,
 * accepting an exception, approving and reopening. Each is one transaction
 * with its ledger entry, taken under the ledger's lock so that the
 * "is this approved?" check and the change see the same state.
 */
import { isUniqueViolation } from '../../storage/errors.js';
import { domainError } from '../domain-error.js';
import type { AppDeps } from '../http/app-env.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { periodApproved } from './corrections.service.js';
import { getSettings } from '../settings/settings.queries.js';
import { deleteApprovals, insertApprovals, isDateApproved, listApprovals, type ApprovalRow } from './approvals.queries.js';
import { findOccurrenceOf } from './occurrence-lookup.js';
import { deleteAbsence, findAbsence, insertAbsence, insertExceptionReview } from './timesheet.queries.js';
import { loadTimesheet } from './timesheet.service.js';

export type AbsenceType = 'sick' | 'leave' | 'other';

export async function recordAbsence(deps: AppDeps, managerId: number, input: { staffId: number; shiftId: number; date: string; type: AbsenceType; note: string }) {
  const { timezone } = await getSettings(deps.db, deps.config.orgTimezone);
  await findOccurrenceOf(deps.db, input.staffId, { shiftId: input.shiftId, date: input.date }, timezone);
  const now = deps.clock.now();
  try {
    return await ledgerTransaction(deps.db, async (tx) => {
      if (await isDateApproved(tx, input.staffId, input.date)) throw periodApproved(input.date);
      return insertAbsence(tx, { staffId: input.staffId, shiftId: input.shiftId, occurrenceDate: input.date, type: input.type, note: input.note, createdBy: managerId, createdAt: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw domainError.conflict('absence_exists', `An absence is already recorded for shift ${input.shiftId} on ${input.date}.`);
    throw error;
  }
}

export async function removeAbsence(deps: AppDeps, managerId: number, absenceId: number, reason: string): Promise<void> {
  const now = deps.clock.now();
  await ledgerTransaction(deps.db, async (tx) => {
    const row = await findAbsence(tx, absenceId);
    if (!row) throw domainError.notFound(`There is no absence ${absenceId}.`);
    if (await isDateApproved(tx, row.staffId, row.occurrenceDate)) throw periodApproved(row.occurrenceDate);
    await deleteAbsence(tx, row, { userId: managerId, reason, at: now });
  });
}

export const exceptionTypes = ['late', 'api_check_in'] as const;
export type AcceptableException = (typeof exceptionTypes)[number];

/** A manager looked at it and it is fine as it is: it leaves the queue, with a ledger entry saying who and why. */
export async function acceptException(deps: AppDeps, managerId: number, input: { shiftId: number; date: string; type: AcceptableException; note: string }) {
  const now = deps.clock.now();
  try {
    return await ledgerTransaction(deps.db, async (tx) => {
      return insertExceptionReview(tx, { shiftId: input.shiftId, occurrenceDate: input.date, type: input.type, note: input.note, reviewedBy: managerId, reviewedAt: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw domainError.conflict('already_accepted', 'This has already been accepted.');
    throw error;
  }
}

const describeRange = (range: { from: string; to: string }) => (range.from === range.to ? range.from : `${range.from} to ${range.to}`);

/**
 * Approves the range for the named staff, or for everyone with an
 * occurrence in it. People already approved for part of it are refused by
 * name rather than approved twice.
 */
export async function approvePeriod(deps: AppDeps, managerId: number, input: { from: string; to: string; staffIds?: readonly number[] }): Promise<ApprovalRow[]> {
  const { entries } = await loadTimesheet(deps, input);
  const people = input.staffIds ? [...new Set(input.staffIds)] : [...new Set(entries.map((e) => e.staffId))];
  if (people.length === 0) throw domainError.conflict('nothing_to_approve', `Nobody has shifts in ${describeRange(input)}, so there is nothing to approve.`);
  const now = deps.clock.now();
  return ledgerTransaction(deps.db, async (tx) => {
    const already = await listApprovals(tx, input, people);
    if (already.length > 0) {
      const who = [...new Set(already.map((a) => a.staffId))].join(', ');
      throw domainError.conflict('period_approved', `Part of ${describeRange(input)} is already approved for staff ${who}. Reopen it first, or approve only the others.`);
    }
    return insertApprovals(tx, people.map((staffId) => ({ staffId, fromDate: input.from, toDate: input.to, approvedBy: managerId, approvedAt: now })));
  });
}

/** Removes every approval that overlaps the range for the named staff (or everyone), with the reason in the ledger. */
export async function reopenPeriod(deps: AppDeps, managerId: number, input: { from: string; to: string; staffIds?: readonly number[]; reason: string }): Promise<ApprovalRow[]> {
  const now = deps.clock.now();
  return ledgerTransaction(deps.db, async (tx) => {
    const approved = await listApprovals(tx, input, input.staffIds);
    if (approved.length === 0) throw domainError.conflict('not_approved', `Nothing in ${describeRange(input)} is approved, so there is nothing to reopen.`);
    await deleteApprovals(tx, approved, { userId: managerId, reason: input.reason, at: now });
    return approved;
  });
}
