/**
 * Wrong-PIN lockout per kiosk, as a plain function over the failure times
 * stored in the database (so it holds across server processes) and the time
 * a manager last unlocked the kiosk (failures before it no longer count):
 *
 * - 5 wrong PINs within 5 minutes lock the kiosk for 5 minutes; each further
 *   lockout within 24 hours doubles that (10, then 20 minutes);
 * - 20 wrong PINs within 24 hours lock it until a manager unlocks it. The
 *   short lockouts alone let about 135 guesses a day through; the cap makes
 *   it 20 between two unlocks, so with 100 staff (100 of the 10⁶ PINs valid)
 *   a day of guessing finds one with odds of 0.2 % (tests/socket/pin-cap.test.ts).
 *
 * @example
 *   const state = lockoutState(failureTimes, clock.now(), kiosk.pinUnlockedAt);
 *   if (state.locked && state.needsManager) showAskAManager();
 */

export const maxFailures = 5;
/** Wrong PINs within {@link capWindowMs} that lock a kiosk until a manager unlocks it. */
export const failureCap = 20;
const failureWindowMs = 5 * 60_000;
const firstLockMs = 5 * 60_000;
/** Out of reach while the cap is 20 (that many failures in a day stop at the fourth lock); kept so that raising the cap never means day-long locks. */
const longestLockMs = 60 * 60_000;
/** How far back failures escalate the short lockout. */
export const lockoutMemoryMs = 24 * 60 * 60_000;
const capWindowMs = 24 * 60 * 60_000;

export type LockoutState =
  | { locked: false; attemptsLeft: number }
  | { locked: true; needsManager: false; retryAfterSeconds: number; lockedSince: Date; lockedUntil: Date; lockNumber: number }
  /** `failures`: the wrong PINs within 24 hours that reached the cap; `lockedSince`: the last of them. */
  | { locked: true; needsManager: true; lockedSince: Date; failures: number };

/**
 * The lockout at `now`. `failureTimes` need not be complete: every failure
 * after the unlock within 24 hours of `now`, and (once the cap is reached)
 * the failures that reached it, are enough — see {@link failuresNeeded}.
 */
export function lockoutState(failureTimes: readonly Date[], now: Date, unlockedAt: Date | null = null): LockoutState {
  const at = now.getTime();
  const since = unlockedAt?.getTime() ?? -Infinity;
  const times = failureTimes
    .map((time) => time.getTime())
    // Up to the unlock's very instant: an unlock always lifts every lock there was.
    .filter((time) => time > since)
    .sort((a, b) => a - b);

  // The cap: any 24 hours since the unlock with 20 failures, however long ago; it does not wear off.
  for (let last = failureCap - 1; last < times.length; last++) {
    const first = times[last - (failureCap - 1)]!;
    const end = times[last]!;
    if (end - first < capWindowMs) return { locked: true, needsManager: true, lockedSince: new Date(end), failures: failureCap };
  }

  let lockNumber = 0;
  let lockedSince = 0;
  let lockedUntil = 0;
  let recent: number[] = [];
  for (const time of times) {
    if (time < at - lockoutMemoryMs || time < lockedUntil) continue;
    recent = recent.filter((earlier) => earlier > time - failureWindowMs);
    recent.push(time);
    if (recent.length >= maxFailures) {
      lockNumber += 1;
      lockedSince = time;
      lockedUntil = time + Math.min(firstLockMs * 2 ** (lockNumber - 1), longestLockMs);
      recent = [];
    }
  }
  if (at < lockedUntil) {
    return {
      locked: true,
      needsManager: false,
      retryAfterSeconds: Math.ceil((lockedUntil - at) / 1000),
      lockedSince: new Date(lockedSince),
      lockedUntil: new Date(lockedUntil),
      lockNumber,
    };
  }
  const stillCounting = recent.filter((time) => time > at - failureWindowMs).length;
  const today = times.filter((time) => time > at - capWindowMs).length;
  return { locked: false, attemptsLeft: Math.min(maxFailures - stillCounting, failureCap - today) };
}

/**
 * How many of a kiosk's newest failures since its unlock {@link lockoutState}
 * needs. Until the cap is reached, fewer than 20 failures fall within any 24
 * hours, so the newest 20 hold every failure of the last 24 hours; once it
 * is reached no failure is recorded any more (a locked kiosk refuses a PIN
 * before checking it), so the newest 20 are the ones that reached it. Reading
 * only these keeps the lookup small however long a kiosk goes without an unlock.
 */
export const failuresNeeded = failureCap;
