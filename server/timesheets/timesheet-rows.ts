/**
 * Timesheet rows, as a plain function: one per shift occurrence in the
 * range, with its scheduled times, the check-in and check-out, a status and
 * the hours worked. Records whose occurrence is no longer on the schedule
 * (an archived shift) still get their row, from the times they were
 * checked against.
 */
import { occurrenceOutcome, type Outcome } from '../attendance/occurrence-state.js';
import { occurrenceKey, type EffectiveOccurrence } from '../roster/effective-schedule.js';
import { createInstantFormatter } from '../roster/instant-format.js';
import type { TimesheetRecord } from '../attendance/attendance.queries.js';

export type { TimesheetRecord } from '../attendance/attendance.queries.js';

export type TimesheetStatus = 'scheduled' | 'open' | 'in_progress' | 'on_time' | 'late' | 'missed' | 'no_check_out';

export type TimesheetRow = {
  staffId: number;
  staff: string;
  date: string;
  scheduledStart: string;
  scheduledEnd: string;
  checkIn: string;
  checkOut: string;
  status: TimesheetStatus;
  hours: string;
};

/** The timesheet's word for an outcome. A check-out without a check-in counts as missed: no hours without a start. */
function timesheetStatus(outcome: Outcome, late: boolean): TimesheetStatus {
  switch (outcome) {
    case 'complete':
      return late ? 'late' : 'on_time';
    case 'missing_check_out':
      return 'no_check_out';
    case 'missing_check_in':
      return 'missed';
    default:
      return outcome;
  }
}

type Slot = { staffId: number; date: string; start: Date; end: Date; checkIn?: TimesheetRecord; checkOut?: TimesheetRecord };

export function buildTimesheet(input: {
  occurrences: readonly EffectiveOccurrence[];
  records: readonly TimesheetRecord[];
  names: ReadonlyMap<number, string>;
  zone: string;
  windowMinutes: number;
  now: Date;
}): TimesheetRow[] {
  const { zone, now } = input;
  const formatLocal = createInstantFormatter(zone, (instant) => instant.toFormat('yyyy-MM-dd HH:mm'));
  const local = (instant: Date | undefined) => (instant ? formatLocal(instant) : '');
  const slots = new Map<string, Slot>();
  for (const o of input.occurrences) slots.set(occurrenceKey(o), { staffId: o.staffId, date: o.date, start: o.start.toJSDate(), end: o.end.toJSDate() });
  // Records are grouped in one pass: looking them up per occurrence made a two-month export quadratic.
  for (const r of input.records) {
    const key = occurrenceKey({ shiftId: r.shiftId, date: r.occurrenceDate });
    let slot = slots.get(key);
    if (!slot) {
      slot = { staffId: r.staffId, date: r.occurrenceDate, start: r.scheduledStart, end: r.scheduledEnd };
      slots.set(key, slot);
    }
    if (r.kind === 'check_in') slot.checkIn ??= r;
    else slot.checkOut ??= r;
  }
  const rows: TimesheetRow[] = [];
  for (const slot of slots.values()) {
    const { checkIn, checkOut } = slot;
    // Who checked in is who worked it, even if the schedule has since changed.
    const staffId = checkIn?.staffId ?? checkOut?.staffId ?? slot.staffId;
    const { outcome, late } = occurrenceOutcome({ startMillis: slot.start.getTime(), endMillis: slot.end.getTime() }, { checkIn, checkOut }, input.windowMinutes, now);
    rows.push({
      staffId,
      staff: input.names.get(staffId) ?? `Staff ${staffId}`,
      date: slot.date,
      scheduledStart: local(slot.start),
      scheduledEnd: local(slot.end),
      checkIn: local(checkIn?.at),
      checkOut: local(checkOut?.at),
      status: timesheetStatus(outcome, late),
      hours: checkIn && checkOut ? ((checkOut.at.getTime() - checkIn.at.getTime()) / 3_600_000).toFixed(2) : '',
    });
  }
  // One collator for the whole sort: `localeCompare` builds one per call.
  const byName = new Intl.Collator().compare;
  return rows.sort((a, b) => byName(a.staff, b.staff) || a.staffId - b.staffId || a.scheduledStart.localeCompare(b.scheduledStart));
}
