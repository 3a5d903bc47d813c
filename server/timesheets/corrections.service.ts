/**
 * A manager's fixes to punches: adding a missing one, superseding a wrong
 * one, voiding one. Nothing is edited in place; each fix is a row of its own
 * with a reason and a ledger entry, and none may land in an approved period.
 * The punch being fixed is read before the transaction and named in the
 * insert (`supersedes_id` is unique), so of two managers fixing the same
 * punch at once exactly one wins and the other hears that it changed.
 */
import { DateTime } from 'luxon';
import { isUniqueViolation } from '../../storage/errors.js';
import { domainError } from '../domain-error.js';
import type { DomainEvents } from '../domain-events.js';
import type { AppDeps } from '../http/app-env.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { getSettings, type OrgSettings } from '../settings/settings.queries.js';
import {
  findChainTip,
  findRecord,
  findRecordById,
  insertCorrection,
  insertVoid,
  isSuperseded,
  isVoided,
  type AttendanceRecord,
} from '../attendance/attendance.queries.js';
import type { AttendanceKind } from '../attendance/punch-rules.js';
import { isDateApproved } from './approvals.queries.js';
import { findOccurrenceOf, type ScheduledOccurrence } from './occurrence-lookup.js';

export type CorrectionInput = {
  staffId: number;
  shiftId: number;
  date: string;
  kind: AttendanceKind;
  at: Date;
  reason: string;
  /** The punch the manager saw and means to replace; when given, a newer one means someone else changed it first. */
  supersedes?: number | undefined;
};

/** How far a corrected punch may be from its shift: a day either side covers any real mistake. */
const slackHours = 24;

const punchChanged = () =>
  domainError.conflict('punch_changed', 'Someone else changed this punch a moment ago. Reload to see the latest version, then try again.');

export const periodApproved = (date: string) =>
  domainError.conflict('period_approved', `Hours for ${date} are approved, so they cannot change. A manager can reopen the period with a reason first.`);

function formatLocal(instant: Date, zone: string) {
  return DateTime.fromJSDate(instant).setZone(zone).toFormat("d LLL 'at' HH:mm");
}

/** The punch times must make sense against the shift and the other punch. */
async function checkPunchTime(deps: AppDeps, input: CorrectionInput, occurrence: ScheduledOccurrence, settings: OrgSettings) {
  const zone = settings.timezone;
  if (input.at.getTime() > deps.clock.now().getTime() + 60_000) {
    throw domainError.invalid('validation_failed', 'A punch cannot be in the future.', { at: ['must not be in the future'] });
  }
  const earliest = occurrence.start.getTime() - slackHours * 3_600_000;
  const latest = occurrence.end.getTime() + slackHours * 3_600_000;
  if (input.at.getTime() < earliest || input.at.getTime() > latest) {
    const message = `The time must be within ${slackHours} hours of the shift (${formatLocal(occurrence.start, zone)} to ${formatLocal(occurrence.end, zone)}).`;
    throw domainError.invalid('validation_failed', message, { at: [`must be within ${slackHours} hours of the shift`] });
  }
  const other = await findRecord(deps.db, { shiftId: input.shiftId, occurrenceDate: input.date, kind: input.kind === 'check_in' ? 'check_out' : 'check_in' });
  if (other && input.kind === 'check_in' && input.at >= other.at) {
    throw domainError.invalid('validation_failed', `The check-in must be before the check-out at ${formatLocal(other.at, zone)}.`, { at: ['must be before the check-out'] });
  }
  if (other && input.kind === 'check_out' && input.at <= other.at) {
    throw domainError.invalid('validation_failed', `The check-out must be after the check-in at ${formatLocal(other.at, zone)}.`, { at: ['must be after the check-in'] });
  }
}

function statusOf(kind: AttendanceKind, at: Date, occurrence: ScheduledOccurrence, lateGraceMinutes: number) {
  if (kind === 'check_in') return at.getTime() > occurrence.start.getTime() + lateGraceMinutes * 60_000 ? 'late' : 'on_time';
  return at.getTime() < occurrence.end.getTime() ? 'early' : 'on_time';
}

/** Adds the punch an occurrence is missing, or supersedes the one it has. */
export async function correctPunch(deps: AppDeps, managerId: number, input: CorrectionInput): Promise<AttendanceRecord> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const occurrence = await findOccurrenceOf(deps.db, input.staffId, { shiftId: input.shiftId, date: input.date }, settings.timezone);
  await checkPunchTime(deps, input, occurrence, settings);
  const key = { shiftId: input.shiftId, occurrenceDate: input.date, kind: input.kind };
  const tip = await findChainTip(deps.db, key);
  if (input.supersedes !== undefined && input.supersedes !== tip?.record.id) throw punchChanged();
  const now = deps.clock.now();
  try {
    return await ledgerTransaction(deps.db, async (tx) => {
      if (await isDateApproved(tx, input.staffId, input.date)) throw periodApproved(input.date);
      return insertCorrection(
        tx,
        {
          staffId: input.staffId,
          shiftId: input.shiftId,
          occurrenceDate: input.date,
          kind: input.kind,
          at: input.at,
          status: statusOf(input.kind, input.at, occurrence, settings.lateGraceMinutes),
          photoId: null,
          kioskId: null,
          scheduledStart: occurrence.start,
          scheduledEnd: occurrence.end,
          source: 'manager',
          supersedesId: tip?.record.id ?? null,
          reason: input.reason,
          createdBy: managerId,
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw punchChanged();
    throw error;
  }
}

export type Voider = DomainEvents['punchVoided'][0]['by'];

/** How long after its punch a kiosk may still take it back: the confirmation is on screen for a few seconds, so a minute is plenty. */
export const kioskVoidSeconds = 60;

/** Voids the punch that counts for its occurrence: the occurrence then has none of that kind until someone punches again. */
export async function voidPunch(deps: AppDeps, voider: Voider, attendanceId: number, reason: string): Promise<AttendanceRecord> {
  const record = await findRecordById(deps.db, attendanceId);
  if (!record) throw domainError.notFound(`There is no punch ${attendanceId}.`);
  return voidRecord(deps, voider, record, reason);
}

/**
 * A kiosk's *Not you?*: the person on the confirmation is not the one at the
 * kiosk (a mistyped PIN that happened to be someone else's, or a buddy
 * punch), so the punch it just took is voided. Only that kiosk's own punch,
 * and only within a minute; after that it is a manager's correction.
 */
export async function voidJustTakenPunch(deps: AppDeps, kiosk: { id: number; name: string }, attendanceId: number): Promise<AttendanceRecord> {
  const record = await findRecordById(deps.db, attendanceId);
  if (!record || record.kioskId !== kiosk.id) throw domainError.notFound('This kiosk did not take that punch.');
  const secondsSince = (deps.clock.now().getTime() - record.at.getTime()) / 1000;
  if (secondsSince > kioskVoidSeconds) throw domainError.conflict('too_late', 'It is too late to cancel this punch here; ask a manager.');
  const reason = `Cancelled with "Not you?" at kiosk "${kiosk.name}" ${Math.max(0, Math.round(secondsSince))} seconds after it was taken.`;
  return voidRecord(deps, { kind: 'kiosk', id: kiosk.id, name: kiosk.name }, record, reason);
}

async function voidRecord(deps: AppDeps, voider: Voider, record: AttendanceRecord, reason: string): Promise<AttendanceRecord> {
  const attendanceId = record.id;
  if (await isVoided(deps.db, attendanceId)) throw domainError.conflict('already_voided', `Punch ${attendanceId} is already void.`);
  if (await isSuperseded(deps.db, attendanceId)) {
    throw domainError.conflict('punch_superseded', `Punch ${attendanceId} has been corrected since; void the latest version instead.`);
  }
  const now = deps.clock.now();
  const by = voider.kind === 'user' ? { voidedBy: voider.id, voidedByKiosk: null } : { voidedBy: null, voidedByKiosk: voider.id };
  try {
    await ledgerTransaction(deps.db, async (tx) => {
      if (await isDateApproved(tx, record.staffId, record.occurrenceDate)) throw periodApproved(record.occurrenceDate);
      // Checked again under the lock: a correction may have landed since the read above.
      if (await isSuperseded(tx, attendanceId)) throw punchChanged();
      await insertVoid(tx, { attendanceId, reason, ...by, at: now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw punchChanged();
    throw error;
  }
  deps.events.emit('punchVoided', { record, by: voider, at: now });
  return record;
}
