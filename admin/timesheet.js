// @ts-check
// The timesheet as the server sends it (GET /api/timesheets/, /api/exceptions/)
// and the manager's changes to it, as plain functions the pages share.
import { post } from './api.js';

/**
 * The server leaves out a punch's fields that are empty (a month's export
 * holds tens of thousands of punches): `reason`, `createdBy` and `recordedAt`
 * come with a manager's punches only, `voided` with a voided one.
 * @typedef {{ id: number, at: string, status: string, source: 'kiosk' | 'kiosk_offline' | 'api' | 'manager', photoUrl: string | null, kioskId?: number | null,
 *   supersedes?: number | null, reason?: string | null, createdBy?: number | null, recordedAt?: string,
 *   voided?: { reason: string, by: number | null, byKiosk?: number, at: string } | null }} Punch
 * @typedef {{ original: Punch | null, final: Punch | null, history: Punch[] }} Chain
 * @typedef {{ staff: number, staffName: string, shiftId: number, date: string, start: string, end: string,
 *   outcome: import('./format.js').Outcome, late: boolean, checkIn: Chain, checkOut: Chain,
 *   absence: { id: number, type: 'sick' | 'leave' | 'other', note: string } | null,
 *   workedMinutes: number, breakMinutes: number, regularMinutes: number, overtimeMinutes: number, paidMinutes: number,
 *   approved: boolean, correctedBy: { id: number, username: string | null } | null, reason: string | null }} Entry
 * @typedef {'missed' | 'missing_check_out' | 'missing_check_in' | 'late' | 'api_check_in' | 'face_mismatch' | 'face_no_face'} ExceptionType
 * @typedef {{ attendanceId: number, verdict: string, distance: number | null, review: 'confirmed' | 'flagged' | null, referencePhotoUrl: string | null }} FaceFlag
 * @typedef {Entry & { type: ExceptionType, face?: FaceFlag }} ExceptionEntry
 * @typedef {'check_in' | 'check_out'} PunchKind
 */

/** One shift occurrence. @param {Pick<Entry, 'shiftId' | 'date'>} entry */
export const entryKey = (entry) => `${entry.shiftId}@${entry.date}`;

/** The chain of one kind of punch. @param {Entry} entry @param {PunchKind} kind */
export const chainOf = (entry, kind) => (kind === 'check_in' ? entry.checkIn : entry.checkOut);

/**
 * Every punch of a chain, oldest first: the server lists the history only
 * when there is more than the one punch.
 * @param {Chain} chain
 * @returns {Punch[]}
 */
export const punchesOf = (chain) => (chain.history.length > 0 ? chain.history : chain.original ? [chain.original] : chain.final ? [chain.final] : []);

/**
 * Adds the punch of `kind` at `at`, or replaces the one the manager was
 * shown (`supersedes`: a punch changed meanwhile gets 409 punch_changed).
 * @param {Entry} entry
 * @param {PunchKind} kind
 * @param {string} at an ISO instant
 * @param {string} reason
 */
export function correctPunch(entry, kind, at, reason) {
  const shown = chainOf(entry, kind).final;
  return post('/api/attendance/corrections', {
    staff: entry.staff,
    shiftId: entry.shiftId,
    date: entry.date,
    kind,
    at,
    reason,
    ...(shown && { supersedes: shown.id }),
  });
}

/** Entries by date, then start time, then name. @param {Entry} a @param {Entry} b */
export const byDateAndName = (a, b) => a.date.localeCompare(b.date) || Date.parse(a.start) - Date.parse(b.start) || a.staffName.localeCompare(b.staffName);

export const punchKindLabels = { check_in: 'Check-in', check_out: 'Check-out' };
export const sourceLabels = { kiosk: 'at the kiosk', kiosk_offline: 'at the kiosk while it was offline', api: 'through the API', manager: 'by a manager' };
export const absenceLabels = { sick: 'Sick', leave: 'Leave', other: 'Other' };
