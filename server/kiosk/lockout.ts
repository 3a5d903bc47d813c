/**
 * Wrong-PIN lockout per kiosk, as a plain function over the failure times
 * stored in the database (so it holds across server processes): 5 wrong
 * PINs within 5 minutes lock the kiosk for 5 minutes; each further lockout
 * within the day doubles that, up to an hour.
 */

export const maxFailures = 5;
const failureWindowMs = 5 * 60_000;
const firstLockMs = 5 * 60_000;
const longestLockMs = 60 * 60_000;
/** How far back failures are read: lockouts older than this no longer escalate. */
export const lockoutMemoryMs = 24 * 60 * 60_000;

export type LockoutState =
  | { locked: false; attemptsLeft: number }
  | { locked: true; retryAfterSeconds: number; lockedUntil: Date; lockNumber: number };

export function lockoutState(failureTimes: readonly Date[], now: Date): LockoutState {
  const times = failureTimes.map((time) => time.getTime()).sort((a, b) => a - b);
  let lockNumber = 0;
  let lockedUntil = 0;
  let recent: number[] = [];
  for (const time of times) {
    if (time < lockedUntil) continue;
    recent = recent.filter((earlier) => earlier > time - failureWindowMs);
    recent.push(time);
    if (recent.length >= maxFailures) {
      lockNumber += 1;
      lockedUntil = time + Math.min(firstLockMs * 2 ** (lockNumber - 1), longestLockMs);
      recent = [];
    }
  }
  const at = now.getTime();
  if (at < lockedUntil) {
    return { locked: true, retryAfterSeconds: Math.ceil((lockedUntil - at) / 1000), lockedUntil: new Date(lockedUntil), lockNumber };
  }
  const stillCounting = recent.filter((time) => time > at - failureWindowMs).length;
  return { locked: false, attemptsLeft: maxFailures - stillCounting };
}
