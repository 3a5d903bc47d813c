/**
 * Recording a check-in or check-out: the one code path shared by the
 * original `POST /api/attendance/` and the kiosk's `capture`. It finds the
 * staff member's open windows, refuses outside them, returns the existing
 * record for a repeat, and otherwise stores the photo and then the row.
 */
import { DateTime } from 'luxon';
import { checkPhotoBytes, processPhoto } from '../../storage/photo-processing.js';
import { isStaffActive } from '../staff/staff.queries.js';
import type { AppDeps } from '../http/app-env.js';
import { candidateDates } from '../roster/occurrences.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { shortTime } from '../roster/time-of-day.js';
import { getSettings, type OrgSettings } from '../settings/settings.queries.js';
import { announceAttendance } from './announce-attendance.js';
import { findRecord, findRecordsForOccurrences, insertRecordWithPhoto, type AttendanceRecord } from './attendance.queries.js';
import {
  attendanceStatus,
  chooseWindow,
  nextWindowAfter,
  openWindowsAt,
  type AttendanceKind,
  type OpenWindow,
} from './windows.js';

export type StaffWindows = {
  settings: OrgSettings;
  open: OpenWindow[];
  recorded: AttendanceRecord[];
  /** The next window to open, when none is open now (looked for up to a week ahead). */
  next: OpenWindow | undefined;
};

const lookAheadDays = 8;

/** The staff member's windows around `now`, from the effective schedule. */
export async function findStaffWindows(deps: AppDeps, staffId: number, now: Date): Promise<StaffWindows> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const instant = DateTime.fromJSDate(now);
  const range = candidateDates(instant, instant.plus({ days: lookAheadDays }), settings.timezone);
  const occurrences = await loadEffectiveOccurrences(deps.db, { ...range, zone: settings.timezone, staffIds: [staffId] });
  const open = openWindowsAt(occurrences, settings.windowMinutes, now);
  const recorded = await findRecordsForOccurrences(
    deps.db,
    open.map((window) => ({ shiftId: window.occurrence.shiftId, date: window.occurrence.date })),
  );
  const next = open.length === 0 ? nextWindowAfter(occurrences, settings.windowMinutes, now) : undefined;
  return { settings, open, recorded, next };
}

export function kindLabel(kind: AttendanceKind): string {
  return kind === 'check_in' ? 'check-in' : 'check-out';
}

/** "on Tuesday 25 November at 08:00 (check-in for the 09:00–17:00 shift)" */
export function describeWindowOpening(window: OpenWindow, zone: string): string {
  const opens = window.opensAt.setZone(zone);
  const { startTime, endTime } = window.occurrence;
  return `${opens.toFormat("cccc d LLLL 'at' HH:mm")} (${kindLabel(window.kind)} for the ${shortTime(startTime)}–${shortTime(endTime)} shift)`;
}

export function windowClosedMessage(windows: StaffWindows, kind?: AttendanceKind): string {
  const what = kind ? `No ${kindLabel(kind)} window is open for you right now.` : 'No check-in or check-out window is open for you right now.';
  if (windows.next) return `${what} Your next window opens ${describeWindowOpening(windows.next, windows.settings.timezone)}.`;
  return `${what} You have no shifts in the coming week.`;
}

export type RecordOutcome =
  | { ok: true; created: boolean; record: AttendanceRecord; settings: OrgSettings }
  | { ok: false; code: 'window_closed' | 'invalid_image' | 'payload_too_large' | 'staff_inactive'; message: string; windows?: StaffWindows };

export async function recordAttendance(
  deps: AppDeps,
  input: { staffId: number; image: Uint8Array; kind?: AttendanceKind; kioskId?: number | null },
): Promise<RecordOutcome> {
  // Cheap checks first: a bad frame is refused even when the answer would be an earlier record.
  const precheck = checkPhotoBytes(input.image);
  if (!precheck.ok) return { ok: false, code: precheck.code, message: precheck.message };
  if (!(await isStaffActive(deps.db, input.staffId))) {
    return { ok: false, code: 'staff_inactive', message: 'Your staff profile is no longer active, so you cannot check in or out. Ask a manager.' };
  }
  const now = deps.clock.now();
  const windows = await findStaffWindows(deps, input.staffId, now);
  const choice = chooseWindow(
    windows.open,
    windows.recorded.map((r) => ({ shiftId: r.shiftId, date: r.occurrenceDate, kind: r.kind })),
    input.kind,
  );
  if (choice.action === 'none') return { ok: false, code: 'window_closed', message: windowClosedMessage(windows, input.kind), windows };

  const key = { shiftId: choice.window.occurrence.shiftId, occurrenceDate: choice.window.occurrence.date, kind: choice.window.kind };
  if (choice.action === 'repeat') {
    const existing = windows.recorded.find((r) => r.shiftId === key.shiftId && r.occurrenceDate === key.occurrenceDate && r.kind === key.kind);
    return { ok: true, created: false, record: existing!, settings: windows.settings };
  }

  const processed = await processPhoto(input.image);
  if (!processed.ok) return { ok: false, code: processed.code, message: processed.message };
  // The file is in place before the row that names it commits.
  await deps.photos.save(processed.photo);
  const { occurrence } = choice.window;
  const inserted = await insertRecordWithPhoto(
    deps.db,
    {
      staffId: input.staffId,
      shiftId: occurrence.shiftId,
      occurrenceDate: occurrence.date,
      kind: choice.window.kind,
      at: now,
      status: attendanceStatus(choice.window.kind, now, occurrence, windows.settings.lateGraceMinutes),
      photoId: processed.photo.id,
      kioskId: input.kioskId ?? null,
      scheduledStart: occurrence.start.toJSDate(),
      scheduledEnd: occurrence.end.toJSDate(),
    },
    processed.photo,
  );
  if (inserted) {
    await announceAttendance(deps, inserted);
    return { ok: true, created: true, record: inserted, settings: windows.settings };
  }
  // A concurrent capture for the same occurrence won the race: that one is the record.
  return { ok: true, created: false, record: (await findRecord(deps.db, key))!, settings: windows.settings };
}
