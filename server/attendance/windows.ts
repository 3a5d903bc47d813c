/**
 * Which attendance action a moment allows, as plain functions over dated
 * occurrences: which windows are open, which one a capture goes to, whether
 * a check-in is late, and when the next window opens.
 */
import type { DateTime } from 'luxon';
import { occurrenceWindows, type Occurrence } from '../roster/occurrences.js';

export type AttendanceKind = 'check_in' | 'check_out';
export type AttendanceStatus = 'on_time' | 'late' | 'early';

export type OpenWindow = {
  kind: AttendanceKind;
  occurrence: Occurrence;
  opensAt: DateTime;
  closesAt: DateTime;
};

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

export type RecordedKind = { shiftId: number; date: string; kind: AttendanceKind };

const sameOccurrence = (window: OpenWindow, record: RecordedKind) =>
  record.shiftId === window.occurrence.shiftId && record.date === window.occurrence.date;

export type WindowChoice =
  | { action: 'record'; window: OpenWindow }
  | { action: 'repeat'; window: OpenWindow }
  | { action: 'none' };

/**
 * Where a capture at this moment goes when the client does not say. In order:
 * finish a shift already checked into; start a shift not yet checked into;
 * check out of a shift never checked into; otherwise a repeat of a record
 * already made inside a still-open window (returned, never duplicated).
 */
export function chooseWindow(open: readonly OpenWindow[], recorded: readonly RecordedKind[], kind?: AttendanceKind): WindowChoice {
  const candidates = kind ? open.filter((window) => window.kind === kind) : open;
  const isRecorded = (window: OpenWindow) => recorded.some((r) => sameOccurrence(window, r) && r.kind === window.kind);
  const checkedIn = (window: OpenWindow) => recorded.some((r) => sameOccurrence(window, r) && r.kind === 'check_in');
  const fresh = candidates.filter((window) => !isRecorded(window));
  const pick =
    fresh.find((window) => window.kind === 'check_out' && checkedIn(window)) ??
    fresh.find((window) => window.kind === 'check_in') ??
    fresh.find((window) => window.kind === 'check_out');
  if (pick) return { action: 'record', window: pick };
  const repeat = candidates.find(isRecorded);
  return repeat ? { action: 'repeat', window: repeat } : { action: 'none' };
}

/** Late after start + grace; leaving before the scheduled end is early. */
export function attendanceStatus(kind: AttendanceKind, at: Date, occurrence: Occurrence, lateGraceMinutes: number): AttendanceStatus {
  if (kind === 'check_in') {
    return at.getTime() > occurrence.start.plus({ minutes: lateGraceMinutes }).toMillis() ? 'late' : 'on_time';
  }
  return at.getTime() < occurrence.end.toMillis() ? 'early' : 'on_time';
}
