/**
 * Timesheet rows, as a plain function: one per shift occurrence in the
 * range, with its scheduled times, the check-in and check-out, a status and
 * the hours worked. Records whose occurrence is no longer on the schedule
 * (an archived shift) still get their row, from the times they were
 * checked against.
 */
import { DateTime } from 'luxon';
import { occurrenceKey, type EffectiveOccurrence } from '../roster/effective-schedule.js';
import { windowBounds } from '../roster/occurrences.js';

export type TimesheetRecord = { shiftId: number; occurrenceDate: string; staffId: number; kind: 'check_in' | 'check_out'; at: Date; status: string; scheduledStart: Date; scheduledEnd: Date };

export type TimesheetRow = {
  staffId: number;
  staff: string;
  date: string;
  scheduledStart: string;
  scheduledEnd: string;
  checkIn: string;
  checkOut: string;
  status: 'scheduled' | 'open' | 'in_progress' | 'on_time' | 'late' | 'missed' | 'no_check_out';
  hours: string;
};

export function buildTimesheet(input: {
  occurrences: readonly EffectiveOccurrence[];
  records: readonly TimesheetRecord[];
  names: ReadonlyMap<number, string>;
  zone: string;
  windowMinutes: number;
  now: Date;
}): TimesheetRow[] {
  const { zone, now } = input;
  const local = (instant: Date | undefined) => (instant ? DateTime.fromJSDate(instant).setZone(zone).toFormat('yyyy-MM-dd HH:mm') : '');
  const byKey = new Map<string, { staffId: number; date: string; start: Date; end: Date }>();
  for (const o of input.occurrences) byKey.set(occurrenceKey(o), { staffId: o.staffId, date: o.date, start: o.start.toJSDate(), end: o.end.toJSDate() });
  for (const r of input.records) {
    const key = occurrenceKey({ shiftId: r.shiftId, date: r.occurrenceDate });
    if (!byKey.has(key)) byKey.set(key, { staffId: r.staffId, date: r.occurrenceDate, start: r.scheduledStart, end: r.scheduledEnd });
  }
  const rows: TimesheetRow[] = [];
  for (const [key, occurrence] of byKey) {
    const mine = input.records.filter((r) => occurrenceKey({ shiftId: r.shiftId, date: r.occurrenceDate }) === key);
    const checkIn = mine.find((r) => r.kind === 'check_in');
    const checkOut = mine.find((r) => r.kind === 'check_out');
    // Who checked in is who worked it, even if the schedule has since changed.
    const staffId = checkIn?.staffId ?? checkOut?.staffId ?? occurrence.staffId;
    const bounds = windowBounds(occurrence.start.getTime(), occurrence.end.getTime(), input.windowMinutes);
    const at = now.getTime();
    let status: TimesheetRow['status'];
    if (checkIn) {
      if (!checkOut && at > bounds.checkOut.closesAt) status = 'no_check_out';
      else if (!checkOut) status = 'in_progress';
      else status = checkIn.status === 'late' ? 'late' : 'on_time';
    } else if (at < bounds.checkIn.opensAt) status = 'scheduled';
    else if (at <= bounds.checkIn.closesAt) status = 'open';
    else status = 'missed';
    const hours = checkIn && checkOut ? ((checkOut.at.getTime() - checkIn.at.getTime()) / 3_600_000).toFixed(2) : '';
    rows.push({
      staffId,
      staff: input.names.get(staffId) ?? `Staff ${staffId}`,
      date: occurrence.date,
      scheduledStart: local(occurrence.start),
      scheduledEnd: local(occurrence.end),
      checkIn: local(checkIn?.at),
      checkOut: local(checkOut?.at),
      status,
      hours,
    });
  }
  return rows.sort((a, b) => a.staff.localeCompare(b.staff) || a.staffId - b.staffId || a.scheduledStart.localeCompare(b.scheduledStart));
}
