/**
 * Photos are personal data: every time a manager is shown one, the ledger
 * says who saw which, and when. A person looking at their own photo is not
 * recorded.
 */
import type { Database } from '../../storage/database.js';
import { appendLedger } from '../ledger/ledger.queries.js';

export async function recordPhotoView(db: Database, managerId: number, photoId: string, at: Date): Promise<void> {
  await db.transaction((tx) => appendLedger(tx, { actor: { kind: 'user', id: managerId }, action: 'photo.viewed', entity: `photo:${photoId}`, data: { photoId }, at }));
}
