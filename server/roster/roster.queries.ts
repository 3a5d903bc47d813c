/** Loading the effective schedule for a date range from the template and its overrides. */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { shiftOverrides, shifts, staff } from '../../storage/schema.js';
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
