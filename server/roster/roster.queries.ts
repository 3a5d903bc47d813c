/** Loading the effective schedule for a date range from the template and its overrides. */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { attendance, shiftOverrides, shifts, staff } from '../../storage/schema.js';
import { applyOverrides, type EffectiveOccurrence, type OccurrenceOverride } from './effective-schedule.js';
import { listOccurrences } from './occurrences.js';

const overrideColumns = {
  shiftId: shiftOverrides.shiftId,
  date: shiftOverrides.date,
  assigneeStaffId: shiftOverrides.assigneeStaffId,
  cancelled: shiftOverrides.cancelled,
  swapId: shiftOverrides.swapId,
};

const shiftColumns = { id: shifts.id, staffId: shifts.staffId, dayOfWeek: shifts.dayOfWeek, startTime: shifts.startTime, endTime: shifts.endTime };

export async function findOverride(db: Queryable, shiftId: number, date: string) {
  const [row] = await db.select().from(shiftOverrides).where(and(eq(shiftOverrides.shiftId, shiftId), eq(shiftOverrides.date, date)));
  return row;
}

/**
 * Effective occurrences starting on local dates `from`…`to`: everyone's (of
 * active staff), or only those worked by `staffIds`, which includes
 * occurrences moved to them from other people's templates.
 */
export async function loadEffectiveOccurrences(
  db: Queryable,
  range: { from: string; to: string; zone: string; staffIds?: readonly number[] },
): Promise<EffectiveOccurrence[]> {
  const inRange = and(gte(shiftOverrides.date, range.from), lte(shiftOverrides.date, range.to));
  const people = range.staffIds;
  let overrides: OccurrenceOverride[];
  let templateShifts;
  if (people === undefined) {
    overrides = await db.select(overrideColumns).from(shiftOverrides).where(inRange);
    templateShifts = await db
      .select(shiftColumns)
      .from(shifts)
      .innerJoin(staff, eq(staff.id, shifts.staffId))
      .where(and(isNull(shifts.archivedAt), eq(staff.active, true)));
  } else {
    if (people.length === 0) return [];
    overrides = await db
      .select(overrideColumns)
      .from(shiftOverrides)
      .innerJoin(shifts, eq(shifts.id, shiftOverrides.shiftId))
      .where(and(inRange, or(inArray(shiftOverrides.assigneeStaffId, [...people]), inArray(shifts.staffId, [...people]))));
    const movedIn = overrides.filter((o) => o.assigneeStaffId !== null && people.includes(o.assigneeStaffId)).map((o) => o.shiftId);
    templateShifts = await db
      .select(shiftColumns)
      .from(shifts)
      .where(and(isNull(shifts.archivedAt), or(inArray(shifts.staffId, [...people]), movedIn.length ? inArray(shifts.id, movedIn) : undefined)));
  }
  const occurrences = applyOverrides(listOccurrences(templateShifts, range.from, range.to, range.zone), overrides);
  return people === undefined ? occurrences : occurrences.filter((o) => people.includes(o.staffId));
}

/** Dates on which this template shift is overridden (given to someone else, or cancelled). */
export async function listOverriddenDates(db: Queryable, shiftId: number): Promise<string[]> {
  const rows = await db.select({ date: shiftOverrides.date }).from(shiftOverrides).where(eq(shiftOverrides.shiftId, shiftId));
  return rows.map((row) => row.date);
}

/** Back to the template for that date. */
export async function deleteOverride(db: Queryable, key: { shiftId: number; date: string }): Promise<void> {
  await db.delete(shiftOverrides).where(and(eq(shiftOverrides.shiftId, key.shiftId), eq(shiftOverrides.date, key.date)));
}

/** Cancels one date of a shift, replacing whatever override it had. */
export async function cancelOccurrence(db: Queryable, key: { shiftId: number; date: string }, userId: number): Promise<void> {
  await db
    .insert(shiftOverrides)
    .values({ shiftId: key.shiftId, date: key.date, assigneeStaffId: null, cancelled: true, createdBy: userId })
    .onConflictDoUpdate({ target: [shiftOverrides.shiftId, shiftOverrides.date], set: { assigneeStaffId: null, cancelled: true, swapId: null, createdBy: userId } });
}

/**
 * Gives one date of a shift from `from` to `to`. With `swapId`, an override
 * another swap already owns (or one that moved it elsewhere) is not taken
 * over: `false` then, so two racing swaps cannot both move one occurrence.
 */
export async function assignOccurrence(
  db: Queryable,
  move: { shiftId: number; date: string; from: number; to: number },
  by: { swapId?: number; userId?: number },
): Promise<boolean> {
  const values = { shiftId: move.shiftId, date: move.date, assigneeStaffId: move.to, cancelled: false, swapId: by.swapId ?? null, createdBy: by.userId ?? null };
  const written = await db
    .insert(shiftOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [shiftOverrides.shiftId, shiftOverrides.date],
      set: { assigneeStaffId: move.to, cancelled: false, swapId: values.swapId, createdBy: values.createdBy },
      setWhere: by.swapId === undefined ? undefined : sql`${shiftOverrides.swapId} is null and ${shiftOverrides.assigneeStaffId} is not distinct from ${move.from}`,
    })
    .returning({ id: shiftOverrides.id });
  return written.length > 0;
}

/** Whether anyone has checked in or out of the occurrence: one with a record cannot be moved. */
export async function occurrenceHasAttendance(db: Queryable, key: { shiftId: number; date: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: attendance.id })
    .from(attendance)
    .where(and(eq(attendance.shiftId, key.shiftId), eq(attendance.occurrenceDate, key.date)))
    .limit(1);
  return row !== undefined;
}

export type SchedulablePerson = { id: number; name: string; weeklyOffs: number[]; active: boolean };

/** What the schedule rules need to know of people: names for messages, days off, whether they may work. */
export async function findSchedulablePeople(db: Queryable, staffIds: readonly number[]): Promise<SchedulablePerson[]> {
  if (staffIds.length === 0) return [];
  return db
    .select({ id: staff.id, name: staff.name, weeklyOffs: staff.weeklyOffs, active: staff.active })
    .from(staff)
    .where(inArray(staff.id, [...staffIds]));
}
