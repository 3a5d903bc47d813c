/** Storage functions for the weekly template's shifts. */
import { and, asc, eq, gte, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { attendance, shifts, shiftVersions, staff, swaps } from '../../storage/schema.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { addDays } from './occurrences.js';
import { weekdayName } from './weekdays.js';

export type ShiftTimes = { dayOfWeek: number; startTime: string; endTime: string };

/** A shift as it is from `validFrom` to `validTo` (inclusive; null: no end). */
export type TemplateShiftRecord = ShiftTimes & { id: number; staffId: number; validFrom: string; validTo: string | null };

/** A template shift as the original API shows it, with the dates this version of it runs. */
export type ShiftJson = {
  id: number;
  staff: number;
  day_of_week: string;
  shift_start: string;
  shift_end: string;
  /** True when the shift ends on the next day. */
  overnight: boolean;
  valid_from: string;
  valid_to: string | null;
};

export function toShiftJson(shift: TemplateShiftRecord): ShiftJson {
  return {
    id: shift.id,
    staff: shift.staffId,
    day_of_week: weekdayName(shift.dayOfWeek),
    shift_start: shift.startTime,
    shift_end: shift.endTime,
    overnight: shift.endTime <= shift.startTime,
    valid_from: shift.validFrom,
    valid_to: shift.validTo,
  };
}

const columns = {
  id: shifts.id,
  staffId: shifts.staffId,
  dayOfWeek: shiftVersions.dayOfWeek,
  startTime: shiftVersions.startTime,
  endTime: shiftVersions.endTime,
  validFrom: shiftVersions.validFrom,
  validTo: shiftVersions.validTo,
};

const runsOnOrAfter = (date: string) => or(isNull(shiftVersions.validTo), gte(shiftVersions.validTo, date));

/**
 * Each weekly shift (one-date shifts are not in the template) as it is on `on`, or, if it only starts later, as it will first
 * be: the template a manager edits. Shifts that ended before `on` are not in it.
 */
export async function listTemplateShifts(db: Queryable, filter: { on: string; staffId?: number; shiftId?: number }): Promise<TemplateShiftRecord[]> {
  const rows = await db
    .selectDistinctOn([shifts.id], columns)
    .from(shiftVersions)
    .innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId))
    .where(
      and(
        eq(shifts.oneOff, false),
        runsOnOrAfter(filter.on),
        filter.staffId === undefined ? undefined : eq(shifts.staffId, filter.staffId),
        filter.shiftId === undefined ? undefined : eq(shifts.id, filter.shiftId),
      ),
    )
    .orderBy(asc(shifts.id), asc(shiftVersions.validFrom));
  return rows.sort((a, b) => a.staffId - b.staffId || a.dayOfWeek - b.dayOfWeek || a.startTime.localeCompare(b.startTime) || a.id - b.id);
}

export async function findTemplateShift(db: Queryable, shiftId: number, on: string): Promise<TemplateShiftRecord | undefined> {
  const [row] = await listTemplateShifts(db, { on, shiftId });
  return row;
}

/** Every version of a person's shifts that runs on `from` or later: what a new or changed shift must fit beside. */
export async function listVersionsFrom(db: Queryable, filter: { staffId: number; from: string }): Promise<TemplateShiftRecord[]> {
  return db
    .select(columns)
    .from(shiftVersions)
    .innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId))
    .where(and(eq(shifts.staffId, filter.staffId), runsOnOrAfter(filter.from)));
}

/** Every version of the given shifts, past ones too: swaps and history still name them. */
export async function listShiftVersions(db: Queryable, shiftIds: readonly number[]): Promise<TemplateShiftRecord[]> {
  if (shiftIds.length === 0) return [];
  return db.select(columns).from(shiftVersions).innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId)).where(inArray(shifts.id, [...shiftIds]));
}

/** The version of a shift that runs on `date`, among `versions`. */
export function versionOn(versions: readonly TemplateShiftRecord[], shiftId: number, date: string): TemplateShiftRecord | undefined {
  return versions.find((v) => v.id === shiftId && v.validFrom <= date && (v.validTo === null || v.validTo >= date));
}

/** A new shift for `staffId`, running from `validFrom`. */
export async function insertTemplateShift(db: Queryable, values: ShiftTimes & { staffId: number; validFrom: string }): Promise<TemplateShiftRecord> {
  const [shift] = await db.insert(shifts).values({ staffId: values.staffId }).returning({ id: shifts.id });
  await db.insert(shiftVersions).values({ shiftId: shift!.id, validFrom: values.validFrom, dayOfWeek: values.dayOfWeek, startTime: values.startTime, endTime: values.endTime });
  return { id: shift!.id, staffId: values.staffId, dayOfWeek: values.dayOfWeek, startTime: values.startTime, endTime: values.endTime, validFrom: values.validFrom, validTo: null };
}

/**
 * From `from` on, the shift has `times` (or, with null, no longer runs):
 * versions starting on or after `from` are replaced, and the one running
 * then ends the day before. Earlier dates keep what they had.
 */
export async function replaceShiftFrom(db: Queryable, shift: { id: number; staffId: number }, from: string, times: ShiftTimes | null): Promise<TemplateShiftRecord | undefined> {
  await db.delete(shiftVersions).where(and(eq(shiftVersions.shiftId, shift.id), gte(shiftVersions.validFrom, from)));
  await db
    .update(shiftVersions)
    .set({ validTo: addDays(from, -1) })
    .where(and(eq(shiftVersions.shiftId, shift.id), lt(shiftVersions.validFrom, from), runsOnOrAfter(from)));
  if (!times) return undefined;
  await db.insert(shiftVersions).values({ shiftId: shift.id, validFrom: from, ...times });
  return { id: shift.id, staffId: shift.staffId, ...times, validFrom: from, validTo: null };
}

/**
 * Ends a shift from `from` on. A shift that then never ran and that nothing
 * refers to is deleted; otherwise it stays, so history keeps its shift.
 */
export async function removeTemplateShift(db: Queryable, shift: { id: number; staffId: number }, from: string): Promise<'deleted' | 'ended'> {
  await replaceShiftFrom(db, shift, from, null);
  const [version] = await db.select({ id: shiftVersions.id }).from(shiftVersions).where(eq(shiftVersions.shiftId, shift.id)).limit(1);
  const [recorded] = await db.select({ id: attendance.id }).from(attendance).where(eq(attendance.shiftId, shift.id)).limit(1);
  if (version || recorded || (await shiftInSwap(db, shift.id))) return 'ended';
  await deleteShift(db, shift.id);
  return 'deleted';
}

/** A shift for `date` only: one version that runs that day. */
export async function insertOneOffShift(db: Queryable, values: ShiftTimes & { staffId: number; date: string; note: string | null }): Promise<TemplateShiftRecord> {
  const [shift] = await db.insert(shifts).values({ staffId: values.staffId, oneOff: true, note: values.note }).returning({ id: shifts.id });
  const times = { dayOfWeek: values.dayOfWeek, startTime: values.startTime, endTime: values.endTime };
  await db.insert(shiftVersions).values({ shiftId: shift!.id, validFrom: values.date, validTo: values.date, ...times });
  return { id: shift!.id, staffId: values.staffId, ...times, validFrom: values.date, validTo: values.date };
}

/** A one-date shift with its date and note; undefined when `shiftId` is not one. */
export async function findOneOffShift(db: Queryable, shiftId: number): Promise<(TemplateShiftRecord & { note: string | null }) | undefined> {
  const [row] = await db
    .select({ ...columns, note: shifts.note })
    .from(shiftVersions)
    .innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId))
    .where(and(eq(shifts.id, shiftId), eq(shifts.oneOff, true)));
  return row;
}

/** Notes of the one-date shifts that run on `from`…`to`, by shift id: the roster marks them. */
export async function listOneOffNotes(db: Queryable, from: string, to: string): Promise<Map<number, string | null>> {
  const rows = await db
    .select({ id: shifts.id, note: shifts.note })
    .from(shiftVersions)
    .innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId))
    .where(and(eq(shifts.oneOff, true), gte(shiftVersions.validFrom, from), lte(shiftVersions.validFrom, to)));
  return new Map(rows.map((row) => [row.id, row.note]));
}

/** Whether a swap names the shift: it then cannot be deleted. */
export async function shiftInSwap(db: Queryable, shiftId: number): Promise<boolean> {
  const [swapped] = await db
    .select({ id: swaps.id })
    .from(swaps)
    .where(or(eq(swaps.shiftId, shiftId), eq(swaps.returnShiftId, shiftId)))
    .limit(1);
  return swapped !== undefined;
}

export async function deleteShift(db: Queryable, shiftId: number): Promise<void> {
  await db.delete(shifts).where(eq(shifts.id, shiftId));
}

type ShiftAction = 'shift.added' | 'shift.changed' | 'shift.ended' | 'shift.deleted';

/** The ledger entry of a template change: whose shift, and its day and times from `effectiveFrom` on (for an end, those it had until then). */
export async function recordShiftChange(
  tx: Transaction,
  by: { managerId: number; at: Date },
  action: ShiftAction,
  shift: ShiftTimes & { id: number; staffId: number },
  effectiveFrom: string,
): Promise<void> {
  await appendLedger(tx, {
    actor: { kind: 'user', id: by.managerId },
    action,
    entity: `shift:${shift.id}`,
    data: { staffId: shift.staffId, day: weekdayName(shift.dayOfWeek), start: shift.startTime, end: shift.endTime, effectiveFrom },
    at: by.at,
  });
}

/** Locks a staff member's row for the rest of the transaction, so schedule checks and writes for them run one at a time. */
export async function lockStaffForScheduling(tx: Queryable, staffId: number): Promise<{ weeklyOffs: number[] } | undefined> {
  const [row] = await tx.select({ weeklyOffs: staff.weeklyOffs }).from(staff).where(eq(staff.id, staffId)).for('update');
  return row;
}
