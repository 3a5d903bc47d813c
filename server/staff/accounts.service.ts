/**
 * A person's account as a manager manages it: deactivate and reactivate
 * (the account and its staff profile together, so a leaver is cut off in
 * one step) and reset a password. Cutting off ends every session, refresh
 * token and access token at once (auth's `endUserAccess`); the callers raise
 * `sessionsEnded` with the returned ids once the transaction has committed.
 */
import type { Queryable } from '../../storage/database.js';
import { endUserAccess } from '../auth/end-access.js';
import { countOtherActiveManagers, findUserById, setPasswordHash, setUserActive } from '../auth/users.queries.js';
import { domainError } from '../domain-error.js';
import { findStaffByUser, setStaffActive } from './staff.queries.js';

const lastManager = () =>
  domainError.conflict('last_manager', 'This is the last active manager: make another manager first, or nobody could manage Rollcall any more.');

/**
 * Sets the account's `active` (and its staff profile's, if `alsoProfile`);
 * returns the ended session ids. Refuses to deactivate the last active
 * manager. PIN clashes on reactivation are the staff profile's own check.
 */
export async function setAccountActive(tx: Queryable, userId: number, active: boolean, at: { now: Date; today: string }, alsoProfile = true): Promise<string[]> {
  const account = await findUserById(tx, userId);
  if (!account) throw domainError.notFound(`There is no account with id ${userId}.`);
  if (!active && account.role === 'manager' && account.active && (await countOtherActiveManagers(tx, userId)) === 0) throw lastManager();
  await setUserActive(tx, userId, active);
  if (alsoProfile) {
    const profile = await findStaffByUser(tx, userId);
    if (profile) await setStaffActive(tx, profile.id, active, at.today);
  }
  return active ? [] : endUserAccess(tx, userId, at.now);
}

/** A manager's reset: the new password, and every session and token of that account ends. */
export async function resetPassword(tx: Queryable, userId: number, passwordHash: string, now: Date): Promise<string[]> {
  if (!(await findUserById(tx, userId))) throw domainError.notFound(`There is no account with id ${userId}.`);
  await setPasswordHash(tx, userId, passwordHash);
  return endUserAccess(tx, userId, now);
}
