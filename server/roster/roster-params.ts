/** Validation of dates and date ranges in roster requests. */
import { DateTime } from 'luxon';
import { z } from 'zod';

export const maxRosterDays = 62;

export const localDateSchema = z
  .string({ error: 'must be a date such as "2026-11-23"' })
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid, {
    message: 'must be a real date written YYYY-MM-DD',
  });

export function daysInRange(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days + 1;
}
