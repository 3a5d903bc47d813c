/**
 * A kiosk's wrong-PIN lock as the rest of the app sees it: read from the
 * stored failures and the last unlock, told to the person at the kiosk,
 * listed for managers, and lifted by a manager.
 */
import type { Queryable } from '../../storage/database.js';
import type { AppDeps } from '../http/app-env.js';
import type { AckError, KioskLocked } from '../socket-contract.js';
import { findKiosk, latestPinFailures, recordKioskUnlock } from './kiosks.queries.js';
import { failuresNeeded, lockoutState, maxFailures, type LockoutState } from './lockout.js';

export type KioskLock = Extract<LockoutState, { locked: true }>;

/** The lockout at `now`, given when a manager last unlocked the kiosk. */
export async function readLockout(db: Queryable, kioskId: number, pinUnlockedAt: Date | null, now: Date): Promise<LockoutState> {
  return lockoutState(await latestPinFailures(db, kioskId, pinUnlockedAt, failuresNeeded), now, pinUnlockedAt);
}

export const managerLockMessage = 'This kiosk is locked after too many wrong PINs. Ask a manager to unlock it in Rollcall (Kiosks page).';

function shortLockMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many wrong PINs. This kiosk is locked for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}; a manager has been told.`;
}

/** What the person at a locked kiosk is told. */
export function lockNotice(lock: KioskLock): KioskLocked {
  if (lock.needsManager) return { message: managerLockMessage, needsManager: true };
  return { message: shortLockMessage(lock.retryAfterSeconds), retryAfterSeconds: lock.retryAfterSeconds };
}

/** What `identify` answers while the kiosk is locked. */
export function lockedAck(lock: KioskLock): AckError {
  return { ok: false, error: { code: 'locked', ...lockNotice(lock) } };
}

/** The kiosk's lock now, or null when it takes PINs. */
export async function currentLock(db: Queryable, kioskId: number, now: Date): Promise<KioskLock | null> {
  const kiosk = await findKiosk(db, kioskId);
  if (!kiosk) return null;
  const state = await readLockout(db, kioskId, kiosk.pinUnlockedAt, now);
  return state.locked ? state : null;
}

/** The lock as `GET /api/kiosks/` lists it: `until` is null when only a manager can lift it. */
export type KioskLockView = { needsManager: boolean; since: string; until: string | null; wrongPins: number };

export function kioskLockView(state: LockoutState): KioskLockView | null {
  if (!state.locked) return null;
  if (state.needsManager) return { needsManager: true, since: state.lockedSince.toISOString(), until: null, wrongPins: state.failures };
  return { needsManager: false, since: state.lockedSince.toISOString(), until: state.lockedUntil.toISOString(), wrongPins: maxFailures };
}

export type UnlockOutcome = { ok: true; name: string; at: Date } | { ok: false; reason: 'not_found' | 'revoked' };

/**
 * Lifts both locks at once: failures up to now stop counting. The update
 * waits for a PIN check holding the kiosk's row, so none straddles it.
 */
export async function unlockKiosk(deps: AppDeps, managerId: number, kioskId: number): Promise<UnlockOutcome> {
  const kiosk = await findKiosk(deps.db, kioskId);
  if (!kiosk) return { ok: false, reason: 'not_found' };
  if (kiosk.revokedAt) return { ok: false, reason: 'revoked' };
  const now = deps.clock.now();
  await recordKioskUnlock(deps.db, managerId, kioskId, now);
  deps.events.emit('kioskUnlocked', { kioskId, kioskName: kiosk.name, at: now });
  return { ok: true, name: kiosk.name, at: now };
}
