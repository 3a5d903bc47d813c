/**
 * Rules of the dated schedule, as plain functions: when occurrences move to
 * a person (a swap, a manager's reassignment), that person must not end up
 * with overlapping shifts, a shift on a weekly day off, or less rest between
 * shifts than the organisation's minimum.
 */
import type { Occurrence } from './occurrences.js';
import { occurrenceKey } from './effective-schedule.js';
import { shortTime } from './time-of-day.js';
import type { RuleResult } from './template-rules.js';
import { weekdayName } from './weekdays.js';
import { weekdayOf } from './occurrences.js';

export type Person = { staffId: number; name: string; weeklyOffs: readonly number[] };

export function describeOccurrence(occurrence: Pick<Occurrence, 'date' | 'startTime' | 'endTime' | 'start'>): string {
  return `${occurrence.start.toFormat('cccc d LLLL')} ${shortTime(occurrence.startTime)}–${shortTime(occurrence.endTime)}`;
}

/**
 * Checks `person`'s schedule after they give away `leaving` and take `arriving`.
 * `schedule` must hold every occurrence they work near the arriving ones
 * (a day either side is enough: a shift lasts at most 24 hours).
 */
export function checkScheduleChange(input: {
  person: Person;
  schedule: readonly Occurrence[];
  leaving: readonly { shiftId: number; date: string }[];
  arriving: readonly Occurrence[];
  minRestHours: number;
}): RuleResult {
  const { person, arriving } = input;
  for (const occurrence of arriving) {
    if (person.weeklyOffs.includes(weekdayOf(occurrence.date))) {
      return {
        ok: false,
        code: 'shift_on_weekly_off',
        message: `${person.name} has ${weekdayName(weekdayOf(occurrence.date))} off every week, so cannot take the shift on ${describeOccurrence(occurrence)}.`,
      };
    }
  }
  const leavingKeys = new Set(input.leaving.map(occurrenceKey));
  const arrivingKeys = new Set(arriving.map(occurrenceKey));
  const after = [...input.schedule.filter((o) => !leavingKeys.has(occurrenceKey(o)) && !arrivingKeys.has(occurrenceKey(o))), ...arriving];
  const restMs = input.minRestHours * 3600_000;
  for (const incoming of arriving) {
    for (const other of after) {
      if (occurrenceKey(other) === occurrenceKey(incoming)) continue;
      const gap = Math.max(other.start.toMillis() - incoming.end.toMillis(), incoming.start.toMillis() - other.end.toMillis());
      if (gap < 0) {
        return {
          ok: false,
          code: 'shift_overlap',
          message: `${person.name} would work ${describeOccurrence(incoming)} and ${describeOccurrence(other)}, which overlap.`,
        };
      }
      if (gap < restMs) {
        return {
          ok: false,
          code: 'rest_too_short',
          message: `${person.name} would have only ${(gap / 3600_000).toFixed(1).replace(/\.0$/, '')} hours of rest between ${describeOccurrence(incoming)} and ${describeOccurrence(other)}; the minimum is ${input.minRestHours} hours.`,
        };
      }
    }
  }
  return { ok: true };
}
