/**
 * The face check's rows: reference faces, the queue of punch photos to
 * analyse (with its claims, so each is analysed by one process), verdicts,
 * and managers' reviews. Every change is a ledger entry in its transaction.
 */
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database, Queryable, Transaction } from '../../storage/database.js';
import { attendance, faceChecks, staff, staffFaces } from '../../storage/schema.js';
import type { FaceVerdict } from '../domain-events.js';
import type { LedgerActor } from '../ledger/chain.js';
import { appendLedger, ledgerTransaction } from '../ledger/ledger.queries.js';

export type ReferenceFace = { staffId: number; photoId: string; descriptor: number[]; setAt: Date };

export async function findStaffForFace(db: Queryable, staffId: number): Promise<{ name: string; active: boolean } | undefined> {
  const [row] = await db.select({ name: staff.name, active: staff.active }).from(staff).where(eq(staff.id, staffId));
  return row;
}

export async function findPunchPhoto(db: Queryable, attendanceId: number): Promise<{ staffId: number; photoId: string | null } | undefined> {
  const [row] = await db.select({ staffId: attendance.staffId, photoId: attendance.photoId }).from(attendance).where(eq(attendance.id, attendanceId));
  return row;
}

export async function findReferenceFace(db: Queryable, staffId: number): Promise<ReferenceFace | undefined> {
  const [row] = await db
    .select({ staffId: staffFaces.staffId, photoId: staffFaces.photoId, descriptor: staffFaces.descriptor, setAt: staffFaces.setAt })
    .from(staffFaces)
    .where(eq(staffFaces.staffId, staffId));
  return row;
}

/** Reference photos of these people, by staff id (the board and history show them beside each punch). */
export async function listReferencePhotos(db: Queryable, staffIds: readonly number[]): Promise<Map<number, string>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db.select({ staffId: staffFaces.staffId, photoId: staffFaces.photoId }).from(staffFaces).where(inArray(staffFaces.staffId, [...staffIds]));
  return new Map(rows.map((row) => [row.staffId, row.photoId]));
}

/** In the transaction that stores the reference photo's row. */
export async function saveReferenceFace(tx: Transaction, face: Omit<ReferenceFace, 'setAt'>, by: { userId: number; at: Date }): Promise<void> {
  const values = { ...face, setAt: by.at, setBy: by.userId };
  await tx.insert(staffFaces).values(values).onConflictDoUpdate({ target: staffFaces.staffId, set: values });
  await appendLedger(tx, { actor: { kind: 'user', id: by.userId }, action: 'face.reference_set', entity: `staff:${face.staffId}`, data: { staffId: face.staffId, photoId: face.photoId }, at: by.at });
}

/** Deletes the reference faces of `staffIds` (everyone's when null); returns whose were deleted. */
export async function deleteReferenceFaces(db: Database, staffIds: readonly number[] | null, actor: LedgerActor, at: Date, why: string): Promise<number[]> {
  return ledgerTransaction(db, async (tx) => {
    const deleted = await tx
      .delete(staffFaces)
      .where(staffIds === null ? undefined : inArray(staffFaces.staffId, [...staffIds]))
      .returning({ staffId: staffFaces.staffId });
    const ids = deleted.map((row) => row.staffId);
    if (ids.length > 0) await appendLedger(tx, { actor, action: 'face.references_deleted', entity: 'staff_faces', data: { staffIds: ids, why }, at });
    return ids;
  });
}

/** How long a claim holds before another process may take the photo over (its process died): longer than the analyser's own timeout. */
const claimLifetimeMs = 2 * 60_000;

/** Gives back every claim: only for a process that is the only one on its database (the embedded one), at its start. */
export async function releaseFaceCheckClaims(db: Queryable): Promise<void> {
  await db.update(faceChecks).set({ state: 'pending', claimedAt: null }).where(eq(faceChecks.state, 'analysing'));
}

/**
 * Takes the oldest photo waiting to be analysed (or one whose claim is
 * stale), so that no other process takes it; undefined when none wait.
 */
export async function claimFaceCheck(db: Database, now: Date): Promise<{ attendanceId: number; staffId: number; photoId: string | null } | undefined> {
  return db.transaction(async (tx) => {
    const stale = new Date(now.getTime() - claimLifetimeMs);
    const [next] = await tx
      .select({ attendanceId: faceChecks.attendanceId })
      .from(faceChecks)
      .where(or(eq(faceChecks.state, 'pending'), and(eq(faceChecks.state, 'analysing'), lt(faceChecks.claimedAt, stale))))
      .orderBy(faceChecks.attendanceId)
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return undefined;
    await tx.update(faceChecks).set({ state: 'analysing', claimedAt: now }).where(eq(faceChecks.attendanceId, next.attendanceId));
    const [punch] = await tx.select({ staffId: attendance.staffId, photoId: attendance.photoId }).from(attendance).where(eq(attendance.id, next.attendanceId));
    return { attendanceId: next.attendanceId, staffId: punch!.staffId, photoId: punch!.photoId };
  });
}

export async function completeFaceCheck(db: Database, check: { attendanceId: number; verdict: FaceVerdict; distance: number | null }, at: Date): Promise<void> {
  await ledgerTransaction(db, async (tx) => {
    await tx.update(faceChecks).set({ state: 'done', verdict: check.verdict, distance: check.distance, analysedAt: at }).where(eq(faceChecks.attendanceId, check.attendanceId));
    await appendLedger(tx, { actor: { kind: 'system' }, action: 'face.checked', entity: `attendance:${check.attendanceId}`, data: check, at });
  });
}

export type FaceCheckView = { verdict: FaceVerdict | null; distance: number | null; review: 'confirmed' | 'flagged' | null; pending: boolean };

/** The face checks of these punches, by attendance id (none for a punch taken while the check was off). */
export async function listFaceChecks(db: Queryable, attendanceIds: readonly number[]): Promise<Map<number, FaceCheckView>> {
  if (attendanceIds.length === 0) return new Map();
  const rows = await db.select().from(faceChecks).where(inArray(faceChecks.attendanceId, [...attendanceIds]));
  return new Map(rows.map((row) => [row.attendanceId, { verdict: row.verdict, distance: row.distance, review: row.review, pending: row.state !== 'done' }]));
}

/** A manager's word on a flagged punch; false if the punch has no face check to review. */
export async function reviewFaceCheck(db: Database, attendanceId: number, review: 'confirmed' | 'flagged', by: { userId: number; at: Date }): Promise<boolean> {
  return ledgerTransaction(db, async (tx) => {
    const updated = await tx
      .update(faceChecks)
      .set({ review, reviewedBy: by.userId, reviewedAt: by.at })
      .where(and(eq(faceChecks.attendanceId, attendanceId), eq(faceChecks.state, 'done')))
      .returning({ id: faceChecks.attendanceId });
    if (updated.length === 0) return false;
    await appendLedger(tx, { actor: { kind: 'user', id: by.userId }, action: 'face.reviewed', entity: `attendance:${attendanceId}`, data: { attendanceId, review }, at: by.at });
    return true;
  });
}

/** Punches flagged by the face check and not yet confirmed by a manager, for Needs attention. */
export async function listUnreviewedFlags(db: Queryable, range: { from: string; to: string }) {
  return db
    .select({ attendanceId: faceChecks.attendanceId, verdict: faceChecks.verdict, distance: faceChecks.distance, review: faceChecks.review })
    .from(faceChecks)
    .innerJoin(attendance, eq(attendance.id, faceChecks.attendanceId))
    .where(
      and(
        inArray(faceChecks.verdict, ['mismatch', 'no_face']),
        or(sql`${faceChecks.review} is null`, eq(faceChecks.review, 'flagged')),
        sql`${attendance.occurrenceDate} between ${range.from} and ${range.to}`,
      ),
    );
}
