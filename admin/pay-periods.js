// @ts-check
// Pay periods from the organisation's settings, as the server computes them
// (server/timesheets/pay-periods.ts): weekly and fortnightly periods repeat
// from the anchor, semimonthly ones run 1st–15th and 16th–end of month, and
// monthly ones start on the anchor's day of the month (or the month's last
// day when it is shorter). Calendar dates only: no time zone is involved.
import { addDays } from './format.js';

/**
 * @typedef {'weekly' | 'fortnightly' | 'semimonthly' | 'monthly'} PayPeriodKind
 * @typedef {{ pay_period?: PayPeriodKind, pay_period_anchor?: string }} PayPeriodRules
 * @typedef {{ from: string, to: string }} Period
 */

const parts = (/** @type {string} */ date) => date.split('-').map(Number);
const text = (/** @type {number} */ y, /** @type {number} */ m, /** @type {number} */ d) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const daysIn = (/** @type {number} */ y, /** @type {number} */ m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayNumber = (/** @type {string} */ date) => Date.UTC(parts(date)[0], parts(date)[1] - 1, parts(date)[2]) / 86_400_000;

/** The day a monthly period starts in month `m` of year `y`. */
const monthlyStart = (/** @type {number} */ y, /** @type {number} */ m, /** @type {number} */ anchorDay) => text(y, m, Math.min(anchorDay, daysIn(y, m)));

/**
 * The pay period `date` falls in.
 * @param {string} date YYYY-MM-DD
 * @param {PayPeriodRules} rules
 * @returns {Period}
 * @example
 *   payPeriodOf('2026-11-20', { pay_period: 'fortnightly', pay_period_anchor: '2026-11-02' }); // { from: '2026-11-16', to: '2026-11-29' }
 */
export function payPeriodOf(date, rules) {
  const kind = rules.pay_period ?? 'weekly';
  const anchor = rules.pay_period_anchor ?? '2024-01-01';
  const [y, m, d] = parts(date);
  if (kind === 'weekly' || kind === 'fortnightly') {
    const length = kind === 'weekly' ? 7 : 14;
    const offset = dayNumber(date) - dayNumber(anchor);
    const from = addDays(date, -(((offset % length) + length) % length));
    return { from, to: addDays(from, length - 1) };
  }
  if (kind === 'semimonthly') return d <= 15 ? { from: text(y, m, 1), to: text(y, m, 15) } : { from: text(y, m, 16), to: text(y, m, daysIn(y, m)) };
  const anchorDay = parts(anchor)[2];
  const thisMonth = monthlyStart(y, m, anchorDay);
  const from = date >= thisMonth ? thisMonth : monthlyStart(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1, anchorDay);
  const [fy, fm] = parts(from);
  const next = monthlyStart(fm === 12 ? fy + 1 : fy, fm === 12 ? 1 : fm + 1, anchorDay);
  return { from, to: addDays(next, -1) };
}

/** The period after `period`. @param {Period} period @param {PayPeriodRules} rules */
export const nextPeriod = (period, rules) => payPeriodOf(addDays(period.to, 1), rules);

/** The period before `period`. @param {Period} period @param {PayPeriodRules} rules */
export const previousPeriod = (period, rules) => payPeriodOf(addDays(period.from, -1), rules);

/** In words for a person: "weekly" → "Weekly". */
export const payPeriodLabels = {
  weekly: 'Weekly',
  fortnightly: 'Every two weeks',
  semimonthly: 'Twice a month (1st–15th and 16th–end)',
  monthly: 'Monthly',
};
