/**
 * A person's account as a manager manages it: deactivate and reactivate
 * (the account and its staff profile together, so a leaver is cut off in
 * one step) and reset a password. Cutting off ends every session, refresh
 * token and access token at once (auth's `endUserAccess`); the callers raise
 * `sessionsEnded` with the returned ids once the transaction has committed.
 * Each change writes its ledger entry in the caller's transaction.
 */
import type { Transaction } from '../../storage/database.js';
import { endUserAccess } from '../auth/end-access.js';
import { countOtherActiveManagers, findUserById, setPasswordHash, setUserActive, type AccountChangedBy } from '../auth/users.queries.js';
import { domainError } from '../domain-error.js';
import { lockLedger } from '../ledger/ledger.queries.js';
import { findStaffByUser, setStaffActive } from './staff.queries.js';

const lastManager = () =>
  domainError.conflict('last_manager', 'This is the last active manager: make another manager first, or nobody could manage Rollcall any more.');

/**
 * Sets the account's `active` (and its staff profile's, if `alsoProfile`);
 * returns the ended session ids. Refuses to deactivate the last active
 * manager. PIN clashes on reactivation are the staff profile's own check.
 * Only what actually changes gets a ledger entry; access is ended anyway.
 */
export async function setAccountActive(
  tx: Transaction,
  managerId: number,
  userId: number,
  active: boolean,
  at: { now: Date; today: string },
  alsoProfile = true,
): Promise<string[]> {
  // The ledger's lock first, as in every transaction that appends: taken after row or table locks, two transactions could deadlock.
  await lockLedger(tx);
  const account = await findUserById(tx, userId);
  if (!account) throw domainError.notFound(`There is no account with id ${userId}.`);
  if (!active && account.role === 'manager' && account.active && (await countOtherActiveManagers(tx, userId)) === 0) throw lastManager();
  const by: AccountChangedBy = { actor: { kind: 'user', id: managerId }, at: at.now };
  if (account.active !== active) await setUserActive(tx, userId, active, by);
  if (alsoProfile) {
    const profile = await findStaffByUser(tx, userId);
    if (profile && profile.active !== active) await setStaffActive(tx, profile.id, active, at.today, by);
  }
  return active ? [] : endUserAccess(tx, userId, at.now);
}

/** A manager's reset: the new password, and every session and token of that account ends. */
export async function resetPassword(tx: Transaction, managerId: number, userId: number, passwordHash: string, now: Date): Promise<string[]> {
  await lockLedger(tx);
  if (!(await findUserById(tx, userId))) throw domainError.notFound(`There is no account with id ${userId}.`);
  await setPasswordHash(tx, userId, passwordHash, { actor: { kind: 'user', id: managerId }, at: now, reset: true });
  return endUserAccess(tx, userId, now);
}
