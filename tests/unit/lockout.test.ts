/** Wrong-PIN lockout, from failure times alone. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { lockoutState } from '../../server/kiosk/lockout.js';

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
  assert.ok(state.locked);
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
  assert.ok(state.locked);
  assert.equal(state.lockNumber, 2);
  assert.equal(state.lockedUntil.toISOString(), new Date(at(10, 40).getTime() + 10 * 60_000).toISOString());
});

test('lockouts keep doubling but never pass an hour', () => {
  const failures: Date[] = [];
  let t = at(0).getTime();
  for (let lock = 0; lock < 6; lock++) {
    for (let i = 0; i < 5; i++) failures.push(new Date((t += 1000)));
    t += Math.min(5 * 2 ** lock, 60) * 60_000;
  }
  const last = failures[failures.length - 1]!;
  const state = lockoutState(failures, new Date(last.getTime() + 1000));
  assert.ok(state.locked);
  assert.equal(state.lockNumber, 6);
  assert.equal(state.lockedUntil.getTime() - last.getTime(), 60 * 60_000);
});

test('failures typed while locked are not counted (they are refused before being checked)', () => {
  const state = lockoutState([at(0), at(1), at(2), at(3), at(4), at(5), at(6)], at(9, 1));
  assert.deepEqual(state, { locked: false, attemptsLeft: 5 });
});

test.run();
