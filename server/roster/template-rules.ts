/**
 * Rules of the weekly template, as plain functions: one person's shifts never
 * overlap (a shift whose end is not after its start runs into the next day,
 * and that spill counts), and no shift starts on a weekly day off.
 */
import type { RuleVerdict } from '../domain-error.js';
import { parseTimeOfDay, secondsOfDay, shortTime } from './time-of-day.js';
import { weekdayName, type Weekday } from './weekdays.js';

export type TemplateShift = { id?: number; dayOfWeek: number; startTime: string; endTime: string };

const day = 24 * 3600;
const week = 7 * day;

/** The shift as [start, end) seconds from Monday 00:00; `end` may pass the end of the week. */
export function weeklyInterval(shift: TemplateShift): { start: number; end: number } {
  const start = (shift.dayOfWeek - 1) * day + secondsOfDay(parseTimeOfDay(shift.startTime)!);
  const endOfDay = secondsOfDay(parseTimeOfDay(shift.endTime)!);
  const startOfDay = start % day;
  const length = endOfDay > startOfDay ? endOfDay - startOfDay : endOfDay - startOfDay + day;
  return { start, end: start + length };
}

type Interval = { start: number; end: number };

/** Seconds between two intervals on the weekly circle; negative when they overlap. */
function gapBetween(a: Interval, b: Interval): number {
  // The week wraps (Sunday night runs into Monday), so compare b shifted a week either way.
  return Math.min(...[-week, 0, week].map((offset) => Math.max(b.start + offset - a.end, a.start - (b.end + offset))));
}

function intervalsOverlap(a: Interval, b: Interval): boolean {
  return gapBetween(a, b) < 0;
}

export function describeShift(shift: TemplateShift): string {
  return `${weekdayName(shift.dayOfWeek)} ${shortTime(shift.startTime)}–${shortTime(shift.endTime)}`;
}

/** The first of `existing` that `candidate` overlaps (ignoring the shift with the candidate's own id). */
export function findOverlappingShift<T extends TemplateShift>(existing: readonly T[], candidate: TemplateShift): T | undefined {
  const interval = weeklyInterval(candidate);
  return existing.find(
    (shift) => (candidate.id === undefined || shift.id !== candidate.id) && intervalsOverlap(interval, weeklyInterval(shift)),
  );
}

export type RuleResult = RuleVerdict<'shift_overlap' | 'shift_on_weekly_off' | 'rest_too_short'>;

export function checkTemplateShift(
  candidate: TemplateShift,
  existing: readonly TemplateShift[],
  weeklyOffs: readonly number[],
  minRestHours = 0,
): RuleResult {
  if (weeklyOffs.includes(candidate.dayOfWeek)) {
    return {
      ok: false,
      code: 'shift_on_weekly_off',
      message: `${weekdayName(candidate.dayOfWeek)} is a weekly day off for this staff member, so no shift can start on it.`,
    };
  }
  const clash = findOverlappingShift(existing, candidate);
  if (clash) {
    return {
      ok: false,
      code: 'shift_overlap',
      message: `The shift ${describeShift(candidate)} overlaps the existing shift ${describeShift(clash)}.`,
    };
  }
  if (minRestHours > 0) {
    const interval = weeklyInterval(candidate);
    const tooClose = existing.find(
      (shift) => (candidate.id === undefined || shift.id !== candidate.id) && gapBetween(interval, weeklyInterval(shift)) < minRestHours * 3600,
    );
    if (tooClose) {
      return {
        ok: false,
        code: 'rest_too_short',
        message: `The shift ${describeShift(candidate)} leaves less than the minimum rest of ${minRestHours} hours after or before ${describeShift(tooClose)}.`,
      };
    }
  }
  return { ok: true };
}

/** Shifts that start on one of `weeklyOffs`: changing the days off to these would break the template. */
export function shiftsOnDays<T extends TemplateShift>(shifts: readonly T[], days: readonly Weekday[]): T[] {
  return shifts.filter((shift) => days.includes(shift.dayOfWeek as Weekday));
}
