/**
 * Writing a person's own punch (kiosk or API): the row, its photo's rows
 * (and, where photos live in the database, its bytes), its ledger entry and
 * the kiosk's request id, all or nothing. The usual punch, the first of its
 * kind for the occurrence, is one statement, so a capture's ack waits on one
 * round trip once its photo is ready; a punch after a voided one continues
 * that chain in a transaction of several.
 *
 * @example
 *   const id = await reserveAttendanceId(db); // while the photo is converted
 *   const row = await insertRecordWithPhoto(db, { id, ...punch }, { processed, store }, { kind: 'kiosk', id: 3 }, { kioskId: 3, requestId });
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../../storage/database.js';
import type { ProcessedPhoto } from '../../storage/photo-processing.js';
import type { PhotoStore } from '../../storage/photo-store.js';
import { attendance, kioskRequests } from '../../storage/schema.js';
import type { LedgerActor } from '../ledger/chain.js';
import { appendLedger, ledgerEntryInsertWith, ledgerHeadUnderLock, ledgerTransaction, type LedgerChange } from '../ledger/ledger.queries.js';
import { punchLedgerData } from '../ledger/recorded-rows.js';
import { findChainTip, type AttendanceRecord, type NewAttendance } from './attendance.queries.js';

export type OwnPunch = NewAttendance & {
  /** From `reserveAttendanceId`: the ledger entry, hashed before the statement runs, names the row. */
  id: number;
};

export type PunchPhoto = { processed: ProcessedPhoto; store: PhotoStore };

/** The kiosk request the punch answers, written with it so a retry finds it. */
export type PunchRequest = { kioskId: number; requestId: string };

/** An id for a punch not yet written, taken while other work (the photo's conversion) goes on. */
export async function reserveAttendanceId(db: Queryable): Promise<number> {
  const [reserved] = await rowsOf<{ id: string | number }>(db, sql`select nextval(pg_get_serial_sequence('attendance', 'id')) as id`);
  return Number(reserved!.id);
}

/** Unwinds the punch's transaction when the occurrence already has its punch, so the photo's rows go with it. */
class AlreadyPunched extends Error {}

/**
 * Whether another punch already names these photo bytes (a held-up photo, or a replayed frame),
 * worked out by the insert itself: its subquery cannot see the row being inserted.
 */
const photoReusedBy = (photoId: string | null | undefined): SQL<boolean> | false =>
  photoId ? sql<boolean>`exists (select 1 from ${attendance} where ${attendance.photoId} = ${photoId})` : false;

const capturedEntry = (actor: LedgerActor, row: AttendanceRecord): LedgerChange => ({
  actor,
  action: 'attendance.captured',
  entity: `attendance:${row.id}`,
  data: punchLedgerData(row),
  at: row.recordedAt,
});

/**
 * The punch with all it writes, or `undefined`, with nothing written, if the
 * occurrence already has a punch of this kind that counts. After a manager
 * voided the last one, the new punch continues that chain.
 */
export async function insertRecordWithPhoto(
  db: Queryable,
  punch: OwnPunch,
  photo: PunchPhoto | undefined,
  actor: LedgerActor,
  request?: PunchRequest,
): Promise<AttendanceRecord | undefined> {
  return (await insertFirstPunch(db, punch, photo, actor, request)) ?? (await insertAfterEarlierPunch(db, punch, photo, actor, request));
}

/**
 * The first punch of its kind in one statement: the ledger's head is read
 * under its lock (migration 0020) before any insert, which all read from it,
 * so the lock is taken before any row lock as in every appending
 * transaction. Nothing is written if the punch's insert meets one already
 * there: that case is `insertAfterEarlierPunch`'s.
 */
async function insertFirstPunch(db: Queryable, punch: OwnPunch, photo: PunchPhoto | undefined, actor: LedgerActor, request?: PunchRequest) {
  const recordedAt = punch.recordedAt ?? punch.at;
  const row: AttendanceRecord = { ...punch, recordedAt, supersedesId: null, reason: null, createdBy: null, photoPurgedAt: null, photoReused: false };
  const [head, inserted] = [sql.raw('head'), sql.raw('inserted')];
  const writes = [
    sql`insert into ${attendance} (id, staff_id, shift_id, occurrence_date, kind, at, status, photo_id, kiosk_id, scheduled_start, scheduled_end, source, recorded_at, photo_reused)
      select ${row.id}::int, ${row.staffId}::int, ${row.shiftId}::int, ${row.occurrenceDate}::date, ${row.kind}::text, ${row.at.toISOString()}::timestamptz,
        ${row.status}::text, ${row.photoId}::text, ${row.kioskId}::int, ${row.scheduledStart.toISOString()}::timestamptz, ${row.scheduledEnd.toISOString()}::timestamptz,
        ${row.source}::text, ${recordedAt.toISOString()}::timestamptz, ${photoReusedBy(row.photoId)}
      from ${head}
      on conflict do nothing
      returning photo_reused`,
    // Written only with the punch; the foreign keys to it are checked at the statement's end.
    ...(photo ? photo.store.insertsWith(photo.processed, inserted) : []),
    ledgerEntryInsertWith(capturedEntry(actor, row), head, inserted),
    ...(request
      ? [sql`insert into ${kioskRequests} (kiosk_id, request_id, attendance_id) select ${request.kioskId}::int, ${request.requestId}::text, ${row.id}::int from ${inserted} on conflict do nothing`]
      : []),
  ];
  const [punchWrite, ...alongside] = writes;
  const [written] = await rowsOf<{ photo_reused: boolean }>(
    db,
    sql`
    with ${head} as (${ledgerHeadUnderLock}),
      ${inserted} as (${punchWrite}),
      ${sql.join(
        alongside.map((write, i) => sql`${sql.raw(`write_${i}`)} as (${write})`),
        sql`, `,
      )}
    select photo_reused from ${inserted}`,
  );
  return written && { ...row, photoReused: written.photo_reused };
}

/** A punch where one of its kind is already recorded: it continues the chain if a manager voided the last one. */
async function insertAfterEarlierPunch(db: Queryable, punch: OwnPunch, photo: PunchPhoto | undefined, actor: LedgerActor, request?: PunchRequest) {
  const recordedAt = punch.recordedAt ?? punch.at;
  const punchRow = (supersedesId: number | null) => ({ ...punch, supersedesId, recordedAt, photoReused: photoReusedBy(punch.photoId) });
  try {
    return await ledgerTransaction(db, async (tx) => {
      if (photo) await photo.store.saveWith(tx, photo.processed);
      // The earlier punch may have been voided, or its statement rolled back, since the first try.
      let [row] = await tx.insert(attendance).values(punchRow(null)).onConflictDoNothing().returning();
      if (!row) {
        const tip = await findChainTip(tx, punch);
        if (!tip || !tip.voided) throw new AlreadyPunched();
        [row] = await tx.insert(attendance).values(punchRow(tip.record.id)).returning();
      }
      await appendLedger(tx, capturedEntry(actor, row!));
      if (request) await tx.insert(kioskRequests).values({ ...request, attendanceId: row!.id }).onConflictDoNothing();
      return row;
    });
  } catch (error) {
    if (error instanceof AlreadyPunched) return undefined;
    throw error;
  }
}
