/**
 * Instants written in the organisation's zone, each formatted once: a
 * month's roster, a day's board or a two-month timesheet repeat the same few
 * hundred shift times thousands of times, and luxon formatting is the cost.
 *
 * @example
 *   const iso = createInstantFormatter('Europe/London');
 *   iso(Date.parse('2026-11-23T09:00:00Z')); // '2026-11-23T09:00:00.000+00:00'
 *   const local = createInstantFormatter('Europe/London', (t) => t.toFormat('yyyy-MM-dd HH:mm'));
 */
import { DateTime } from 'luxon';

export function createInstantFormatter(zone: string, write: (instant: DateTime) => string = (instant) => instant.toISO()!) {
  const cache = new Map<number, string>();
  return (instant: number | Date): string => {
    const millis = typeof instant === 'number' ? instant : instant.getTime();
    let text = cache.get(millis);
    if (text === undefined) {
      text = write(DateTime.fromMillis(millis, { zone }));
      cache.set(millis, text);
    }
    return text;
  };
}

export type InstantFormatter = ReturnType<typeof createInstantFormatter>;
