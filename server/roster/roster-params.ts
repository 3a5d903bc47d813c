/**
 * Dates, instants and date ranges in requests: the one place they are
 * parsed. Every date or instant must fall in the years 2000 to 2100, so
 * nothing outside PostgreSQL's range (or JavaScript's: `+275760-09-13`)
 * reaches a query, and a typo such as `0202-01-01` is a 400, not an empty list.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { domainError } from '../domain-error.js';
import { formatTimeOfDay, parseTimeOfDay } from './time-of-day.js';

export const maxRosterDays = 62;

export const earliestYear = 2000;
export const latestYear = 2100;
const outsideYears = `must be in the years ${earliestYear} to ${latestYear}`;

const inAcceptedYears = (value: DateTime) => value.year >= earliestYear && value.year <= latestYear;

/** `YYYY-MM-DD` as a calendar date (no zone), or `undefined` if it is not one. */
function parseLocalDate(text: string): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = DateTime.fromISO(text, { zone: 'UTC' });
  return day.isValid ? day : undefined;
}

export const localDateSchema = z
  .string({ error: 'must be a date such as "2026-11-23"' })
  .superRefine((value, ctx) => {
    const day = parseLocalDate(value);
    if (!day) ctx.addIssue({ code: 'custom', message: 'must be a real date written YYYY-MM-DD' });
    else if (!inAcceptedYears(day)) ctx.addIssue({ code: 'custom', message: outsideYears });
  });

/** A local time of day, `HH:MM` or `HH:MM:SS`, as `HH:MM:SS`. */
export const timeSchema = z.string({ error: 'must be a time such as "09:00" or "09:00:00"' }).transform((value, ctx) => {
  const time = parseTimeOfDay(value);
  if (!time) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a time of day (use HH:MM or HH:MM:SS, 00:00 to 23:59)` });
    return z.NEVER;
  }
  return formatTimeOfDay(time);
});

/** A filter bound: a whole local day (`{ date }`), or an exact instant. */
export type DateOrInstant = { date: string } | { instant: Date };

/** `2026-11-23`, or an ISO 8601 instant such as `2026-11-23T09:00:00Z`; in the accepted years either way. */
export const dateOrInstantSchema = z.string({ error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant' }).transform((value, ctx): DateOrInstant => {
  const text = value.trim();
  const day = parseLocalDate(text);
  const instant = day ?? DateTime.fromISO(text, { setZone: true });
  if (!day && (!instant.isValid || !/T/.test(text))) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a date (YYYY-MM-DD) or an ISO 8601 instant` });
    return z.NEVER;
  }
  if (!inAcceptedYears(instant)) {
    ctx.addIssue({ code: 'custom', message: outsideYears });
    return z.NEVER;
  }
  return day ? { date: text } : { instant: instant.toJSDate() };
});

export function daysInRange(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days + 1;
}

/**
 * Refuses a range that runs backwards or spans more than `maxRosterDays`;
 * `tooLong` is the sentence for the latter ("Ask for at most 62 days at a time.").
 */
export function assertDateRange(from: string, to: string, tooLong: string): void {
  if (from > to) throw domainError.invalid('validation_failed', '"from" must not be after "to".', { from: ['must not be after "to"'] });
  if (daysInRange(from, to) > maxRosterDays) {
    throw domainError.invalid('validation_failed', tooLong, { to: [`must be at most ${maxRosterDays} days after "from"`] });
  }
}
