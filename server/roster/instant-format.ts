/**
 * Instants written in the organisation's zone, fast: a month's roster, a
 * day's board or a month's timesheet write tens of thousands of instants,
 * and luxon's per-instant zone lookup was the cost (and its garbage). The
 * zone's offset is looked up once per quarter hour of time and reused for
 * every instant in it, unless the offset changes inside that quarter hour
 * (then luxon answers for that instant); the text is luxon's own form.
 *
 * @example
 *   const iso = createInstantFormatter('Europe/London');
 *   iso(Date.parse('2026-11-23T09:00:00Z')); // '2026-11-23T09:00:00.000+00:00'
 *   const local = createInstantFormatter('Europe/London', 'local-minute');
 *   local(Date.parse('2026-06-23T09:00:00Z')); // '2026-06-23 10:00'
 */
import { DateTime } from 'luxon';

export type InstantStyle = 'iso' | 'local-minute';

const quarterHour = 15 * 60_000;

type Bucket = { minutes: number; suffix: string } | null;

/** Per zone, per quarter hour: the offset in minutes and luxon's offset suffix, or null when the offset changes inside it. Kept between formatters: offsets do not change. */
const bucketsByZone = new Map<string, Map<number, Bucket>>();
const maxBucketsPerZone = 200_000; // about five years of quarter hours

export function createInstantFormatter(zone: string, style: InstantStyle = 'iso') {
  let buckets = bucketsByZone.get(zone);
  if (!buckets || buckets.size > maxBucketsPerZone) bucketsByZone.set(zone, (buckets = new Map()));
  const bucketOf = (millis: number) => {
    const key = Math.floor(millis / quarterHour);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      const start = DateTime.fromMillis(key * quarterHour, { zone });
      const end = DateTime.fromMillis((key + 1) * quarterHour - 1, { zone });
      // luxon writes "Z" for UTC itself and "+00:00" for a zone that is at zero: the suffix is taken from its own text.
      bucket = start.offset === end.offset ? { minutes: start.offset, suffix: start.toISO()!.slice(23) } : null;
      buckets.set(key, bucket);
    }
    return bucket;
  };
  // Shift times repeat thousands of times in a month: each distinct instant is written once per formatter.
  const written = new Map<number, string>();
  return (instant: number | Date): string => {
    const millis = typeof instant === 'number' ? instant : instant.getTime();
    let text = written.get(millis);
    if (text === undefined) {
      text = write(millis);
      written.set(millis, text);
    }
    return text;
  };

  function write(millis: number): string {
    const bucket = bucketOf(millis);
    if (!bucket) {
      const exact = DateTime.fromMillis(millis, { zone });
      return style === 'iso' ? exact.toISO()! : exact.toFormat('yyyy-MM-dd HH:mm');
    }
    // The wall-clock time, written as if it were UTC: yyyy-mm-ddThh:mm:ss.sssZ.
    const wall = new Date(millis + bucket.minutes * 60_000).toISOString();
    return style === 'iso' ? wall.slice(0, 23) + bucket.suffix : `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
  }
}

export type InstantFormatter = ReturnType<typeof createInstantFormatter>;
