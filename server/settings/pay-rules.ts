/**
 * The organisation's hours and pay-period rules: their choices and
 * defaults (no rounding, no break rule, no overtime thresholds until a
 * manager sets them). Settings store them; the timesheet applies them.
 */

export const roundingChoices = [0, 5, 6, 10, 15] as const;

export type HoursRules = {
  /** Worked time is rounded to the nearest multiple of this; 0 = exact minutes. */
  roundingMinutes: (typeof roundingChoices)[number];
  /** Unpaid break deducted … */
  breakMinutes: number;
  /** … when worked time (after rounding) is more than this many hours; null = no break rule. */
  breakAfterHours: number | null;
  /** Overtime = paid time over this in one shift occurrence; null = none. */
  overtimeDailyHours: number | null;
  /** Overtime = paid time over this in one week; null = none. */
  overtimeWeeklyHours: number | null;
  /** ISO weekday the week starts on: 1 = Monday … 7 = Sunday. */
  weekStartsOn: number;
};

export const defaultHoursRules: HoursRules = {
  roundingMinutes: 0,
  breakMinutes: 0,
  breakAfterHours: null,
  overtimeDailyHours: null,
  overtimeWeeklyHours: null,
  weekStartsOn: 1,
};

export const payPeriodKinds = ['weekly', 'fortnightly', 'semimonthly', 'monthly'] as const;
export type PayPeriodKind = (typeof payPeriodKinds)[number];
export type PayPeriodRules = { payPeriod: PayPeriodKind; payPeriodAnchor: string };
