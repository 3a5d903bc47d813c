/**
 * The effective schedule: template occurrences with the dated overrides
 * applied (a swap or a manager moved an occurrence to someone else, or
 * cancelled it for that date). An occurrence keeps its identity (shift,
 * date) whoever works it.
 */
import type { Occurrence } from './occurrences.js';

export type OccurrenceOverride = {
  shiftId: number;
  date: string;
  assigneeStaffId: number | null;
  cancelled: boolean;
  swapId: number | null;
};

export type EffectiveOccurrence = Occurrence & {
  /** The template's owner of the shift, who may not be the one working it on this date. */
  templateStaffId: number;
  /** The swap that moved this occurrence, if one did. */
  swapId: number | null;
  reassigned: boolean;
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
    effective.push({
      shiftId: occurrence.shiftId,
      staffId: assignee,
      date: occurrence.date,
      startTime: occurrence.startTime,
      endTime: occurrence.endTime,
      start: occurrence.start,
      end: occurrence.end,
      templateStaffId: occurrence.staffId,
      swapId: override?.swapId ?? null,
      reassigned: assignee !== occurrence.staffId,
    });
  }
  return effective;
}
