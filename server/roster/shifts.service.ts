/**
 * Adding and editing template shifts. The rules are checked inside a
 * transaction that first locks the staff member's row, so two edits racing
 * for one person cannot both slip an overlapping shift past the check.
 * Each change writes its ledger entry in that transaction.
 */
import { DateTime } from 'luxon';
import type { Database, Queryable } from '../../storage/database.js';
import { assertRule, domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { getSettings, orgToday } from '../settings/settings.queries.js';
import { listOccurrences } from './occurrences.js';
import { findSchedulablePeople, listOverriddenDates, loadEffectiveOccurrences } from './roster.queries.js';
import { checkScheduleChange } from './schedule-rules.js';
import { checkTemplateShift } from './template-rules.js';
import {
  findTemplateShift,
  insertTemplateShift,
  listVersionsFrom,
  lockStaffForScheduling,
  recordShiftChange,
  removeTemplateShift,
  replaceShiftFrom,
  type TemplateShiftRecord,
} from './shifts.queries.js';

export type ShiftInput = { dayOfWeek: number; startTime: string; endTime: string };

/** What the checks need beyond the database: the zone until one is set, and now. */
export type ScheduleContext = { defaultTimezone: string; now: Date };

/** A template change takes effect on `effectiveFrom` (a local date; today when not given). */
export type TemplateChangeContext = ScheduleContext & { effectiveFrom?: string };

/** How far ahead template edits are checked against dated changes (swaps, one-day moves). */
export const datedCheckDays = 56;

async function assertFits(
  tx: Queryable,
  staff: { id: number; name: string; weeklyOffs: number[] },
  candidate: ShiftInput & { id?: number },
  context: ScheduleContext,
  effectiveFrom: string,
) {
  // Every version of their other shifts that runs from then on must leave room for it.
  const existing = (await listVersionsFrom(tx, { staffId: staff.id, from: effectiveFrom })).filter((shift) => shift.id !== candidate.id);
  const settings = await getSettings(tx, context.defaultTimezone);
  const verdict = checkTemplateShift(candidate, existing, staff.weeklyOffs, settings.minRestHours);
  assertRule(verdict);
  // The template alone is not the whole schedule: shifts taken over by swap or
  // by a manager's one-day change must not collide with the new template either.
  const today = DateTime.fromJSDate(context.now).setZone(settings.timezone);
  const from = today.toISODate()!;
  const to = today.plus({ days: datedCheckDays }).toISODate()!;
  const shift = { id: candidate.id ?? 0, staffId: staff.id, ...candidate };
  // Dates of this shift already given to someone else or cancelled are not theirs to collide with.
  const overridden = new Set(candidate.id === undefined ? [] : await listOverriddenDates(tx, candidate.id));
  const arriving = listOccurrences([{ ...shift, validFrom: effectiveFrom }], from, to, settings.timezone).filter((o) => o.start.toMillis() > context.now.getTime() && !overridden.has(o.date));
  const schedule = await loadEffectiveOccurrences(tx, { from: today.minus({ days: 1 }).toISODate()!, to, zone: settings.timezone, staffIds: [staff.id] });
  const dated = checkScheduleChange({
    person: { staffId: staff.id, name: staff.name, weeklyOffs: [] },
    schedule,
    leaving: [],
    arriving,
    minRestHours: settings.minRestHours,
  });
  assertRule(dated);
}

async function lockOwner(tx: Queryable, staffId: number) {
  if (!(await lockStaffForScheduling(tx, staffId))) return undefined;
  const [row] = await findSchedulablePeople(tx, [staffId]);
  return row;
}

async function effectiveDate(tx: Queryable, context: TemplateChangeContext): Promise<string> {
  return context.effectiveFrom ?? orgToday(tx, context.defaultTimezone, context.now);
}

export async function addTemplateShift(db: Database, managerId: number, staffId: number, input: ShiftInput, context: TemplateChangeContext): Promise<TemplateShiftRecord> {
  return ledgerTransaction(db, async (tx) => {
    const owner = await lockOwner(tx, staffId);
    if (!owner) throw domainError.invalid('validation_failed', `There is no staff member with id ${staffId}.`, { staff: [`no staff member with id ${staffId}`] });
    const from = await effectiveDate(tx, context);
    await assertFits(tx, owner, input, context, from);
    const shift = await insertTemplateShift(tx, { staffId, ...input, validFrom: from });
    await recordShiftChange(tx, { managerId, at: context.now }, 'shift.added', shift, from);
    return shift;
  });
}

/**
 * Changes a shift from `effectiveFrom` on; every earlier date keeps the
 * times it had. Changes not sent are those of the shift as it is then.
 */
export async function editTemplateShift(db: Database, managerId: number, shiftId: number, changes: Partial<ShiftInput>, context: TemplateChangeContext): Promise<TemplateShiftRecord> {
  return ledgerTransaction(db, async (tx) => {
    const from = await effectiveDate(tx, context);
    const current = await findTemplateShift(tx, shiftId, from);
    if (!current) throw domainError.notFound(`There is no shift with id ${shiftId} on or after ${from}.`);
    const owner = await lockOwner(tx, current.staffId);
    const next = { id: shiftId, dayOfWeek: current.dayOfWeek, startTime: current.startTime, endTime: current.endTime, ...changes };
    await assertFits(tx, owner!, next, context, from);
    const shift = (await replaceShiftFrom(tx, current, from, { dayOfWeek: next.dayOfWeek, startTime: next.startTime, endTime: next.endTime }))!;
    await recordShiftChange(tx, { managerId, at: context.now }, 'shift.changed', shift, from);
    return shift;
  });
}

/** Ends a shift from `effectiveFrom` on; the dates before keep it. */
export async function endTemplateShift(db: Database, managerId: number, shiftId: number, context: TemplateChangeContext): Promise<'deleted' | 'ended'> {
  return ledgerTransaction(db, async (tx) => {
    const from = await effectiveDate(tx, context);
    const current = await findTemplateShift(tx, shiftId, from);
    if (!current) throw domainError.notFound(`There is no shift with id ${shiftId} on or after ${from}.`);
    await lockOwner(tx, current.staffId);
    const outcome = await removeTemplateShift(tx, current, from);
    // The entry keeps the times it had, so the ledger alone says what stopped.
    await recordShiftChange(tx, { managerId, at: context.now }, outcome === 'deleted' ? 'shift.deleted' : 'shift.ended', current, from);
    return outcome;
  });
}
