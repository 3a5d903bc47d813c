/**
 * What a timesheet reads: every punch (superseded and voided ones too, for
 * the history) and every absence of occurrences starting on `from`…`to`.
 * A two-month export reads tens of thousands of punches; as one JSON array
 * they arrive several times faster from the embedded database than as rows
 * of typed cells (bench/timesheet-export.ts).
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { absenceLedgerData } from '../ledger/recorded-rows.js';
import { absences, attendance, exceptionReviews, punchVoids, staff, users } from '../../storage/schema.js';

export type PunchRecord = {
  id: number;
  shiftId: number;
  occurrenceDate: string;
  staffId: number;
  kind: 'check_in' | 'check_out';
  at: Date;
  status: 'on_time' | 'late' | 'early';
  scheduledStart: Date;
  scheduledEnd: Date;
  source: 'kiosk' | 'api' | 'manager';
  supersedesId: number | null;
  reason: string | null;
  createdBy: number | null;
  recordedAt: Date;
  photoId: string | null;
  kioskId: number | null;
  voided: { reason: string; by: number; at: Date } | null;
};

export type AbsenceRecord = typeof absences.$inferSelect;

type PunchTuple = [
  number, number, string, number, PunchRecord['kind'], number, PunchRecord['status'], number, number,
  PunchRecord['source'], number | null, string | null, number | null,
];

type CorrectionTuple = [number, string | null, number | null, number, string | null, number | null, number | null];

// date_part gives a double (rounded back to the stored millisecond); extract gives numeric, about twice as slow here.
const millis = (column: unknown) => sql`round(date_part('epoch', ${column}) * 1000)`;

/** The one text cell of a `json_agg` query; both drivers (pg and PGlite) answer a raw query with `rows`, which drizzle's shared type cannot say. */
function jsonCell<T>(result: unknown): T {
  const [first] = (result as { rows: { json: string }[] }).rows;
  return JSON.parse(first!.json) as T;
}

/**
 * Punches of occurrences starting on `from`…`to`; with `staffIds` and
 * `shiftIds`, only those punched by those people or on those shifts (one
 * person's timesheet, and the shifts they are scheduled on). Each cell
 * costs: the columns every punch has are read for all of them, and what
 * only corrections and voids have (reasons, who, when) in a second query
 * for those few. `withPhotos: false` leaves the photo ids out (the CSVs
 * have no use for 54,000 of them).
 */
export async function listPunches(
  db: Queryable,
  range: { from: string; to: string; staffIds?: readonly number[]; shiftIds?: readonly number[]; withPhotos?: boolean },
): Promise<PunchRecord[]> {
  const list = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const people = range.staffIds?.length ? sql`${attendance.staffId} in (${list(range.staffIds)})` : undefined;
  const shifts = range.shiftIds?.length ? sql`${attendance.shiftId} in (${list(range.shiftIds)})` : undefined;
  if (range.staffIds && !people && !shifts) return [];
  const which = people && shifts ? sql`and (${people} or ${shifts})` : people || shifts ? sql`and ${people ?? shifts}` : sql``;
  const inRange = sql`${attendance.occurrenceDate} between ${range.from} and ${range.to} ${which}`;
  const punches = jsonCell<PunchTuple[]>(
    await db.execute(sql`
      select coalesce(json_agg(json_build_array(
        ${attendance.id}, ${attendance.shiftId}, ${attendance.occurrenceDate}, ${attendance.staffId}, ${attendance.kind},
        ${millis(attendance.at)}, ${attendance.status}, ${millis(attendance.scheduledStart)}, ${millis(attendance.scheduledEnd)},
        ${attendance.source}, ${attendance.supersedesId}, ${range.withPhotos === false ? sql`null` : attendance.photoId}, ${attendance.kioskId}
      ) order by ${attendance.id}), '[]')::text as json
      from ${attendance} where ${inRange}`),
  );
  const corrections = jsonCell<CorrectionTuple[]>(
    await db.execute(sql`
      select coalesce(json_agg(json_build_array(
        ${attendance.id}, ${attendance.reason}, ${attendance.createdBy}, ${millis(attendance.recordedAt)},
        ${punchVoids.reason}, ${punchVoids.voidedBy}, ${millis(punchVoids.at)}
      )), '[]')::text as json
      from ${attendance} left join ${punchVoids} on ${punchVoids.attendanceId} = ${attendance.id}
      where ${inRange} and (${attendance.source} = 'manager' or ${punchVoids.attendanceId} is not null)`),
  );
  const correctionOf = new Map(corrections.map((c) => [c[0], c]));
  return punches.map(([id, shiftId, occurrenceDate, staffId, kind, at, status, scheduledStart, scheduledEnd, source, supersedesId, photoId, kioskId]) => {
    const correction = correctionOf.size === 0 ? undefined : correctionOf.get(id);
    return {
      id,
      shiftId,
      occurrenceDate,
      staffId,
      kind,
      at: new Date(at),
      status,
      scheduledStart: new Date(scheduledStart),
      scheduledEnd: new Date(scheduledEnd),
      source,
      supersedesId,
      reason: correction?.[1] ?? null,
      createdBy: correction?.[2] ?? null,
      // A person's own punch is written as it happens.
      recordedAt: new Date(correction?.[3] ?? at),
      photoId,
      kioskId,
      voided: correction && correction[4] !== null ? { reason: correction[4], by: correction[5]!, at: new Date(correction[6]!) } : null,
    };
  });
}

export async function listAbsences(db: Queryable, range: { from: string; to: string }): Promise<AbsenceRecord[]> {
  return db
    .select()
    .from(absences)
    .where(and(gte(absences.occurrenceDate, range.from), lte(absences.occurrenceDate, range.to)));
}

/** Usernames by user id, to name who corrected a punch. */
export async function listUsernames(db: Queryable, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, [...userIds]));
  return new Map(rows.map((row) => [row.id, row.username]));
}

export async function listExceptionReviews(db: Queryable, range: { from: string; to: string }) {
  return db
    .select()
    .from(exceptionReviews)
    .where(and(gte(exceptionReviews.occurrenceDate, range.from), lte(exceptionReviews.occurrenceDate, range.to)));
}

export async function findAbsence(db: Queryable, absenceId: number): Promise<AbsenceRecord | undefined> {
  const [row] = await db.select().from(absences).where(eq(absences.id, absenceId));
  return row;
}

export async function insertAbsence(tx: Transaction, values: typeof absences.$inferInsert & { createdAt: Date }): Promise<AbsenceRecord> {
  const [row] = await tx.insert(absences).values(values).returning();
  await appendLedger(tx, { actor: { kind: 'user', id: values.createdBy }, action: 'absence.recorded', entity: `absence:${row!.id}`, data: absenceLedgerData(row!), at: values.createdAt });
  return row!;
}

/** Removes an absence; its ledger entry keeps what it said and why it went. */
export async function deleteAbsence(tx: Transaction, row: AbsenceRecord, by: { userId: number; reason: string; at: Date }): Promise<void> {
  await tx.delete(absences).where(eq(absences.id, row.id));
  await appendLedger(tx, { actor: { kind: 'user', id: by.userId }, action: 'absence.removed', entity: `absence:${row.id}`, data: { absence: absenceLedgerData(row), reason: by.reason }, at: by.at });
}

export async function insertExceptionReview(tx: Transaction, values: typeof exceptionReviews.$inferInsert & { reviewedAt: Date }) {
  const [row] = await tx.insert(exceptionReviews).values(values).returning();
  await appendLedger(tx, {
    actor: { kind: 'user', id: values.reviewedBy },
    action: 'exception.accepted',
    entity: `occurrence:${values.shiftId}@${values.occurrenceDate}`,
    data: { type: values.type, note: values.note },
    at: values.reviewedAt,
  });
  return row!;
}

/** Every staff member's id and name, active or not: a timesheet's people. */
export async function listAllStaff(db: Queryable): Promise<{ id: number; name: string }[]> {
  return db.select({ id: staff.id, name: staff.name }).from(staff);
}
