/**
 * Pay periods as plain functions: the period a date falls in, from the
 * organisation's `pay_period` and `pay_period_anchor` (the first day of any
 * one period; weekly and fortnightly periods repeat from it, semimonthly ones
 * run 1st–15th and 16th–end of month, monthly ones start on the anchor's day
 * of the month, or the month's last day when it is shorter).
 *
 * @example
 *   payPeriodOf('2026-11-20', { payPeriod: 'fortnightly', payPeriodAnchor: '2026-11-02' }); // → { from: '2026-11-16', to: '2026-11-29' }
 */
import { DateTime } from 'luxon';
import type { PayPeriodRules } from '../settings/pay-rules.js';

export { payPeriodKinds, type PayPeriodKind, type PayPeriodRules } from '../settings/pay-rules.js';
export type DateRange = { from: string; to: string };

const day = (date: string) => DateTime.fromISO(date, { zone: 'UTC' });
const text = (date: DateTime) => date.toISODate()!;

/** The day a monthly period starts in `month`: the anchor's day, or the month's last day when it is shorter. */
const monthlyStartIn = (month: DateTime, anchorDay: number) => month.startOf('month').set({ day: Math.min(anchorDay, month.daysInMonth!) });

export function payPeriodOf(date: string, rules: PayPeriodRules): DateRange {
  const at = day(date);
  switch (rules.payPeriod) {
    case 'weekly':
    case 'fortnightly': {
      const length = rules.payPeriod === 'weekly' ? 7 : 14;
      const offset = Math.floor(at.diff(day(rules.payPeriodAnchor), 'days').days);
      const start = at.minus({ days: ((offset % length) + length) % length });
      return { from: text(start), to: text(start.plus({ days: length - 1 })) };
    }
    case 'semimonthly':
      return at.day <= 15
        ? { from: text(at.set({ day: 1 })), to: text(at.set({ day: 15 })) }
        : { from: text(at.set({ day: 16 })), to: text(at.endOf('month')) };
    case 'monthly': {
      const anchorDay = day(rules.payPeriodAnchor).day;
      const thisMonth = monthlyStartIn(at, anchorDay);
      const start = at >= thisMonth ? thisMonth : monthlyStartIn(at.minus({ months: 1 }), anchorDay);
      const next = monthlyStartIn(start.plus({ months: 1 }), anchorDay);
      return { from: text(start), to: text(next.minus({ days: 1 })) };
    }
  }
}

/** The periods covering `from`…`to`, in order. */
export function payPeriodsBetween(from: string, to: string, rules: PayPeriodRules): DateRange[] {
  const periods: DateRange[] = [];
  for (let date = from; date <= to; ) {
    const period = payPeriodOf(date, rules);
    periods.push(period);
    date = text(day(period.to).plus({ days: 1 }));
  }
  return periods;
}
