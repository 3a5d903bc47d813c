/** Pay periods: the server's rules, and the admin app's copy of them (it previews periods as settings are edited) giving the same answer. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { payPeriodOf as browserPayPeriodOf } from '../../admin/pay-periods.js';
import { addDays } from '../../server/roster/occurrences.js';
import { payPeriodKinds, payPeriodOf, payPeriodsBetween } from '../../server/timesheets/pay-periods.js';

test('each kind of period', () => {
  assert.deepEqual(payPeriodOf('2026-11-20', { payPeriod: 'weekly', payPeriodAnchor: '2024-01-01' }), { from: '2026-11-16', to: '2026-11-22' });
  assert.deepEqual(payPeriodOf('2026-11-20', { payPeriod: 'fortnightly', payPeriodAnchor: '2026-11-02' }), { from: '2026-11-16', to: '2026-11-29' });
  // Before the anchor too.
  assert.deepEqual(payPeriodOf('2026-11-01', { payPeriod: 'fortnightly', payPeriodAnchor: '2026-11-02' }), { from: '2026-10-19', to: '2026-11-01' });
  assert.deepEqual(payPeriodOf('2026-11-15', { payPeriod: 'semimonthly', payPeriodAnchor: '2024-01-01' }), { from: '2026-11-01', to: '2026-11-15' });
  assert.deepEqual(payPeriodOf('2026-02-16', { payPeriod: 'semimonthly', payPeriodAnchor: '2024-01-01' }), { from: '2026-02-16', to: '2026-02-28' });
  // Monthly from the 31st: the 28th in February, the 30th in April.
  const from31st = { payPeriod: 'monthly' as const, payPeriodAnchor: '2024-01-31' };
  assert.deepEqual(payPeriodOf('2026-03-01', from31st), { from: '2026-02-28', to: '2026-03-30' });
  assert.deepEqual(payPeriodOf('2026-04-29', from31st), { from: '2026-03-31', to: '2026-04-29' });
  assert.deepEqual(payPeriodOf('2026-04-30', from31st), { from: '2026-04-30', to: '2026-05-30' });
  assert.deepEqual(payPeriodsBetween('2026-11-01', '2026-12-31', { payPeriod: 'monthly', payPeriodAnchor: '2024-01-01' }), [
    { from: '2026-11-01', to: '2026-11-30' },
    { from: '2026-12-01', to: '2026-12-31' },
  ]);
});

test('periods tile the calendar: each date in exactly one, and the next starts the day after', () => {
  for (const payPeriod of payPeriodKinds) {
    for (const payPeriodAnchor of ['2024-01-01', '2026-11-02', '2025-01-31', '2024-02-29']) {
      const rules = { payPeriod, payPeriodAnchor };
      for (let date = '2025-12-01'; date <= '2027-03-01'; date = addDays(date, 1)) {
        const period = payPeriodOf(date, rules);
        assert.ok(period.from <= date && date <= period.to, `${payPeriod} ${payPeriodAnchor} ${date}: ${JSON.stringify(period)}`);
        assert.equal(payPeriodOf(addDays(period.to, 1), rules).from, addDays(period.to, 1));
      }
    }
  }
});

test('the admin app computes the same periods as the server', () => {
  for (const payPeriod of payPeriodKinds) {
    for (const payPeriodAnchor of ['2024-01-01', '2026-11-02', '2025-01-31', '2024-02-29', '2026-12-31']) {
      for (let date = '2025-11-01'; date <= '2027-02-28'; date = addDays(date, 3)) {
        assert.deepEqual(browserPayPeriodOf(date, { pay_period: payPeriod, pay_period_anchor: payPeriodAnchor }), payPeriodOf(date, { payPeriod, payPeriodAnchor }), `${payPeriod} ${payPeriodAnchor} ${date}`);
      }
    }
  }
});

test.run();
