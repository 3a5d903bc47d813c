/**
 * Where a shift occurrence stands, from its schedule, its punches and the
 * clock: the one definition behind the live board, the timesheet and the
 * board's future state changes, so browsers never recompute it.
 *
 * @example
 *   occurrenceOutcome({ startMillis, endMillis }, { checkIn: { status: 'late' } }, 60, now); // → { outcome: 'in_progress', late: true }
 */
import type { AttendanceStatus, OccurrenceState } from '../socket-contract.js';
import { windowBounds } from '../roster/windows.js';

export type Outcome =
  /** Nothing punched, check-in window not open yet. */
  | 'scheduled'
  /** Nothing punched, check-in window open. */
  | 'open'
  /** Nothing punched by the time the check-in window closed. */
  | 'missed'
  /** Checked in, check-out window still to close. */
  | 'in_progress'
  /** Checked in, and the check-out window closed without a check-out. */
  | 'missing_check_out'
  /** Checked in and out. */
  | 'complete'
  /** A check-out with no check-in: the punch is kept, no hours count until a manager adds the check-in. */
  | 'missing_check_in'
  /** A manager recorded an absence and nothing was punched. */
  | 'excused';

export type Punches = {
  checkIn?: { status: AttendanceStatus } | undefined;
  checkOut?: { status: AttendanceStatus } | undefined;
  /** A manager recorded an absence for the occurrence. */
  excused?: boolean;
};

export type ScheduledSpan = { startMillis: number; endMillis: number };

export function occurrenceOutcome(span: ScheduledSpan, punches: Punches, windowMinutes: number, now: Date): { outcome: Outcome; late: boolean } {
  const bounds = windowBounds(span.startMillis, span.endMillis, windowMinutes);
  const at = now.getTime();
  const late = punches.checkIn?.status === 'late';
  if (punches.checkIn) {
    if (punches.checkOut) return { outcome: 'complete', late };
    return { outcome: at > bounds.checkOut.closesAt ? 'missing_check_out' : 'in_progress', late };
  }
  if (punches.checkOut) return { outcome: 'missing_check_in', late };
  // An absence answers for an occurrence nobody punched, whatever the clock says.
  if (punches.excused) return { outcome: 'excused', late };
  if (at < bounds.checkIn.opensAt) return { outcome: 'scheduled', late };
  if (at <= bounds.checkIn.closesAt) return { outcome: 'open', late };
  return { outcome: 'missed', late };
}

/** The live board's word for an outcome. */
export function boardState(span: ScheduledSpan, punches: Punches, windowMinutes: number, now: Date): OccurrenceState {
  const { outcome, late } = occurrenceOutcome(span, punches, windowMinutes, now);
  switch (outcome) {
    case 'scheduled':
      return 'upcoming';
    case 'open':
    case 'missed':
    case 'missing_check_out':
    case 'missing_check_in':
    case 'excused':
      return outcome;
    case 'in_progress':
      return late ? 'late' : 'checked_in';
    case 'complete':
      return 'checked_out';
  }
}

/**
 * The board states still to come while nobody punches: evaluated just after
 * each window edge that lies ahead (a window includes its closing instant).
 */
export function upcomingBoardStates(span: ScheduledSpan, punches: Punches, windowMinutes: number, now: Date): { at: Date; state: OccurrenceState }[] {
  const bounds = windowBounds(span.startMillis, span.endMillis, windowMinutes);
  const edges = [bounds.checkIn.opensAt, bounds.checkIn.closesAt + 1, bounds.checkOut.opensAt, bounds.checkOut.closesAt + 1]
    .filter((edge) => edge > now.getTime())
    .sort((a, b) => a - b);
  const changes: { at: Date; state: OccurrenceState }[] = [];
  let previous = boardState(span, punches, windowMinutes, now);
  for (const edge of edges) {
    const at = new Date(edge);
    const state = boardState(span, punches, windowMinutes, at);
    if (state !== previous) changes.push({ at, state });
    previous = state;
  }
  return changes;
}
