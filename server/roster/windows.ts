/**
 * Check-in and check-out windows, as plain functions over dated
 * occurrences: their bounds, which are open at a moment, and which opens
 * next. The roster shows them, the kiosk and the API record against them.
 */
import { DateTime } from 'luxon';
import type { AttendanceKind } from '../socket-contract.js';
import type { Occurrence } from './occurrences.js';

export type Window = { opensAt: DateTime; closesAt: DateTime };

export type OpenWindow = {
  kind: AttendanceKind;
  occurrence: Occurrence;
  opensAt: DateTime;
  closesAt: DateTime;
};

export type WindowBounds = { checkIn: { opensAt: number; closesAt: number }; checkOut: { opensAt: number; closesAt: number } };

/**
 * Check-in opens `windowMinutes` before the start and closes as long after;
 * check-out likewise around the end. In epoch milliseconds: windows are
 * fixed durations around instants, whatever the wall clock does meanwhile.
 */
export function windowBounds(startMillis: number, endMillis: number, windowMinutes: number): WindowBounds {
  const span = windowMinutes * 60_000;
  return {
    checkIn: { opensAt: startMillis - span, closesAt: startMillis + span },
    checkOut: { opensAt: endMillis - span, closesAt: endMillis + span },
  };
}

/** `windowBounds` of an occurrence, as instants in the occurrence's zone. */
export function occurrenceWindows(occurrence: Occurrence, windowMinutes: number): { checkIn: Window; checkOut: Window } {
  const bounds = windowBounds(occurrence.start.toMillis(), occurrence.end.toMillis(), windowMinutes);
  const at = (millis: number) => DateTime.fromMillis(millis, { zone: occurrence.start.zone });
  return {
    checkIn: { opensAt: at(bounds.checkIn.opensAt), closesAt: at(bounds.checkIn.closesAt) },
    checkOut: { opensAt: at(bounds.checkOut.opensAt), closesAt: at(bounds.checkOut.closesAt) },
  };
}

/** The local dates in `zone` whose occurrences could have a window open at any instant from `from` to `to`. */
export function candidateDates(from: DateTime, to: DateTime, zone: string): { from: string; to: string } {
  // A shift lasts at most 24 hours and a window reaches at most 3 hours past it.
  return {
    from: from.setZone(zone).minus({ days: 2 }).toISODate()!,
    to: to.setZone(zone).plus({ days: 1 }).toISODate()!,
  };
}

/** Every window of `occurrences`, in the order they open. */
export function allWindows(occurrences: readonly Occurrence[], windowMinutes: number): OpenWindow[] {
  return occurrences
    .flatMap((occurrence) => {
      const { checkIn, checkOut } = occurrenceWindows(occurrence, windowMinutes);
      return [
        { kind: 'check_in' as const, occurrence, ...checkIn },
        { kind: 'check_out' as const, occurrence, ...checkOut },
      ];
    })
    .sort((a, b) => a.opensAt.toMillis() - b.opensAt.toMillis());
}

/** Windows open at `now`: from `opensAt` inclusive to `closesAt` inclusive. */
export function openWindowsAt(occurrences: readonly Occurrence[], windowMinutes: number, now: Date): OpenWindow[] {
  const at = now.getTime();
  return allWindows(occurrences, windowMinutes).filter(
    (window) => window.opensAt.toMillis() <= at && at <= window.closesAt.toMillis(),
  );
}

/** The first window that opens after `now`, if any. */
export function nextWindowAfter(occurrences: readonly Occurrence[], windowMinutes: number, now: Date): OpenWindow | undefined {
  return allWindows(occurrences, windowMinutes).find((window) => window.opensAt.toMillis() > now.getTime());
}
