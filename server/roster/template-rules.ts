/**
 * Rules of the weekly template, as plain functions: one person's shifts never
 * overlap (a shift whose end is not after its start runs into the next day,
 * and that spill counts), and no shift starts on a weekly day off.
 */
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

function intervalsOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  // The week wraps (Sunday night runs into Monday), so compare b shifted a week either way.
  return [-week, 0, week].some((offset) => a.start < b.end + offset && b.start + offset < a.end);
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

export type RuleResult = { ok: true } | { ok: false; code: 'shift_overlap' | 'shift_on_weekly_off'; message: string };

export function checkTemplateShift(
  candidate: TemplateShift,
  existing: readonly TemplateShift[],
  weeklyOffs: readonly number[],
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
  return { ok: true };
}

/** Shifts that start on one of `weeklyOffs`: changing the days off to these would break the template. */
export function shiftsOnDays<T extends TemplateShift>(shifts: readonly T[], days: readonly Weekday[]): T[] {
  return shifts.filter((shift) => days.includes(shift.dayOfWeek as Weekday));
}
