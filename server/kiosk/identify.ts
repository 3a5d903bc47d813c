/**
 * A kiosk's `identify`: a PIN in, the person and their open windows out,
 * with the per-kiosk wrong-PIN lockout (`lockout.ts`) and its cap.
 */
import { DateTime } from 'luxon';
import type { AppDeps } from '../http/app-env.js';
import { findKioskPrompt, forgottenCheckOutMessage, windowClosedMessage } from '../attendance/staff-windows.js';
import type { OpenWindow } from '../roster/windows.js';
import type { IdentifyAck, KioskNotice, KioskWindow } from '../socket-contract.js';
import { hashPin } from '../staff/pin.js';
import { attemptLifetimeMs, signAttempt } from './kiosk-tokens.js';
import { lockedAck, readLockout, type KioskLock } from './kiosk-lock.js';
import { findStaffByPinHmac, lockKiosk, recordPinFailure } from './kiosks.queries.js';

type OccurrencePunch = { shiftId: number; occurrenceDate: string; kind: 'check_in' | 'check_out'; at: Date };

/** A window as the kiosk sees it, with the person's current punches on its shift (none for a window not yet open). */
export function toKioskWindow(window: OpenWindow, zone: string, punches: readonly OccurrencePunch[] = []): KioskWindow {
  const iso = (instant: DateTime) => instant.setZone(zone).toISO()!;
  const isoOf = (at: Date) => DateTime.fromJSDate(at).setZone(zone).toISO()!;
  const onShift = punches.filter((p) => p.shiftId === window.occurrence.shiftId && p.occurrenceDate === window.occurrence.date);
  const checkIn = onShift.find((p) => p.kind === 'check_in');
  const checkOut = onShift.find((p) => p.kind === 'check_out');
  const recordedAt = (window.kind === 'check_in' ? checkIn : checkOut)?.at;
  return {
    kind: window.kind,
    shiftId: window.occurrence.shiftId,
    date: window.occurrence.date,
    shiftStart: iso(window.occurrence.start),
    shiftEnd: iso(window.occurrence.end),
    opensAt: iso(window.opensAt),
    closesAt: iso(window.closesAt),
    ...(recordedAt && { recordedAt: isoOf(recordedAt) }),
    state: checkOut ? 'checked_out' : checkIn ? 'checked_in' : 'none',
    ...(checkIn && { checkedInAt: isoOf(checkIn.at) }),
    ...(checkOut && { checkedOutAt: isoOf(checkOut.at) }),
  };
}

export type PinCheck =
  | { result: 'locked'; lock: KioskLock; justLocked: boolean }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'right'; person: { id: number; name: string } };

/**
 * Checks a PIN against the lockout inside one transaction holding the
 * kiosk's row lock. Guesses sent at once, to one server process or several,
 * are therefore checked one after another: each sees the failures before it,
 * so no more than 5 are ever checked before the lock, and no more than 20
 * between two unlocks.
 */
export function checkPin(deps: AppDeps, kioskId: number, pin: unknown, now: Date): Promise<PinCheck> {
  return deps.db.transaction(async (tx): Promise<PinCheck> => {
    const { pinUnlockedAt } = await lockKiosk(tx, kioskId);
    const before = await readLockout(tx, kioskId, pinUnlockedAt, now);
    if (before.locked) return { result: 'locked', lock: before, justLocked: false };
    const person = typeof pin === 'string' && /^[0-9]{6}$/.test(pin) ? await findStaffByPinHmac(tx, hashPin(deps.secrets.pinPepper, pin)) : undefined;
    // A right PIN does not wipe earlier failures: otherwise someone who knows
    // their own PIN could interleave it with guesses and never be locked out.
    if (person) return { result: 'right', person };
    await recordPinFailure(tx, kioskId, now);
    const after = await readLockout(tx, kioskId, pinUnlockedAt, now);
    return after.locked ? { result: 'locked', lock: after, justLocked: true } : { result: 'wrong', attemptsLeft: after.attemptsLeft };
  });
}

export async function identifyStaff(deps: AppDeps, kiosk: { id: number; name: string }, pin: unknown): Promise<IdentifyAck> {
  const now = deps.clock.now();
  const check = await checkPin(deps, kiosk.id, pin, now);
  if (check.result === 'locked') {
    const { lock } = check;
    if (check.justLocked) {
      const about = { kioskId: kiosk.id, kioskName: kiosk.name, at: now };
      if (lock.needsManager) deps.events.emit('pinCapReached', { ...about, failures: lock.failures });
      else deps.events.emit('pinLockoutStarted', { ...about, retryAfterSeconds: lock.retryAfterSeconds });
    }
    return lockedAck(lock);
  }
  if (check.result === 'wrong') {
    const left = check.attemptsLeft;
    return {
      ok: false,
      error: { code: 'invalid_pin', message: `That PIN is not right. ${left === 1 ? '1 try' : `${left} tries`} left before the kiosk locks.`, attemptsLeft: left },
    };
  }
  const person = check.person;

  const { windows, forgotten } = await findKioskPrompt(deps, person.id, now);
  const zone = windows.settings.timezone;
  for (const occurrence of forgotten) {
    deps.events.emit('forgottenCheckOutNoticed', {
      staffId: person.id,
      staffName: person.name,
      kioskName: kiosk.name,
      shiftStart: occurrence.start.toJSDate(),
      shiftEnd: occurrence.end.toJSDate(),
      zone,
      at: now,
    });
  }
  const notices = forgotten.map((o): KioskNotice => ({ code: 'missing_check_out', message: forgottenCheckOutMessage(o, zone), shiftId: o.shiftId, date: o.date }));
  const withNotices = notices.length > 0 ? { notices } : {};
  if (windows.open.length === 0) {
    return {
      ok: false,
      error: {
        code: 'no_window',
        message: windowClosedMessage(windows, { name: person.name }),
        ...(windows.next && { nextWindow: toKioskWindow(windows.next, zone) }),
      },
      ...withNotices,
    };
  }
  const all = windows.open.map((window) => toKioskWindow(window, zone, windows.recorded));
  // Offer what is still to do; when everything open is done, say so (the kiosk answers a repeat without a photo).
  const toDo = all.filter((window) => !window.recordedAt);
  const offered = toDo.length > 0 ? toDo : all;
  const attempt = signAttempt(deps.secrets.attemptKey, { staffId: person.id, kioskId: kiosk.id, expiresAt: now.getTime() + attemptLifetimeMs });
  return { ok: true, staff: { id: person.id, name: person.name }, attempt, windows: offered, ...withNotices };
}

