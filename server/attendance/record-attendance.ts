/**
 * Recording a check-in or check-out: the one code path shared by the
 * original `POST /api/attendance/` and the kiosk's `capture`. It decodes the
 * photo while it finds the staff member's open windows, refuses outside
 * them, returns the existing record for a repeat, and otherwise stores the
 * photo and the row.
 */
import { checkPhotoBytes, processPhoto, type PhotoResult } from '../../storage/photo-processing.js';
import type { AppDeps } from '../http/app-env.js';
import { isStaffActive } from '../staff/staff.queries.js';
import { findRecord, type AttendanceRecord } from './attendance.queries.js';
import { insertRecordWithPhoto, reserveAttendanceId, type PunchRequest } from './own-punch.queries.js';
import { attendanceStatus, chooseWindow, type AttendanceKind } from './punch-rules.js';
import { findStaffWindows, windowClosedMessage, type StaffWindows } from './staff-windows.js';
import type { OrgSettings } from '../settings/settings.queries.js';

export type RecordOutcome =
  | { ok: true; created: boolean; record: AttendanceRecord; settings: OrgSettings }
  | { ok: false; code: 'window_closed' | 'invalid_image' | 'payload_too_large' | 'staff_inactive'; message: string; windows?: StaffWindows };

export type RecordInput = {
  staffId: number;
  image: Uint8Array;
  kind?: AttendanceKind;
  /** The frame's conversion, if the caller started it already. */
  photo?: Promise<PhotoResult>;
  /** The kiosk request it answers, written with a new punch (not for a repeat, which stores nothing). */
  request?: PunchRequest;
  /** A punch a kiosk took while offline: judged and recorded at the time it was taken. */
  takenOfflineAt?: Date;
} & (
  | { kioskId: number }
  | { userId: number }
);

/** Marked as a punch in flight meanwhile, so the face check's analysis waits for a lull (punch-activity.ts). */
export function recordAttendance(deps: AppDeps, input: RecordInput): Promise<RecordOutcome> {
  return deps.punches.during(() => storeAttendance(deps, input));
}

async function storeAttendance(deps: AppDeps, input: RecordInput): Promise<RecordOutcome> {
  // Size and signature first, before any query.
  const precheck = checkPhotoBytes(input.image);
  if (!precheck.ok) return { ok: false, code: precheck.code, message: precheck.message };
  const receivedAt = deps.clock.now();
  const now = input.takenOfflineAt ?? receivedAt;
  // The frame is decoded and compressed while the schedule is read: neither waits for the other.
  const processing = input.photo ?? processPhoto(input.image);
  const [active, windows, id] = await Promise.all([isStaffActive(deps.db, input.staffId), findStaffWindows(deps, input.staffId, now), reserveAttendanceId(deps.db)]);
  if (!active) {
    return { ok: false, code: 'staff_inactive', message: 'Your staff profile is no longer active, so you cannot check in or out. Ask a manager.' };
  }
  // A truncated or corrupt frame is refused whatever the schedule would have answered (the earlier
  // record for a repeat, window_closed), never a success.
  const processed = await processing;
  if (!processed.ok) return { ok: false, code: processed.code, message: processed.message };
  const choice = chooseWindow(
    windows.open,
    windows.recorded.map((r) => ({ shiftId: r.shiftId, date: r.occurrenceDate, kind: r.kind })),
    input.kind,
  );
  if (choice.action === 'none') return { ok: false, code: 'window_closed', message: windowClosedMessage(windows, { kind: input.kind }), windows };

  const key = { shiftId: choice.window.occurrence.shiftId, occurrenceDate: choice.window.occurrence.date, kind: choice.window.kind };
  if (choice.action === 'repeat') {
    const existing = windows.recorded.find((r) => r.shiftId === key.shiftId && r.occurrenceDate === key.occurrenceDate && r.kind === key.kind);
    return { ok: true, created: false, record: existing!, settings: windows.settings };
  }

  // A file is in place before the row that names it commits; database bytes go in with the row.
  await deps.photos.prepare(processed.photo);
  const { occurrence } = choice.window;
  const inserted = await insertRecordWithPhoto(
    deps.db,
    {
      id,
      staffId: input.staffId,
      shiftId: occurrence.shiftId,
      occurrenceDate: occurrence.date,
      kind: choice.window.kind,
      at: now,
      status: attendanceStatus(choice.window.kind, now, occurrence, windows.settings.lateGraceMinutes),
      photoId: processed.photo.id,
      kioskId: 'kioskId' in input ? input.kioskId : null,
      scheduledStart: occurrence.start.toJSDate(),
      scheduledEnd: occurrence.end.toJSDate(),
      source: 'kioskId' in input ? (input.takenOfflineAt ? 'kiosk_offline' : 'kiosk') : 'api',
      recordedAt: receivedAt,
    },
    { processed: processed.photo, store: deps.photos },
    'kioskId' in input ? { kind: 'kiosk', id: input.kioskId } : { kind: 'user', id: input.userId },
    // While the face check is on, the insert itself queues the photo for it (migration 0018).
    input.request,
  );
  if (inserted) {
    deps.events.emit('attendanceRecorded', inserted);
    return { ok: true, created: true, record: inserted, settings: windows.settings };
  }
  // A concurrent capture for the same occurrence won the race: that one is the record.
  return { ok: true, created: false, record: (await findRecord(deps.db, key))!, settings: windows.settings };
}
