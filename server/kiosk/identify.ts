/**
 * A kiosk's `identify`: a PIN in, the person and their open windows out,
 * with the per-kiosk wrong-PIN lockout.
 */
import { DateTime } from 'luxon';
import type { AppDeps } from '../http/app-env.js';
import type { IdentifyAck, KioskWindow } from '../live/contract.js';
import { findStaffWindows, windowClosedMessage } from '../attendance/record-attendance.js';
import type { OpenWindow } from '../attendance/windows.js';
import { hashPin } from '../staff/pin.js';
import { attemptLifetimeMs, signAttempt } from './kiosk-tokens.js';
import { clearPinFailures, findStaffByPinHmac, recentPinFailures, recordPinFailure } from './kiosks.queries.js';
import { lockoutMemoryMs, lockoutState, type LockoutState } from './lockout.js';

function lockedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many wrong PINs. This kiosk is locked for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}; a manager has been told.`;
}

export function toKioskWindow(window: OpenWindow, zone: string, recordedAt?: Date): KioskWindow {
  const iso = (instant: DateTime) => instant.setZone(zone).toISO()!;
  return {
    kind: window.kind,
    shiftId: window.occurrence.shiftId,
    date: window.occurrence.date,
    shiftStart: iso(window.occurrence.start),
    shiftEnd: iso(window.occurrence.end),
    opensAt: iso(window.opensAt),
    closesAt: iso(window.closesAt),
    ...(recordedAt && { recordedAt: DateTime.fromJSDate(recordedAt).setZone(zone).toISO()! }),
  };
}

async function currentLockout(deps: AppDeps, kioskId: number, now: Date): Promise<LockoutState> {
  const failures = await recentPinFailures(deps.db, kioskId, new Date(now.getTime() - lockoutMemoryMs));
  return lockoutState(failures, now);
}

export async function identifyStaff(deps: AppDeps, kiosk: { id: number; name: string }, pin: unknown): Promise<IdentifyAck> {
  const now = deps.clock.now();
  const before = await currentLockout(deps, kiosk.id, now);
  if (before.locked) {
    return { ok: false, error: { code: 'locked', message: lockedMessage(before.retryAfterSeconds), retryAfterSeconds: before.retryAfterSeconds } };
  }
  const person = typeof pin === 'string' && /^[0-9]{6}$/.test(pin) ? await findStaffByPinHmac(deps.db, hashPin(deps.secrets.pinPepper, pin)) : undefined;
  if (!person) {
    await recordPinFailure(deps.db, kiosk.id, now);
    const after = await currentLockout(deps, kiosk.id, now);
    if (after.locked) {
      deps.events.emit('alert', {
        type: 'pin_lockout',
        message: `Kiosk "${kiosk.name}" locked for ${Math.ceil(after.retryAfterSeconds / 60)} minutes after repeated wrong PINs.`,
        at: now.toISOString(),
        kioskId: kiosk.id,
      });
      return { ok: false, error: { code: 'locked', message: lockedMessage(after.retryAfterSeconds), retryAfterSeconds: after.retryAfterSeconds } };
    }
    const left = after.attemptsLeft;
    return {
      ok: false,
      error: { code: 'invalid_pin', message: `That PIN is not right. ${left === 1 ? '1 try' : `${left} tries`} left before the kiosk locks.`, attemptsLeft: left },
    };
  }
  await clearPinFailures(deps.db, kiosk.id);

  const windows = await findStaffWindows(deps, person.id, now);
  const zone = windows.settings.timezone;
  if (windows.open.length === 0) {
    return {
      ok: false,
      error: {
        code: 'no_window',
        message: windowClosedMessage(windows).replace('for you ', `for you, ${person.name}, `),
        ...(windows.next && { nextWindow: toKioskWindow(windows.next, zone) }),
      },
    };
  }
  const recordedAt = (window: OpenWindow) =>
    windows.recorded.find((r) => r.shiftId === window.occurrence.shiftId && r.occurrenceDate === window.occurrence.date && r.kind === window.kind)?.at;
  // Offer what is still to do; when everything open is done, offer it again so a repeat shows the existing record.
  const toDo = windows.open.filter((window) => !recordedAt(window));
  const offered = (toDo.length > 0 ? toDo : windows.open).map((window) => toKioskWindow(window, zone, recordedAt(window)));
  const attempt = signAttempt(deps.secrets.attemptKey, { staffId: person.id, kioskId: kiosk.id, expiresAt: now.getTime() + attemptLifetimeMs });
  return { ok: true, staff: { id: person.id, name: person.name }, attempt, windows: offered };
}

