/**
 * The *Needs attention* queue, as a plain function of timesheet entries:
 * every occurrence a manager must look at before the hours can be paid,
 * with what is wrong. Approved occurrences are settled and left out, and so
 * are late arrivals and API check-ins a manager has accepted. A check-in
 * through the original API counts only where the site has a kiosk: there it
 * skipped the kiosk, while a site without one checks in that way every day.
 */
import type { TimesheetEntry } from './timesheet-rows.js';

export type ExceptionType = 'missed' | 'missing_check_out' | 'missing_check_in' | 'late' | 'api_check_in' | 'face_mismatch' | 'face_no_face';

export type TimesheetException = { type: ExceptionType; entry: TimesheetEntry; attendanceId?: number };

/**
 * `faceFlags`: punches the face check flagged (mismatch, no face) that no
 * manager has confirmed, by attendance id. Each stays until confirmed, or
 * until the punch it flags is voided or replaced.
 */
export function listExceptions(
  entries: readonly TimesheetEntry[],
  accepted: ReadonlySet<string>,
  site: { hasKiosk: boolean },
  faceFlags: ReadonlyMap<number, 'mismatch' | 'no_face'> = new Map(),
): TimesheetException[] {
  const found: TimesheetException[] = [];
  const acceptedHere = (entry: TimesheetEntry, type: ExceptionType) => accepted.has(`${entry.shiftId}@${entry.date}:${type}`);
  for (const entry of entries) {
    if (entry.approved) continue;
    if (entry.outcome === 'missed' || entry.outcome === 'missing_check_out' || entry.outcome === 'missing_check_in') found.push({ type: entry.outcome, entry });
    if (entry.late && !acceptedHere(entry, 'late')) found.push({ type: 'late', entry });
    if (site.hasKiosk && entry.checkIn?.final?.source === 'api' && !acceptedHere(entry, 'api_check_in')) found.push({ type: 'api_check_in', entry });
    for (const punch of [entry.checkIn?.final, entry.checkOut?.final]) {
      const flag = punch && faceFlags.get(punch.id);
      if (flag) found.push({ type: flag === 'mismatch' ? 'face_mismatch' : 'face_no_face', entry, attendanceId: punch.id });
    }
  }
  return found;
}
