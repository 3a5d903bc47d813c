/**
 * A staff member's check-in and check-out windows around a moment, from the
 * effective schedule, and the sentences that tell a person about them. The
 * API and the kiosk both answer "no window" with these words.
 */
import { DateTime } from 'luxon';
import type { AppDeps } from '../http/app-env.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { shortTime } from '../roster/time-of-day.js';
import { candidateDates, nextWindowAfter, openWindowsAt, type OpenWindow } from '../roster/windows.js';
import { getSettings, type OrgSettings } from '../settings/settings.queries.js';
import type { AttendanceKind } from '../socket-contract.js';
import type { Occurrence } from '../roster/occurrences.js';
import { findRecordsForOccurrences, type AttendanceRecord } from './attendance.queries.js';
import { occurrenceOutcome } from './occurrence-state.js';

export type StaffWindows = {
  settings: OrgSettings;
  open: OpenWindow[];
  recorded: AttendanceRecord[];
  /** The next window to open, when none is open now (looked for up to a week ahead). */
  next: OpenWindow | undefined;
};

const lookAheadDays = 8;

/** How far back a forgotten check-out is still worth telling the person about at the kiosk. */
const forgottenLookBackHours = 36;

/** The person's effective occurrences starting on the local dates around `from`…`to`. */
async function occurrencesAround(deps: AppDeps, staffId: number, from: DateTime, to: DateTime) {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const range = candidateDates(from, to, settings.timezone);
  return { settings, occurrences: await loadEffectiveOccurrences(deps.db, { ...range, zone: settings.timezone, staffIds: [staffId] }) };
}

const keyOf = (o: { shiftId: number; date: string }) => ({ shiftId: o.shiftId, date: o.date });
const isPunchOf = (o: { shiftId: number; date: string }) => (p: AttendanceRecord) => p.shiftId === o.shiftId && p.occurrenceDate === o.date;

/** The windows open at `now` with their punches (of `punches`), and the next one to open when none is. */
function windowsFrom(settings: OrgSettings, occurrences: readonly Occurrence[], open: OpenWindow[], punches: readonly AttendanceRecord[], now: Date): StaffWindows {
  const recorded = punches.filter((p) => open.some((window) => isPunchOf(window.occurrence)(p)));
  const next = open.length === 0 ? nextWindowAfter(occurrences, settings.windowMinutes, now) : undefined;
  return { settings, open, recorded, next };
}

/** The occurrences that ended within the look-back, so far as they can have been forgotten. */
function endedRecently(occurrences: readonly Occurrence[], now: Date): Occurrence[] {
  return occurrences.filter((o) => o.end.toMillis() > now.getTime() - forgottenLookBackHours * 3_600_000 && o.end.toMillis() < now.getTime());
}

/** Of these ended occurrences, those checked into and never checked out of once the check-out window closed (`missing_check_out`). */
function forgottenAmong(ended: readonly Occurrence[], punches: readonly AttendanceRecord[], settings: OrgSettings, now: Date): Occurrence[] {
  return ended.filter((o) => {
    const mine = punches.filter(isPunchOf(o));
    const span = { startMillis: o.start.toMillis(), endMillis: o.end.toMillis() };
    const punched = { checkIn: mine.find((p) => p.kind === 'check_in'), checkOut: mine.find((p) => p.kind === 'check_out') };
    return occurrenceOutcome(span, punched, settings.windowMinutes, now).outcome === 'missing_check_out';
  });
}

/** The staff member's windows around `now`, from the effective schedule. */
export async function findStaffWindows(deps: AppDeps, staffId: number, now: Date): Promise<StaffWindows> {
  const instant = DateTime.fromJSDate(now);
  const { settings, occurrences } = await occurrencesAround(deps, staffId, instant, instant.plus({ days: lookAheadDays }));
  const open = openWindowsAt(occurrences, settings.windowMinutes, now);
  const punches = await findRecordsForOccurrences(deps.db, open.map((window) => keyOf(window.occurrence)));
  return windowsFrom(settings, occurrences, open, punches, now);
}

/**
 * What a kiosk tells a person who entered their PIN: their windows around
 * `now`, and their recent occurrences they checked into and never checked
 * out of once the check-out window closed (`missing_check_out`). One read
 * of the schedule and one of the punches serve both.
 */
export async function findKioskPrompt(deps: AppDeps, staffId: number, now: Date): Promise<{ windows: StaffWindows; forgotten: Occurrence[] }> {
  const instant = DateTime.fromJSDate(now);
  const { settings, occurrences } = await occurrencesAround(deps, staffId, instant.minus({ hours: forgottenLookBackHours }), instant.plus({ days: lookAheadDays }));
  const open = openWindowsAt(occurrences, settings.windowMinutes, now);
  const ended = endedRecently(occurrences, now);
  // A check-out window stays open past the end: such an occurrence is asked for once.
  const asked = [...open.map((window) => window.occurrence), ...ended.filter((o) => !open.some((window) => window.occurrence === o))];
  const punches = await findRecordsForOccurrences(deps.db, asked.map(keyOf));
  return { windows: windowsFrom(settings, occurrences, open, punches, now), forgotten: forgottenAmong(ended, punches, settings, now) };
}

/** "You did not check out after your 09:00–17:00 shift on Monday 30 November. Tell a manager when you left, so your hours are right." */
export function forgottenCheckOutMessage(occurrence: Occurrence, zone: string): string {
  const day = occurrence.start.setZone(zone).toFormat('cccc d LLLL');
  return `You did not check out after your ${shortTime(occurrence.startTime)}–${shortTime(occurrence.endTime)} shift on ${day}. Tell a manager when you left, so your hours are right.`;
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

/** "No check-in window is open for you right now. Your next window opens …", naming the person when given. */
export function windowClosedMessage(windows: StaffWindows, options: { kind?: AttendanceKind; name?: string } = {}): string {
  const you = options.name ? `you, ${options.name},` : 'you';
  const what = options.kind
    ? `No ${kindLabel(options.kind)} window is open for ${you} right now.`
    : `No check-in or check-out window is open for ${you} right now.`;
  if (windows.next) return `${what} Your next window opens ${describeWindowOpening(windows.next, windows.settings.timezone)}.`;
  return `${what} You have no shifts in the coming week.`;
}

