/**
 * The live board a manager sees: today's occurrences with their state (from
 * the one definition in `attendance/occurrence-state.ts`) and the times that
 * state will change, plus the kiosks. Built for the snapshot and for each
 * new punch, so the browser only displays it.
 */
import { DateTime } from 'luxon';
import { occurrenceKey } from '../roster/effective-schedule.js';
import { boardState, upcomingBoardStates } from '../attendance/occurrence-state.js';
import { findRecordsForOccurrences, listRecordsForShiftDates, punchPhotoUrl, type AttendanceRecord } from '../attendance/attendance.queries.js';
import type { AppDeps } from '../http/app-env.js';
import { listKiosks } from '../kiosk/kiosks.queries.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { createInstantFormatter, type InstantFormatter } from '../roster/instant-format.js';
import { getSettings } from '../settings/settings.queries.js';
import { listFaceChecks, listReferencePhotos, type FaceCheckView } from '../faces/faces.queries.js';
import { faceSummary } from '../faces/face-summary.js';
import type { BoardOccurrence, BoardPunch, Snapshot } from '../socket-contract.js';
import { listStaffNames } from '../staff/staff.queries.js';
import { listAbsences } from '../timesheets/timesheet.queries.js';
import { photoUrl } from '../../storage/photo-store.js';

export type BoardRow = { shiftId: number; date: string; staffId: number; staffName: string; startMillis: number; endMillis: number };

/** While the face check is on: the checks of the board's punches, and the reference photos of its people. */
export type BoardFaces = { checks: ReadonlyMap<number, FaceCheckView>; referencePhotos: ReadonlyMap<number, string> };

/** One board row from its schedule and its records (any order), as of `now`. */
export function toBoardOccurrence(
  row: BoardRow,
  records: readonly AttendanceRecord[],
  windowMinutes: number,
  now: Date,
  iso: InstantFormatter,
  excused = false,
  faces?: BoardFaces,
): BoardOccurrence {
  const punch = (record: AttendanceRecord | undefined): BoardPunch | null =>
    record
      ? {
          at: iso(record.at),
          status: record.status,
          photoUrl: punchPhotoUrl(record),
          attendanceId: record.id,
          ...(faces && { face: faceSummary(faces.checks.get(record.id)) }),
        }
      : null;
  const checkIn = records.find((r) => r.kind === 'check_in');
  const checkOut = records.find((r) => r.kind === 'check_out');
  const span = { startMillis: row.startMillis, endMillis: row.endMillis };
  const punches = { checkIn, checkOut, excused };
  return {
    shiftId: row.shiftId,
    date: row.date,
    staffId: row.staffId,
    staffName: row.staffName,
    start: iso(row.startMillis),
    end: iso(row.endMillis),
    state: boardState(span, punches, windowMinutes, now),
    stateChanges: upcomingBoardStates(span, punches, windowMinutes, now).map((change) => ({ at: iso(change.at), state: change.state })),
    checkIn: punch(checkIn),
    checkOut: punch(checkOut),
    ...(faces && { referencePhotoUrl: faces.referencePhotos.has(row.staffId) ? photoUrl(faces.referencePhotos.get(row.staffId)!) : null }),
  };
}

/** The face checks and reference photos a board needs, or undefined while the face check is off. */
async function loadBoardFaces(deps: AppDeps, faceCheck: 'off' | 'flag', records: readonly AttendanceRecord[], staffIds: readonly number[]): Promise<BoardFaces | undefined> {
  if (faceCheck === 'off') return undefined;
  const [checks, referencePhotos] = await Promise.all([listFaceChecks(deps.db, records.map((r) => r.id)), listReferencePhotos(deps.db, staffIds)]);
  return { checks, referencePhotos };
}

const nameOrId = (names: ReadonlyMap<number, string>, staffId: number) => names.get(staffId) ?? `Staff ${staffId}`;

/** Occurrences starting today, and last night's that are still running, in the org's zone. */
export async function loadSnapshot(deps: AppDeps): Promise<Snapshot> {
  const now = deps.clock.now();
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const today = DateTime.fromJSDate(now).setZone(settings.timezone);
  const date = today.toISODate()!;
  const yesterday = today.minus({ days: 1 }).toISODate()!;
  const startOfToday = today.startOf('day').toMillis();
  const occurrences = (await loadEffectiveOccurrences(deps.db, { from: yesterday, to: date, zone: settings.timezone })).filter(
    (o) => o.date === date || o.end.toMillis() > startOfToday,
  );
  const records = await listRecordsForShiftDates(deps.db, [...new Set(occurrences.map((o) => o.shiftId))], [yesterday, date]);
  const recordsByOccurrence = new Map<string, AttendanceRecord[]>();
  for (const record of records) {
    const key = occurrenceKey({ shiftId: record.shiftId, date: record.occurrenceDate });
    recordsByOccurrence.set(key, [...(recordsByOccurrence.get(key) ?? []), record]);
  }
  const names = await listStaffNames(deps.db, [...new Set(occurrences.map((o) => o.staffId))]);
  const excused = new Set((await listAbsences(deps.db, { from: yesterday, to: date })).map((a) => occurrenceKey({ shiftId: a.shiftId, date: a.occurrenceDate })));
  const iso = createInstantFormatter(settings.timezone);
  const faces = await loadBoardFaces(deps, settings.faceCheck, records, [...names.keys()]);
  const board = occurrences.map((o) =>
    toBoardOccurrence(
      { shiftId: o.shiftId, date: o.date, staffId: o.staffId, staffName: nameOrId(names, o.staffId), startMillis: o.start.toMillis(), endMillis: o.end.toMillis() },
      recordsByOccurrence.get(occurrenceKey(o)) ?? [],
      settings.windowMinutes,
      now,
      iso,
      excused.has(occurrenceKey(o)),
      faces,
    ),
  );
  const online = await deps.presence.onlineKioskIds();
  const kiosks = (await listKiosks(deps.db))
    .filter((k) => k.revokedAt === null)
    .map((k) => ({ id: k.id, name: k.name, online: online.has(k.id), lastSeenAt: k.lastSeenAt?.toISOString() ?? null }));
  return {
    at: now.toISOString(),
    timezone: settings.timezone,
    windowMinutes: settings.windowMinutes,
    date,
    refreshAt: today.plus({ days: 1 }).startOf('day').toISO()!,
    occurrences: board,
    kiosks,
  };
}

/** The board row of a just-recorded punch's occurrence, with every record it now has. */
export async function loadBoardOccurrence(deps: AppDeps, record: AttendanceRecord, staffName: string): Promise<BoardOccurrence> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const records = await findRecordsForOccurrences(deps.db, [{ shiftId: record.shiftId, date: record.occurrenceDate }]);
  const row = {
    shiftId: record.shiftId,
    date: record.occurrenceDate,
    staffId: record.staffId,
    staffName,
    startMillis: record.scheduledStart.getTime(),
    endMillis: record.scheduledEnd.getTime(),
  };
  const faces = await loadBoardFaces(deps, settings.faceCheck, records, [record.staffId]);
  return toBoardOccurrence(row, records, settings.windowMinutes, deps.clock.now(), createInstantFormatter(settings.timezone), false, faces);
}
