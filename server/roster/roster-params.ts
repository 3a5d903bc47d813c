/** Validation of dates and date ranges in roster requests. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { domainError } from '../domain-error.js';

export const maxRosterDays = 62;

export const localDateSchema = z
  .string({ error: 'must be a date such as "2026-11-23"' })
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid, {
    message: 'must be a real date written YYYY-MM-DD',
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
