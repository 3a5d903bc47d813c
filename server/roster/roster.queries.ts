/** Loading the effective schedule for a date range from the template and its overrides. */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { attendance, shiftOverrides, shifts, staff, staffInactiveSpans } from '../../storage/schema.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { applyOverrides, type EffectiveOccurrence, type OccurrenceOverride } from './effective-schedule.js';
import { listOccurrences, type DatedShift } from './occurrences.js';
import { versionsInRange } from './template.queries.js';

const overrideColumns = {
  shiftId: shiftOverrides.shiftId,
  date: shiftOverrides.date,
  assigneeStaffId: shiftOverrides.assigneeStaffId,
  cancelled: shiftOverrides.cancelled,
  startTime: shiftOverrides.startTime,
  endTime: shiftOverrides.endTime,
  swapId: shiftOverrides.swapId,
};

/** Whether a staff member was deactivated on a date, from their inactive spans. */
async function inactiveOn(db: Queryable, from: string, to: string, staffIds?: readonly number[]): Promise<(staffId: number, date: string) => boolean> {
  const spans = await db
    .select({ staffId: staffInactiveSpans.staffId, fromDate: staffInactiveSpans.fromDate, toDate: staffInactiveSpans.toDate })
    .from(staffInactiveSpans)
    .where(
      and(
        lte(staffInactiveSpans.fromDate, to),
        or(isNull(staffInactiveSpans.toDate), gte(staffInactiveSpans.toDate, from)),
        staffIds ? inArray(staffInactiveSpans.staffId, [...staffIds]) : undefined,
      ),
    );
  if (spans.length === 0) return () => false;
  return (staffId, date) => spans.some((span) => span.staffId === staffId && span.fromDate <= date && (span.toDate === null || span.toDate >= date));
}

export async function findOverride(db: Queryable, shiftId: number, date: string) {
  const [row] = await db.select().from(shiftOverrides).where(and(eq(shiftOverrides.shiftId, shiftId), eq(shiftOverrides.date, date)));
  return row;
}

/**
 * Effective occurrences starting on local dates `from`…`to`: everyone's, or
 * only those worked by `staffIds`, which includes occurrences moved to them
 * from other people's templates. Each date has the version of the template
 * that ran then; nobody has occurrences before they started or while they
 * were deactivated.
 */
export async function loadEffectiveOccurrences(
  db: Queryable,
  range: { from: string; to: string; zone: string; staffIds?: readonly number[] },
): Promise<EffectiveOccurrence[]> {
  const inputs = await loadScheduleInputs(db, range);
  return inputs ? effectiveOccurrencesFrom(inputs, range) : [];
}

/** What the effective schedule of `from`…`to` is made of, read once: the template versions, the dated changes, who was away. */
export type ScheduleInputs = {
  templateShifts: DatedShift[];
  overrides: OccurrenceOverride[];
  inactive: (staffId: number, date: string) => boolean;
  people: readonly number[] | undefined;
};

/** `undefined` when `staffIds` names nobody. */
export async function loadScheduleInputs(db: Queryable, range: { from: string; to: string; staffIds?: readonly number[] }): Promise<ScheduleInputs | undefined> {
  const people = range.staffIds;
  if (people?.length === 0) return undefined;
  // Each read is independent of the others: a server's pool runs them at once.
  const [[templateShifts, overrides], inactive] = await Promise.all([templateAndOverrides(db, range, people), inactiveOn(db, range.from, range.to, people)]);
  return { templateShifts, overrides, inactive, people };
}

async function templateAndOverrides(db: Queryable, range: { from: string; to: string }, people: readonly number[] | undefined): Promise<[DatedShift[], OccurrenceOverride[]]> {
  const inRange = and(gte(shiftOverrides.date, range.from), lte(shiftOverrides.date, range.to));
  if (people === undefined) return Promise.all([versionsInRange(db, range), db.select(overrideColumns).from(shiftOverrides).where(inRange)]);
  const overrides = await db
    .select(overrideColumns)
    .from(shiftOverrides)
    .innerJoin(shifts, eq(shifts.id, shiftOverrides.shiftId))
    .where(and(inRange, or(inArray(shiftOverrides.assigneeStaffId, [...people]), inArray(shifts.staffId, [...people]))));
  const movedIn = overrides.filter((o) => o.assigneeStaffId !== null && people.includes(o.assigneeStaffId)).map((o) => o.shiftId);
  // Sets: the whole template is filtered by them (a board asks for hundreds of people).
  const [peopleSet, movedInSet] = [new Set(people), new Set(movedIn)];
  const which = {
    picks: (version: DatedShift) => peopleSet.has(version.staffId) || movedInSet.has(version.id),
    inSql: or(inArray(shifts.staffId, [...people]), movedIn.length ? inArray(shifts.id, movedIn) : undefined),
  };
  return [await versionsInRange(db, range, which), overrides];
}

/**
 * The effective occurrences of `from`…`to` (inside the range the inputs were
 * read for), as a plain function: a long range can be computed a piece at a time.
 */
export function effectiveOccurrencesFrom(inputs: ScheduleInputs, range: { from: string; to: string; zone: string }): EffectiveOccurrence[] {
  const { people, inactive } = inputs;
  const occurrences = applyOverrides(listOccurrences(inputs.templateShifts, range.from, range.to, range.zone), inputs.overrides);
  return occurrences.filter((o) => (people === undefined || people.includes(o.staffId)) && !inactive(o.staffId, o.date));
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
    .onConflictDoUpdate({
      target: [shiftOverrides.shiftId, shiftOverrides.date],
      set: { assigneeStaffId: null, cancelled: true, startTime: null, endTime: null, swapId: null, createdBy: userId },
    });
}

/** One date of a shift worked by `assignee` at `times` (null: the template's), replacing whatever override it had. */
export async function overrideOccurrence(
  db: Queryable,
  key: { shiftId: number; date: string },
  change: { assignee: number; times: { startTime: string; endTime: string } | null; swapId: number | null },
  userId: number,
): Promise<void> {
  const values = {
    assigneeStaffId: change.assignee,
    cancelled: false,
    startTime: change.times?.startTime ?? null,
    endTime: change.times?.endTime ?? null,
    swapId: change.swapId,
    createdBy: userId,
  };
  await db
    .insert(shiftOverrides)
    .values({ shiftId: key.shiftId, date: key.date, ...values })
    .onConflictDoUpdate({ target: [shiftOverrides.shiftId, shiftOverrides.date], set: values });
}

/**
 * What a manager's one-date change did: who works the occurrence now (null:
 * nobody, it is cancelled) and who did before; with the times when they changed.
 */
export type OccurrenceChangeData = {
  change: 'reassigned' | 'retimed' | 'cancelled' | 'restored';
  staffId: number | null;
  previousStaffId: number | null;
  start?: string;
  end?: string;
  previousStart?: string;
  previousEnd?: string;
};

/** The ledger entry of a manager's change to one date of a shift (swaps record their own). */
export async function recordOccurrenceChange(tx: Transaction, by: { userId: number; at: Date }, key: { shiftId: number; date: string }, data: OccurrenceChangeData): Promise<void> {
  await appendLedger(tx, {
    actor: { kind: 'user', id: by.userId },
    action: 'roster.occurrence_changed',
    entity: `occurrence:${key.shiftId}@${key.date}`,
    data: { shiftId: key.shiftId, date: key.date, ...data },
    at: by.at,
  });
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

export type SchedulablePerson = { id: number; name: string; weeklyOffs: number[]; active: boolean; startedOn: string };

/** What the schedule rules need to know of people: names for messages, days off, whether they may work. */
export async function findSchedulablePeople(db: Queryable, staffIds: readonly number[]): Promise<SchedulablePerson[]> {
  if (staffIds.length === 0) return [];
  return db
    .select({ id: staff.id, name: staff.name, weeklyOffs: staff.weeklyOffs, active: staff.active, startedOn: staff.startedOn })
    .from(staff)
    .where(inArray(staff.id, [...staffIds]));
}
