/** The swap status machine: who may do what, from which status, to which. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { nextSwapStatus } from '../../server/swaps/swap-transitions.js';

test('accept by the counterpart: done, or awaiting a manager when approval is required', () => {
  assert.deepEqual(nextSwapStatus('accept', 'pending', 'counterpart', false), { ok: true, next: 'done', final: true });
  assert.deepEqual(nextSwapStatus('accept', 'pending', 'counterpart', true), { ok: true, next: 'awaiting_manager', final: false });
});

test('approve and reject belong to managers, from awaiting_manager only', () => {
  assert.deepEqual(nextSwapStatus('approve', 'awaiting_manager', 'manager', true), { ok: true, next: 'done', final: true });
  assert.deepEqual(nextSwapStatus('reject', 'awaiting_manager', 'manager', true), { ok: true, next: 'rejected', final: false });
  const byStaff = nextSwapStatus('approve', 'awaiting_manager', 'counterpart', true);
  assert.equal(byStaff.ok, false);
  assert.ok(!byStaff.ok && byStaff.reason === 'not_allowed');
  const tooEarly = nextSwapStatus('approve', 'pending', 'manager', true);
  assert.ok(!tooEarly.ok && tooEarly.reason === 'wrong_status');
  assert.ok(!tooEarly.ok && /waiting for the other person/.test(tooEarly.message));
});

test('either party cancels before the end; nobody cancels a done swap', () => {
  assert.deepEqual(nextSwapStatus('cancel', 'pending', 'proposer', false), { ok: true, next: 'cancelled', final: false });
  assert.deepEqual(nextSwapStatus('cancel', 'awaiting_manager', 'counterpart', true), { ok: true, next: 'cancelled', final: false });
  const late = nextSwapStatus('cancel', 'done', 'proposer', false);
  assert.ok(!late.ok && late.reason === 'wrong_status');
  assert.ok(!late.ok && late.message === 'This swap is already done, so it cannot be cancelled now.');
  const outsider = nextSwapStatus('cancel', 'pending', 'manager', false);
  assert.ok(!outsider.ok && outsider.reason === 'not_allowed');
});

test('the proposer cannot accept or decline their own proposal', () => {
  for (const action of ['accept', 'decline'] as const) {
    const result = nextSwapStatus(action, 'pending', 'proposer', false);
    assert.ok(!result.ok && result.reason === 'not_allowed', action);
  }
  assert.deepEqual(nextSwapStatus('decline', 'pending', 'counterpart', false), { ok: true, next: 'declined', final: false });
});

test('final statuses accept nothing more', () => {
  for (const status of ['done', 'declined', 'rejected', 'cancelled'] as const) {
    for (const [action, actor] of [['accept', 'counterpart'], ['decline', 'counterpart'], ['approve', 'manager'], ['reject', 'manager']] as const) {
      const result = nextSwapStatus(action, status, actor, true);
      assert.ok(!result.ok && result.reason === 'wrong_status', `${action} from ${status}`);
    }
  }
});

test.run();
