/**
 * Payroll minutes for worked shift occurrences (DESIGN.md, "Timesheets,
 * corrections and the ledger", Hours): worked time from the real instants
 * of the final check-in and check-out, rounded; an unpaid break; then daily
 * and weekly overtime, with no minute counted as overtime twice. Pure
 * functions, no clock and no storage, so the timesheet, its CSV and any
 * approval check all count the same minutes.
 *
 * @example
 *   const rules = { ...defaultHoursRules, breakMinutes: 30, breakAfterHours: 6, overtimeDailyHours: 8 };
 *   shiftMinutes(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-23T18:00:00Z'), rules);
 *   // → { workedMinutes: 540, breakMinutes: 30, paidMinutes: 510 }
 *   computeHours([{ key: '1:2026-11-23', date: '2026-11-23', checkIn, checkOut }], rules).get('1:2026-11-23');
 *   // → { workedMinutes: 540, breakMinutes: 30, regularMinutes: 480, overtimeMinutes: 30 }
 *   weekStartOf('2026-11-26', 1); // '2026-11-23' (the Monday before)
 */
import { DateTime } from 'luxon';
import type { HoursRules } from '../settings/pay-rules.js';

export { defaultHoursRules, roundingChoices, type HoursRules } from '../settings/pay-rules.js';

export type WorkedOccurrence = {
  key: string;
  /** YYYY-MM-DD, the local date the shift starts on: an overnight shift belongs to that date (and its week). */
  date: string;
  checkIn: Date;
  checkOut: Date;
};

export type OccurrenceHours = { workedMinutes: number; breakMinutes: number; regularMinutes: number; overtimeMinutes: number };

const millisPerMinute = 60_000;

/**
 * Hours settings are decimals (7.5 h); `7.1 * 60` is 426.00000000000006 in
 * floating point, which would make a fraction of a minute overtime.
 */
const hoursAsMinutes = (hours: number) => Math.round(hours * 60);

/**
 * Rounded once, from the exact elapsed milliseconds: rounding to whole
 * minutes first and then to the rule would round twice, and 2 min 30 s
 * would become 3 min and then 6 under 6-minute rounding instead of 0.
 */
function roundedWorkedMinutes(elapsedMillis: number, roundingMinutes: number): number {
  if (elapsedMillis <= 0) return 0;
  const unit = (roundingMinutes === 0 ? 1 : roundingMinutes) * millisPerMinute;
  // floor(x + ½) rather than Math.round, to say outright that halves go up.
  return Math.floor(elapsedMillis / unit + 0.5) * (unit / millisPerMinute);
}

/**
 * Worked (rounded), break and paid minutes of one occurrence, before
 * overtime. The break deducted is at most the worked time, so
 * worked − break = paid always holds.
 *
 * @example
 *   shiftMinutes(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-23T15:00:00Z'), { ...defaultHoursRules, breakMinutes: 30, breakAfterHours: 6 });
 *   // → { workedMinutes: 360, breakMinutes: 0, paidMinutes: 360 } (exactly 6 h is not more than 6 h)
 */
export function shiftMinutes(checkIn: Date, checkOut: Date, rules: HoursRules): { workedMinutes: number; breakMinutes: number; paidMinutes: number } {
  // Real elapsed time between two instants: a shift across a DST change is as long as it really was.
  const elapsedMillis = checkOut.getTime() - checkIn.getTime();
  if (Number.isNaN(elapsedMillis)) throw new RangeError('Invalid check-in or check-out time');
  const workedMinutes = roundedWorkedMinutes(elapsedMillis, rules.roundingMinutes);
  const breakApplies = rules.breakAfterHours !== null && workedMinutes > hoursAsMinutes(rules.breakAfterHours);
  const breakMinutes = breakApplies ? Math.min(Math.max(rules.breakMinutes, 0), workedMinutes) : 0;
  return { workedMinutes, breakMinutes, paidMinutes: workedMinutes - breakMinutes };
}

/**
 * Every occurrence's hours, keyed by `key`, in the order given. Daily
 * overtime first; then, per week (by the date each shift starts on), the
 * occurrences in check-in order add up their remaining regular minutes, and
 * whatever takes the week past the weekly limit becomes overtime. Daily
 * overtime never counts towards the weekly limit, so no minute is overtime
 * twice: five 10-hour days with 8 h daily and 40 h weekly limits are 10 h of
 * overtime, not 20.
 *
 * @example
 *   computeHours(fiveTenHourDays, { ...defaultHoursRules, overtimeDailyHours: 8, overtimeWeeklyHours: 40 });
 *   // → each: { workedMinutes: 600, breakMinutes: 0, regularMinutes: 480, overtimeMinutes: 120 }
 */
export function computeHours(occurrences: readonly WorkedOccurrence[], rules: HoursRules): Map<string, OccurrenceHours> {
  const dailyLimit = rules.overtimeDailyHours === null ? Infinity : hoursAsMinutes(rules.overtimeDailyHours);
  const weeklyLimit = rules.overtimeWeeklyHours === null ? Infinity : hoursAsMinutes(rules.overtimeWeeklyHours);

  const hours = new Map<string, OccurrenceHours>();
  for (const occurrence of occurrences) {
    // A repeated key would silently drop one occurrence's hours from the pay.
    if (hours.has(occurrence.key)) throw new Error(`Occurrence ${occurrence.key} is listed twice`);
    const { workedMinutes, breakMinutes, paidMinutes } = shiftMinutes(occurrence.checkIn, occurrence.checkOut, rules);
    const overtimeMinutes = Math.max(paidMinutes - dailyLimit, 0);
    hours.set(occurrence.key, { workedMinutes, breakMinutes, regularMinutes: paidMinutes - overtimeMinutes, overtimeMinutes });
  }
  if (weeklyLimit === Infinity) return hours;

  const weeks = new Map<string, WorkedOccurrence[]>();
  for (const occurrence of occurrences) {
    const week = weekStartOf(occurrence.date, rules.weekStartsOn);
    (weeks.get(week) ?? weeks.set(week, []).get(week)!).push(occurrence);
  }
  for (const inWeek of weeks.values()) {
    // Overtime falls on the shifts that came last; sort is stable, so equal check-ins keep the order given.
    const inOrder = [...inWeek].sort((a, b) => a.checkIn.getTime() - b.checkIn.getTime());
    let regularSoFar = 0;
    for (const occurrence of inOrder) {
      const entry = hours.get(occurrence.key)!;
      const overLimit = Math.min(Math.max(regularSoFar + entry.regularMinutes - weeklyLimit, 0), entry.regularMinutes);
      regularSoFar += entry.regularMinutes;
      entry.regularMinutes -= overLimit;
      entry.overtimeMinutes += overLimit;
    }
  }
  return hours;
}

/**
 * The first date (YYYY-MM-DD) of the week containing `date`, for weeks
 * starting on ISO weekday `weekStartsOn`. Plain calendar arithmetic in UTC:
 * the date is already local, and UTC has no DST to skip a day.
 *
 * @example
 *   weekStartOf('2026-11-29', 1); // '2026-11-23' (a Sunday, in the week from Monday)
 *   weekStartOf('2026-11-29', 7); // '2026-11-29' (a Sunday starts its own week)
 */
export function weekStartOf(date: string, weekStartsOn: number): string {
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 1 || weekStartsOn > 7) throw new RangeError(`Not an ISO weekday: ${weekStartsOn}`);
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const daysSinceStart = (day.weekday - weekStartsOn + 7) % 7;
  return day.minus({ days: daysSinceStart }).toISODate()!;
}
