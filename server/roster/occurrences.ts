/**
 * From the weekly template to dated shift occurrences with real instants, in
 * the organisation's time zone. Every instant the product computes (roster,
 * check-in windows, lateness) comes from `localInstant` here, so DST is
 * handled in one place: a local time that does not exist moves forward by
 * the gap, an ambiguous one takes the earlier instant.
 */
import { DateTime } from 'luxon';
import { endsNextDay, parseTimeOfDay, secondsOfDay } from './time-of-day.js';
import type { TemplateShift } from './template-rules.js';

export type Occurrence = {
  shiftId: number;
  staffId: number;
  /** The local date (YYYY-MM-DD) the shift starts on. */
  date: string;
  startTime: string;
  endTime: string;
  start: DateTime;
  end: DateTime;
};

/** A shift (or one version of it) with the dates it runs, inclusive; without them, every date. */
export type DatedShift = TemplateShift & { id: number; staffId: number; validFrom?: string; validTo?: string | null };

const runsOn = (shift: DatedShift, date: string) => (shift.validFrom === undefined || shift.validFrom <= date) && (shift.validTo == null || shift.validTo >= date);

/** The instant of a local date and time of day in `zone`. */
export function localInstant(date: string, timeOfDay: string, zone: string): DateTime {
  const time = parseTimeOfDay(timeOfDay);
  const day = DateTime.fromISO(date, { zone });
  if (!time || !day.isValid) throw new RangeError(`Not a local date and time: ${date} ${timeOfDay}`);
  // Luxon already moves a nonexistent time forward; for an ambiguous one it
  // picks the later offset, so take the earliest of the possible instants.
  const candidates = day.set(time).getPossibleOffsets();
  return candidates.reduce((earliest, candidate) => (candidate < earliest ? candidate : earliest));
}

/** Instants already worked out, by zone, date and time: a zone's rules do not change while the process runs. */
const knownInstants = new Map<string, DateTime>();
const maxKnownInstants = 50_000; // a year of a few hundred distinct shift times

/** `localInstant`, remembered: asking the zone for an offset is most of its cost (a month's roster asks a few hundred times). */
function knownLocalInstant(date: string, timeOfDay: string, zone: string): DateTime {
  const key = `${zone} ${date} ${timeOfDay}`;
  let found = knownInstants.get(key);
  if (!found) {
    if (knownInstants.size >= maxKnownInstants) knownInstants.clear();
    knownInstants.set(key, (found = localInstant(date, timeOfDay, zone)));
  }
  return found;
}

/** Start and end of one occurrence; the end is on the next day when it is not after the start. */
export function occurrenceOf(shift: DatedShift, date: string, zone: string): Occurrence {
  return listOccurrences([{ ...shift, dayOfWeek: weekdayOf(date), validFrom: undefined, validTo: undefined }], date, date, zone)[0]!;
}

/** Every local date from `from` to `to` inclusive, as YYYY-MM-DD. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  let cursor = DateTime.fromISO(from, { zone: 'UTC' });
  const last = DateTime.fromISO(to, { zone: 'UTC' });
  while (cursor <= last) {
    dates.push(cursor.toISODate()!);
    cursor = cursor.plus({ days: 1 });
  }
  return dates;
}

/** The local date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** The weekday (1 = Monday) of a local date. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/**
 * The template's occurrences that start on the local dates `from`…`to`, in
 * start order. Many people share the same shift times, so each distinct
 * (date, time) is resolved to an instant once.
 */
export function listOccurrences(shifts: readonly DatedShift[], from: string, to: string, zone: string): Occurrence[] {
  // Per date, per time of day: a month for a thousand people has some 25,000 occurrences but a few hundred instants.
  const instantsByDate = new Map<string, Map<string, DateTime>>();
  const instant = (date: string, time: string) => {
    let onDate = instantsByDate.get(date);
    if (!onDate) instantsByDate.set(date, (onDate = new Map()));
    let found = onDate.get(time);
    if (!found) onDate.set(time, (found = knownLocalInstant(date, time, zone)));
    return found;
  };
  const overnightByTimes = new Map<string, boolean>();
  const overnight = (shift: DatedShift) => {
    const key = `${shift.startTime}-${shift.endTime}`;
    let found = overnightByTimes.get(key);
    if (found === undefined) overnightByTimes.set(key, (found = endsNextDay(shift.startTime, shift.endTime)));
    return found;
  };
  const startSeconds = new Map<string, number>();
  const secondsOf = (time: string) => {
    let found = startSeconds.get(time);
    if (found === undefined) startSeconds.set(time, (found = secondsOfDay(parseTimeOfDay(time)!)));
    return found;
  };
  const byWeekday = new Map<number, { shift: DatedShift; overnight: boolean; seconds: number }[]>();
  for (const shift of shifts) {
    const list = byWeekday.get(shift.dayOfWeek) ?? [];
    list.push({ shift, overnight: overnight(shift), seconds: secondsOf(shift.startTime) });
    byWeekday.set(shift.dayOfWeek, list);
  }
  // In the order of their times of day: on most dates that is already the order of their instants.
  for (const list of byWeekday.values()) list.sort((a, b) => a.seconds - b.seconds || a.shift.id - b.shift.id);
  const occurrences: Occurrence[] = [];
  const startMillis: number[] = [];
  for (const date of datesBetween(from, to)) {
    const nextDate = addDays(date, 1);
    for (const { shift, overnight } of byWeekday.get(weekdayOf(date)) ?? []) {
      if (!runsOn(shift, date)) continue;
      const start = instant(date, shift.startTime);
      occurrences.push({
        shiftId: shift.id,
        staffId: shift.staffId,
        date,
        startTime: shift.startTime,
        endTime: shift.endTime,
        start,
        end: instant(overnight ? nextDate : date, shift.endTime),
      });
      startMillis.push(start.toMillis());
    }
  }
  const inOrder = (a: number, b: number) => startMillis[a]! - startMillis[b]! || occurrences[a]!.shiftId - occurrences[b]!.shiftId;
  let sorted = true;
  for (let i = 1; i < occurrences.length && sorted; i++) sorted = inOrder(i - 1, i) <= 0;
  if (sorted) return occurrences;
  // A DST gap moved some start later than a later time of day (or past midnight): sorted by index, so each comparison reads two numbers.
  const order = occurrences.map((_, i) => i);
  order.sort(inOrder);
  return order.map((i) => occurrences[i]!);
}
