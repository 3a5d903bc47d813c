/** Storage functions for attendance records and their photos. */
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { isAnyOf } from '../../storage/id-lists.js';
import { attendance, photos, punchVoids } from '../../storage/schema.js';
import { appendLedger } from '../ledger/ledger.queries.js';
import { punchLedgerData, voidLedgerData } from '../ledger/recorded-rows.js';
import { photoUrl } from '../../storage/photo-store.js';
import type { AttendanceKind, AttendanceStatus, AttendanceSummary } from '../socket-contract.js';

export type AttendanceRecord = typeof attendance.$inferSelect;

/** Where a punch's photo is served, or null: none was taken, or the retention purge removed it. */
export const punchPhotoUrl = (record: Pick<AttendanceRecord, 'photoId' | 'photoPurgedAt'>) =>
  record.photoId && !record.photoPurgedAt ? photoUrl(record.photoId) : null;

/** A record as kiosks and managers' sockets see it. */
export function attendanceSummary(record: AttendanceRecord): AttendanceSummary {
  return {
    id: record.id,
    staffId: record.staffId,
    kind: record.kind,
    status: record.status,
    timestamp: record.at.toISOString(),
    photoUrl: punchPhotoUrl(record),
  };
}

/**
 * The punch that counts: the last of its chain (nothing supersedes it) and
 * not voided. Superseded and voided punches stay, as history.
 */
export const isCurrentPunch = sql`not exists (select 1 from ${attendance} as later where later.supersedes_id = ${attendance.id})
  and not exists (select 1 from ${punchVoids} where ${punchVoids.attendanceId} = ${attendance.id})`;

/** The last punch of a chain, whether or not voided: what a new punch there supersedes. */
const isChainTip = sql`not exists (select 1 from ${attendance} as later where later.supersedes_id = ${attendance.id})`;

export type NewAttendance = {
  staffId: number;
  shiftId: number;
  occurrenceDate: string;
  kind: AttendanceKind;
  at: Date;
  status: AttendanceStatus;
  photoId: string | null;
  kioskId: number | null;
  scheduledStart: Date;
  scheduledEnd: Date;
  source: AttendanceRecord['source'];
  /** When the server received it, if not `at` (a punch taken offline). */
  recordedAt?: Date;
};

export async function findRecordsForOccurrences(
  db: Queryable,
  occurrences: readonly { shiftId: number; date: string }[],
): Promise<AttendanceRecord[]> {
  if (occurrences.length === 0) return [];
  return db
    .select()
    .from(attendance)
    .where(and(isCurrentPunch, or(...occurrences.map((o) => and(eq(attendance.shiftId, o.shiftId), eq(attendance.occurrenceDate, o.date))))));
}

export async function findRecordById(db: Queryable, id: number): Promise<AttendanceRecord | undefined> {
  const [row] = await db.select().from(attendance).where(eq(attendance.id, id));
  return row;
}

/** Records of the given shifts on the given dates (a board's day and the night before). */
export async function listRecordsForShiftDates(db: Queryable, shiftIds: readonly number[], dates: readonly string[]): Promise<AttendanceRecord[]> {
  if (shiftIds.length === 0 || dates.length === 0) return [];
  return db
    .select()
    .from(attendance)
    .where(and(isCurrentPunch, isAnyOf(attendance.shiftId, shiftIds), inArray(attendance.occurrenceDate, [...dates])));
}

type PunchKey = { shiftId: number; occurrenceDate: string; kind: AttendanceKind };

const punchKeyIs = (key: PunchKey) => and(eq(attendance.shiftId, key.shiftId), eq(attendance.occurrenceDate, key.occurrenceDate), eq(attendance.kind, key.kind));

/** The punch that counts for an occurrence and kind, if any. */
export async function findRecord(db: Queryable, key: PunchKey) {
  const [row] = await db.select().from(attendance).where(and(punchKeyIs(key), isCurrentPunch));
  return row;
}

/** The last punch of the chain for an occurrence and kind, and whether it was voided. */
export async function findChainTip(db: Queryable, key: PunchKey): Promise<{ record: AttendanceRecord; voided: boolean } | undefined> {
  const [row] = await db
    .select({ record: attendance, voidedAt: punchVoids.at })
    .from(attendance)
    .leftJoin(punchVoids, eq(punchVoids.attendanceId, attendance.id))
    .where(and(punchKeyIs(key), isChainTip));
  return row && { record: row.record, voided: row.voidedAt !== null };
}

/** Adds a manager's punch to a chain (`supersedes` its tip, or starts it) with its ledger entry. */
export async function insertCorrection(
  tx: Transaction,
  record: NewAttendance & { supersedesId: number | null; reason: string; createdBy: number },
  recordedAt: Date,
): Promise<AttendanceRecord> {
  const [row] = await tx
    .insert(attendance)
    .values({ ...record, recordedAt })
    .returning();
  await appendLedger(tx, {
    actor: { kind: 'user', id: record.createdBy },
    action: record.supersedesId === null ? 'attendance.added' : 'attendance.corrected',
    entity: `attendance:${row!.id}`,
    data: punchLedgerData(row!),
    at: recordedAt,
  });
  return row!;
}

/** Voids a punch: a row of its own, with its ledger entry; the punch itself stays as it was. */
export async function insertVoid(tx: Transaction, values: typeof punchVoids.$inferInsert & { at: Date }): Promise<void> {
  const [row] = await tx.insert(punchVoids).values(values).returning();
  const actor = values.voidedBy != null ? { kind: 'user' as const, id: values.voidedBy } : { kind: 'kiosk' as const, id: values.voidedByKiosk! };
  await appendLedger(tx, { actor, action: 'attendance.voided', entity: `attendance:${values.attendanceId}`, data: voidLedgerData(row!), at: values.at });
}

/** The first punch recorded for an occurrence, whatever became of it: its schedule snapshot stands in for a shift no longer on the roster. */
export async function findFirstPunchOfOccurrence(db: Queryable, key: { shiftId: number; date: string }): Promise<AttendanceRecord | undefined> {
  const [row] = await db
    .select()
    .from(attendance)
    .where(and(eq(attendance.shiftId, key.shiftId), eq(attendance.occurrenceDate, key.date)))
    .orderBy(asc(attendance.id))
    .limit(1);
  return row;
}

export async function isVoided(db: Queryable, attendanceId: number): Promise<boolean> {
  const [row] = await db.select({ at: punchVoids.at }).from(punchVoids).where(eq(punchVoids.attendanceId, attendanceId));
  return row !== undefined;
}

export async function isSuperseded(db: Queryable, attendanceId: number): Promise<boolean> {
  const [row] = await db.select({ id: attendance.id }).from(attendance).where(eq(attendance.supersedesId, attendanceId)).limit(1);
  return row !== undefined;
}

export type AttendanceFilter = { staffId?: number; from?: Date; to?: Date; limit: number; offset: number };

export async function listRecords(db: Queryable, filter: AttendanceFilter): Promise<AttendanceRecord[]> {
  return db
    .select()
    .from(attendance)
    .where(
      and(
        filter.staffId === undefined ? undefined : eq(attendance.staffId, filter.staffId),
        filter.from ? gte(attendance.at, filter.from) : undefined,
        filter.to ? lt(attendance.at, filter.to) : undefined,
      ),
    )
    .orderBy(desc(attendance.at), desc(attendance.id))
    .limit(filter.limit)
    .offset(filter.offset);
}

/** Whether any attendance record of this staff member uses the photo. */
export async function photoBelongsToStaff(db: Queryable, photoId: string, staffId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(attendance)
    .where(and(eq(attendance.photoId, photoId), eq(attendance.staffId, staffId)))
    .limit(1);
  return row !== undefined;
}

export async function photoExists(db: Queryable, photoId: string): Promise<boolean> {
  const [row] = await db.select({ id: photos.id }).from(photos).where(eq(photos.id, photoId));
  return row !== undefined;
}
