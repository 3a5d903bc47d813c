/**
 * Photos are personal data: the ledger says which manager was shown which
 * photo, once per manager, photo and local day, so a Live board left open
 * all day (or a photo reloaded from the browser's cache) does not flood the
 * chain. A person looking at their own photo is not recorded.
 */
import type { Database } from '../../storage/database.js';
import { photoViews } from '../../storage/schema.js';
import { appendLedger, ledgerTransaction } from '../ledger/ledger.queries.js';

export async function recordPhotoView(db: Database, view: { managerId: number; photoId: string; day: string; at: Date }): Promise<void> {
  await ledgerTransaction(db, async (tx) => {
    const first = await tx.insert(photoViews).values({ userId: view.managerId, photoId: view.photoId, day: view.day }).onConflictDoNothing().returning({ day: photoViews.day });
    if (first.length === 0) return;
    await appendLedger(tx, { actor: { kind: 'user', id: view.managerId }, action: 'photo.viewed', entity: `photo:${view.photoId}`, data: { photoId: view.photoId, day: view.day }, at: view.at });
  });
}
