/**
 * What a timesheet reads: every punch (superseded and voided ones too, for
 * the history) and every absence of occurrences starting on `from`…`to`.
 * A two-month export reads tens of thousands of punches; as one JSON array
 * they arrive several times faster from the embedded database than as rows
 * of typed cells (bench/timesheet-export.ts).
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { absenceLedgerData } from '../ledger/recorded-rows.js';
import { punchRecordsFrom, type CorrectionTuple, type PunchRecord } from './punch-records.js';
import { absences, attendance, exceptionReviews, punchVoids, staff, users } from '../../storage/schema.js';

export type { PunchRecord } from './punch-records.js';

export type AbsenceRecord = typeof absences.$inferSelect;

// date_part gives a double (rounded back to the stored millisecond); extract gives numeric, about twice as slow here.
const millis = (column: unknown) => sql`round(date_part('epoch', ${column}) * 1000)`;

/** The one text cell of a `json_agg` query; both drivers (pg and PGlite) answer a raw query with `rows`, which drizzle's shared type cannot say. */
function jsonText(result: unknown): string {
  const [first] = (result as { rows: { json: string }[] }).rows;
  return first!.json;
}

/**
 * Punches of occurrences starting on `from`…`to`, the columns every punch
 * has, as one JSON text of tuples; with `staffIds` and `shiftIds`, only
 * those punched by those people or on those shifts (a batch of people, and
 * the shifts they are scheduled on). What only corrections and voids have is
 * read once for the range by `readCorrections`. `withPhotos: false` leaves
 * the photo ids out (the CSVs have no use for 54,000 of them).
 */
export async function readPunches(
  db: Queryable,
  range: { from: string; to: string; staffIds?: readonly number[]; shiftIds?: readonly number[]; withPhotos?: boolean },
): Promise<string> {
  const list = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const people = range.staffIds?.length ? sql`${attendance.staffId} in (${list(range.staffIds)})` : undefined;
  const shifts = range.shiftIds?.length ? sql`${attendance.shiftId} in (${list(range.shiftIds)})` : undefined;
  if (range.staffIds && !people && !shifts) return '[]';
  const dates = sql`${attendance.occurrenceDate} between ${range.from} and ${range.to}`;
  // "By these people, or on these shifts" as two selects, each on its own index: as one `or` the
  // embedded database (which keeps no statistics) scanned every punch of the range for each batch.
  const rows = (columns: SQL) =>
    people && shifts
      ? sql`select ${columns} from ${attendance} where ${dates} and ${people}
            union all select ${columns} from ${attendance} where ${dates} and ${shifts} and not ${people}`
      : sql`select ${columns} from ${attendance} where ${dates} and ${people ?? shifts ?? sql`true`}`;
  return jsonText(
    await db.execute(sql`
      select coalesce(json_agg(tuple order by id), '[]')::text as json from (${rows(sql`${attendance.id} as id, json_build_array(
        ${attendance.id}, ${attendance.shiftId}, ${attendance.occurrenceDate}, ${attendance.staffId}, ${attendance.kind},
        ${millis(attendance.at)}, ${attendance.status}, ${millis(attendance.scheduledStart)}, ${millis(attendance.scheduledEnd)},
        ${attendance.source}, ${attendance.supersedesId}, ${range.withPhotos === false ? sql`null` : sql`case when ${attendance.photoPurgedAt} is null then ${attendance.photoId} end`}, ${attendance.kioskId}
      ) as tuple`)}) as picked`),
  );
}

/**
 * What only corrections and voids have (reasons, who, when) for every punch
 * of occurrences starting on `from`…`to` that a manager added or someone
 * voided: a few rows for a whole range, read once (per batch, finding none
 * cost about as much as reading a batch's punches).
 */
export async function readCorrections(db: Queryable, range: { from: string; to: string }): Promise<CorrectionTuple[]> {
  const dates = sql`${attendance.occurrenceDate} between ${range.from} and ${range.to}`;
  const tuple = sql`json_build_array(
    ${attendance.id}, ${attendance.reason}, ${attendance.createdBy}, ${millis(attendance.recordedAt)},
    ${punchVoids.reason}, ${punchVoids.voidedBy}, ${millis(punchVoids.at)}, ${punchVoids.voidedByKiosk}, ${attendance.staffId}, ${attendance.shiftId}
  )`;
  return JSON.parse(
    jsonText(
      await db.execute(sql`
        select coalesce(json_agg(tuple), '[]')::text as json from (
          select ${tuple} as tuple from ${attendance} left join ${punchVoids} on ${punchVoids.attendanceId} = ${attendance.id}
            where ${dates} and ${attendance.source} = 'manager'
          union all
          select ${tuple} as tuple from ${punchVoids} join ${attendance} on ${attendance.id} = ${punchVoids.attendanceId}
            where ${dates} and ${attendance.source} <> 'manager'
        ) as picked`),
    ),
  ) as CorrectionTuple[];
}

export async function listPunches(db: Queryable, range: Parameters<typeof readPunches>[1]): Promise<PunchRecord[]> {
  return punchRecordsFrom({ punches: await readPunches(db, range), corrections: await readCorrections(db, range) });
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
