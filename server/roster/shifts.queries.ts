/** Storage functions for the weekly template's shifts. */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { attendance, shifts, staff, swaps } from '../../storage/schema.js';
import { weekdayName } from './weekdays.js';

export type TemplateShiftRecord = { id: number; staffId: number; dayOfWeek: number; startTime: string; endTime: string };

/** A template shift as the original API shows it. */
export type ShiftJson = {
  id: number;
  staff: number;
  day_of_week: string;
  shift_start: string;
  shift_end: string;
  /** True when the shift ends on the next day. */
  overnight: boolean;
};

export function toShiftJson(shift: TemplateShiftRecord): ShiftJson {
  return {
    id: shift.id,
    staff: shift.staffId,
    day_of_week: weekdayName(shift.dayOfWeek),
    shift_start: shift.startTime,
    shift_end: shift.endTime,
    overnight: shift.endTime <= shift.startTime,
  };
}

const columns = { id: shifts.id, staffId: shifts.staffId, dayOfWeek: shifts.dayOfWeek, startTime: shifts.startTime, endTime: shifts.endTime };

/** Current (not archived) template shifts, optionally of one staff member. */
export async function listTemplateShifts(db: Queryable, filter: { staffId?: number } = {}): Promise<TemplateShiftRecord[]> {
  return db
    .select(columns)
    .from(shifts)
    .where(and(isNull(shifts.archivedAt), filter.staffId === undefined ? undefined : eq(shifts.staffId, filter.staffId)))
    .orderBy(asc(shifts.staffId), asc(shifts.dayOfWeek), asc(shifts.startTime), asc(shifts.id));
}

export async function findTemplateShift(db: Queryable, shiftId: number): Promise<TemplateShiftRecord | undefined> {
  const [row] = await db.select(columns).from(shifts).where(and(eq(shifts.id, shiftId), isNull(shifts.archivedAt)));
  return row;
}

/** Shifts by id, archived ones too: swaps and history still name them. */
export async function findShiftsIncludingArchived(db: Queryable, shiftIds: readonly number[]): Promise<TemplateShiftRecord[]> {
  if (shiftIds.length === 0) return [];
  return db.select(columns).from(shifts).where(inArray(shifts.id, [...shiftIds]));
}

export async function insertTemplateShift(db: Queryable, values: Omit<TemplateShiftRecord, 'id'>): Promise<TemplateShiftRecord> {
  const [row] = await db.insert(shifts).values(values).returning(columns);
  return row!;
}

export async function updateTemplateShift(
  db: Queryable,
  shiftId: number,
  values: Pick<TemplateShiftRecord, 'dayOfWeek' | 'startTime' | 'endTime'>,
): Promise<TemplateShiftRecord> {
  const [row] = await db.update(shifts).set(values).where(eq(shifts.id, shiftId)).returning(columns);
  return row!;
}

/** Deletes a shift nothing refers to; archives one that attendance or a swap refers to, so history keeps its shift. */
export async function removeTemplateShift(db: Queryable, shiftId: number, now: Date): Promise<'deleted' | 'archived'> {
  const [recorded] = await db.select({ id: attendance.id }).from(attendance).where(eq(attendance.shiftId, shiftId)).limit(1);
  const [swapped] = await db
    .select({ id: swaps.id })
    .from(swaps)
    .where(or(eq(swaps.shiftId, shiftId), eq(swaps.returnShiftId, shiftId)))
    .limit(1);
  if (recorded || swapped) {
    await db.update(shifts).set({ archivedAt: now }).where(eq(shifts.id, shiftId));
    return 'archived';
  }
  await db.delete(shifts).where(eq(shifts.id, shiftId));
  return 'deleted';
}

/** Locks a staff member's row for the rest of the transaction, so schedule checks and writes for them run one at a time. */
export async function lockStaffForScheduling(tx: Queryable, staffId: number): Promise<{ weeklyOffs: number[] } | undefined> {
  const [row] = await tx.select({ weeklyOffs: staff.weeklyOffs }).from(staff).where(eq(staff.id, staffId)).for('update');
  return row;
}
