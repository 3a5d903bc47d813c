/**
 * The effective schedule: template occurrences with the dated overrides
 * applied (a swap or a manager moved an occurrence to someone else, or
 * cancelled it for that date). An occurrence keeps its identity (shift,
 * date) whoever works it.
 */
import { addDays, localInstant, type Occurrence } from './occurrences.js';
import { endsNextDay } from './time-of-day.js';

export type OccurrenceOverride = {
  shiftId: number;
  date: string;
  assigneeStaffId: number | null;
  cancelled: boolean;
  /** Other times for that date only (both or neither); null: the template's. */
  startTime?: string | null;
  endTime?: string | null;
  swapId: number | null;
};

export type EffectiveOccurrence = Occurrence & {
  /** The template's owner of the shift, who may not be the one working it on this date. */
  templateStaffId: number;
  /** The swap that moved this occurrence, if one did. */
  swapId: number | null;
  reassigned: boolean;
  /** The times differ from the template's on this date only. */
  retimed: boolean;
};

export const occurrenceKey = (o: { shiftId: number; date: string }) => `${o.shiftId}@${o.date}`;

export function applyOverrides(occurrences: readonly Occurrence[], overrides: readonly OccurrenceOverride[]): EffectiveOccurrence[] {
  const byKey = new Map(overrides.map((override) => [occurrenceKey(override), override]));
  const effective: EffectiveOccurrence[] = [];
  for (const occurrence of occurrences) {
    // A month's roster has tens of thousands of occurrences and few overrides: skip the key for most.
    const override = byKey.size === 0 ? undefined : byKey.get(occurrenceKey(occurrence));
    if (override?.cancelled) continue;
    const assignee = override?.assigneeStaffId ?? occurrence.staffId;
    const times = override?.startTime && override.endTime ? retime(occurrence, override.startTime, override.endTime) : undefined;
    effective.push({
      shiftId: occurrence.shiftId,
      staffId: assignee,
      date: occurrence.date,
      startTime: occurrence.startTime,
      endTime: occurrence.endTime,
      start: occurrence.start,
      end: occurrence.end,
      ...times,
      templateStaffId: occurrence.staffId,
      swapId: override?.swapId ?? null,
      reassigned: assignee !== occurrence.staffId,
      retimed: times !== undefined,
    });
  }
  return effective;
}

/** The occurrence's date with other times of day, as instants in the occurrence's zone. */
export function retime(occurrence: Pick<Occurrence, 'date' | 'start'>, startTime: string, endTime: string): Pick<Occurrence, 'startTime' | 'endTime' | 'start' | 'end'> {
  const zone = occurrence.start.zoneName!;
  const endDate = endsNextDay(startTime, endTime) ? addDays(occurrence.date, 1) : occurrence.date;
  return { startTime, endTime, start: localInstant(occurrence.date, startTime, zone), end: localInstant(endDate, endTime, zone) };
}
