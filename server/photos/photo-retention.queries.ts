/**
 * The photo retention purge's rows: punches older than the limit lose their
 * photo (the record stays, with `photo_purged_at`), and the photos no
 * unpurged punch or reference face still uses lose their bytes. The photos
 * rows (hash, size) stay: ledger entries name them.
 */
import { and, gte, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Database, Queryable } from '../../storage/database.js';
import { attendance, staffFaces } from '../../storage/schema.js';
import { appendLedger, ledgerTransaction } from '../ledger/ledger.queries.js';

/** Marks punches taken before `cutoff` as purged; returns the photos whose bytes may now go. */
export async function purgePunchPhotos(db: Database, cutoff: Date, now: Date): Promise<{ records: number; photoIds: string[] }> {
  return ledgerTransaction(db, async (tx) => {
    const purged = await tx
      .update(attendance)
      .set({ photoPurgedAt: now })
      .where(and(isNotNull(attendance.photoId), isNull(attendance.photoPurgedAt), lt(attendance.at, cutoff)))
      .returning({ photoId: attendance.photoId });
    const photoIds = await photosNoLongerUsed(tx, [...new Set(purged.map((row) => row.photoId!))]);
    await appendLedger(tx, {
      actor: { kind: 'system' },
      action: 'photos.purged',
      entity: 'photos',
      data: { takenBefore: cutoff.toISOString(), records: purged.length, photos: photoIds.length },
      at: now,
    });
    return { records: purged.length, photoIds };
  });
}

/** Of `photoIds`, those no unpurged punch and no reference face uses (the same bytes can back several). */
async function photosNoLongerUsed(db: Queryable, photoIds: readonly string[]): Promise<string[]> {
  if (photoIds.length === 0) return [];
  const ids = [...photoIds];
  const inUse = await db.select({ id: attendance.photoId }).from(attendance).where(and(inArray(attendance.photoId, ids), isNull(attendance.photoPurgedAt)));
  const references = await db.select({ id: staffFaces.photoId }).from(staffFaces).where(inArray(staffFaces.photoId, ids));
  const kept = new Set([...inUse, ...references].map((row) => row.id));
  return ids.filter((id) => !kept.has(id));
}

/** Photos purged since `since` whose bytes may still be there (a process that stopped between the purge and the removal). */
export async function recentlyPurgedPhotos(db: Database, since: Date): Promise<string[]> {
  const rows = await db.selectDistinct({ id: attendance.photoId }).from(attendance).where(and(isNotNull(attendance.photoId), gte(attendance.photoPurgedAt, since)));
  return photosNoLongerUsed(db, rows.map((row) => row.id!));
}

