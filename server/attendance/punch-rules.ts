/**
 * Rules of a punch, as plain functions: which open window a capture goes
 * to, and whether a check-in is late or a check-out early.
 */
import type { AttendanceKind, AttendanceStatus } from '../socket-contract.js';
import type { Occurrence } from '../roster/occurrences.js';
import type { OpenWindow } from '../roster/windows.js';

export type { AttendanceKind, AttendanceStatus } from '../socket-contract.js';

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
