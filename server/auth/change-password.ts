/**
 * A person changing their own password (`POST /api/auth/password`): the new
 * hash, its ledger entry, and the end of every other session and token of
 * theirs, in one transaction.
 */
import type { Database } from '../../storage/database.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { endUserAccess } from './end-access.js';
import { setPasswordHash } from './users.queries.js';

/** Returns the ended sessions' ids; `keepSessionToken` is the cookie token of the session the change came from. */
export async function changeOwnPassword(db: Database, userId: number, passwordHash: string, now: Date, keepSessionToken: string | undefined): Promise<string[]> {
  return ledgerTransaction(db, async (tx) => {
    await setPasswordHash(tx, userId, passwordHash, { actor: { kind: 'user', id: userId }, at: now, reset: false });
    // Everywhere else this account was signed in ends; this browser stays signed in.
    return endUserAccess(tx, userId, now, keepSessionToken);
  });
}
