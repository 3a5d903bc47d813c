/** Wrong-PIN lockout, from failure times alone. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { failuresNeeded, lockoutState } from '../../server/kiosk/lockout.js';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 24, 8, minute, second));

test('no failures: five tries left', () => {
  assert.deepEqual(lockoutState([], at(0)), { locked: false, attemptsLeft: 5 });
});

test('four failures within five minutes leave one try', () => {
  assert.deepEqual(lockoutState([at(0), at(1), at(2), at(3)], at(4)), { locked: false, attemptsLeft: 1 });
});

test('the fifth failure within five minutes locks for five minutes from it', () => {
  const state = lockoutState([at(0), at(1), at(2), at(3), at(4)], at(4, 30));
  assert.equal(state.locked, true);
  assert.ok(state.locked && !state.needsManager);
  assert.equal(state.retryAfterSeconds, 270);
  assert.equal(state.lockedUntil.toISOString(), at(9).toISOString());
  assert.equal(state.lockNumber, 1);
});

test('failures spread over more than five minutes do not lock', () => {
  // At 08:08:01 only the failures at 08:04, 08:06 and 08:08 are within the last five minutes.
  assert.deepEqual(lockoutState([at(0), at(2), at(4), at(6), at(8)], at(8, 1)), { locked: false, attemptsLeft: 2 });
});

test('the lock ends on time and the count starts again', () => {
  assert.deepEqual(lockoutState([at(0), at(1), at(2), at(3), at(4)], at(9)), { locked: false, attemptsLeft: 5 });
});

test('a second lockout the same day lasts twice as long', () => {
  const first = [at(0), at(1), at(2), at(3), at(4)];
  const second = [at(10), at(10, 10), at(10, 20), at(10, 30), at(10, 40)];
  const state = lockoutState([...first, ...second], at(11));
  assert.ok(state.locked && !state.needsManager);
  assert.equal(state.lockNumber, 2);
  assert.equal(state.lockedUntil.toISOString(), new Date(at(10, 40).getTime() + 10 * 60_000).toISOString());
});

test('lockouts keep doubling (5, 10, 20 minutes) until the twentieth failure, which needs a manager', () => {
  const failures: Date[] = [];
  let t = at(0).getTime();
  const expected = [5, 10, 20];
  for (let lock = 0; lock < 3; lock++) {
    for (let i = 0; i < 5; i++) failures.push(new Date((t += 1000)));
    const state = lockoutState(failures, new Date(t));
    assert.ok(state.locked && !state.needsManager, `lock ${lock + 1}`);
    assert.equal(state.lockNumber, lock + 1);
    assert.equal(state.lockedUntil.getTime() - t, expected[lock]! * 60_000);
    t += expected[lock]! * 60_000;
  }
  for (let i = 0; i < 4; i++) failures.push(new Date((t += 1000)));
  assert.deepEqual(lockoutState(failures, new Date(t)), { locked: false, attemptsLeft: 1 }, 'nineteen failures: one try left');
  failures.push(new Date((t += 1000)));
  assert.deepEqual(lockoutState(failures, new Date(t)), { locked: true, needsManager: true, lockedSince: new Date(t), failures: 20 });
  assert.ok(lockoutState(failures, new Date(t + 7 * 24 * 60 * 60_000)).locked, 'still locked a week later');
});

test('lockouts more than a day old no longer make the next one longer', () => {
  const day = 24 * 60 * 60_000;
  const burst = (start: number) => [0, 1, 2, 3, 4].map((i) => new Date(start + i * 1000));
  const first = burst(at(0).getTime());
  const second = burst(at(30).getTime());
  const later = at(0).getTime() + day + 60 * 60_000;
  const state = lockoutState([...first, ...second, ...burst(later)], new Date(later + 5000));
  assert.ok(state.locked && !state.needsManager);
  assert.equal(state.lockNumber, 1, 'the two lockouts of the day before are forgotten');
  assert.equal(state.lockedUntil.getTime() - (later + 4000), 5 * 60_000);
});

test('failures typed while locked are not counted (they are refused before being checked)', () => {
  const state = lockoutState([at(0), at(1), at(2), at(3), at(4), at(5), at(6)], at(9, 1));
  assert.deepEqual(state, { locked: false, attemptsLeft: 5 });
});

// ---------------------------------------------------------------- the 24-hour cap and the manager's unlock

const minutes = (n: number) => n * 60_000;
/** `count` failures `gap` apart from 08:00, and the instant just after the last. */
const spread = (count: number, gap: number) => {
  const times = Array.from({ length: count }, (_, i) => new Date(at(0).getTime() + i * gap));
  return { times, after: new Date(times[times.length - 1]!.getTime() + 1000) };
};

test('twenty failures within 24 hours lock until a manager unlocks, with no end time', () => {
  const { times, after } = spread(20, minutes(75)); // 20 × 75 min: the last is 23 h 45 min after the first
  const state = lockoutState(times, after);
  assert.deepEqual(state, { locked: true, needsManager: true, lockedSince: times[19], failures: 20 });
  assert.equal('retryAfterSeconds' in state, false);
});

test('twenty failures spread over more than 24 hours do not reach the cap', () => {
  const { times, after } = spread(20, minutes(80)); // the last is 25 h 20 min after the first
  assert.deepEqual(lockoutState(times, after), { locked: false, attemptsLeft: 2 }, 'eighteen in the last 24 hours: two tries left before the cap');
});

test('tries left count down to the cap as well as to the short lockout', () => {
  const { times, after } = spread(17, minutes(30));
  assert.deepEqual(lockoutState(times, after), { locked: false, attemptsLeft: 3 });
});

test('failures up to a manager’s unlock no longer count, for the cap and for the short lockout', () => {
  const { times, after } = spread(20, minutes(10));
  assert.ok(lockoutState(times, after).locked);
  assert.deepEqual(lockoutState(times, after, after), { locked: false, attemptsLeft: 5 });
  assert.deepEqual(lockoutState([...times, after], after, after), { locked: false, attemptsLeft: 5 }, 'one at the unlock’s very instant is lifted with it');
  assert.deepEqual(lockoutState([...times, new Date(after.getTime() + 1)], after, after), { locked: false, attemptsLeft: 4 }, 'one a millisecond later counts');
  // Unlocked in the middle of a short lockout too: the four after the unlock leave one try.
  const burst = [at(0), at(0, 10), at(0, 20), at(0, 30), at(0, 40)];
  assert.ok(lockoutState(burst, at(1)).locked);
  assert.deepEqual(lockoutState(burst, at(1), at(0, 5)), { locked: false, attemptsLeft: 1 });
});

test(`the newest ${failuresNeeded} failures since the unlock give the same answer as all of them`, () => {
  // A pseudo-random attacker and some unlocks, under the kiosk's rule that a locked kiosk records no failure.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const all: Date[] = [];
  let unlockedAt: Date | null = null;
  let t = at(0).getTime();
  let capped = 0;
  for (let step = 0; step < 4000; step++) {
    t += random() < 0.7 ? Math.floor(random() * 20_000) : Math.floor(random() * minutes(240));
    const now = new Date(t);
    if (random() < 0.003) unlockedAt = now;
    const full = lockoutState(all, now, unlockedAt);
    const since = all.filter((time) => !unlockedAt || time > unlockedAt);
    assert.deepEqual(lockoutState(since.slice(-failuresNeeded), now, unlockedAt), full, `step ${step}`);
    if (full.locked && full.needsManager) capped++;
    if (!full.locked) all.push(now);
  }
  assert.ok(capped > 100, `the cap was reached in ${capped} steps: the walk must cover it`);
});

test.run();
