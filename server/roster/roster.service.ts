/**
 * A manager's change to one dated occurrence: give it to someone else for
 * that date, give it other times for that date, cancel it, or restore the
 * template; each with its ledger entry, in the transaction that makes it.
 * A change that leaves the day as it was writes nothing.
 */
import type { AppDeps, AuthUser } from '../http/app-env.js';
import { domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { applyOverrides, type EffectiveOccurrence } from './effective-schedule.js';
import { assertStillChangeable, checkPersonTakes, findMovableOccurrence, lockPeople, type MoveContext } from './occurrence-moves.js';
import { occurrenceOf, weekdayOf } from './occurrences.js';
import { cancelOccurrence, deleteOverride, findOverride, findSchedulablePeople, overrideOccurrence, recordOccurrenceChange, type OccurrenceChangeData } from './roster.queries.js';
import { listShiftVersions, versionOn, type TemplateShiftRecord } from './shifts.queries.js';
import { weekdayName } from './weekdays.js';

export type TimesOfDay = { startTime: string; endTime: string };

/**
 * `assignee`: who works it (null: the template's owner); `times`: its times
 * that date (null: the template's). Either left out stays as it is.
 */
export type OccurrenceChange = { shiftId: number; date: string } & ({ cancelled: true } | { assignee?: number | null; times?: TimesOfDay | null });

/** The schedule rules' context for a manager's change, now. */
export async function managerMoveContext(deps: AppDeps): Promise<MoveContext> {
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  return { zone: settings.timezone, minRestHours: settings.minRestHours, now: deps.clock.now(), byManager: true };
}

async function shiftRunningOn(deps: AppDeps, key: { shiftId: number; date: string }): Promise<TemplateShiftRecord> {
  const versions = await listShiftVersions(deps.db, [key.shiftId]);
  if (versions.length === 0) throw domainError.invalid('validation_failed', `There is no shift with id ${key.shiftId}.`, { shiftId: [`no shift with id ${key.shiftId}`] });
  const shift = versionOn(versions, key.shiftId, key.date);
  if (!shift) throw domainError.invalid('validation_failed', `Shift ${key.shiftId} does not run on ${key.date}.`, { date: ['is not a day this shift is worked'] });
  if (weekdayOf(key.date) !== shift.dayOfWeek) {
    throw domainError.invalid('validation_failed', `Shift ${key.shiftId} is not worked on ${key.date}: it is a ${weekdayName(shift.dayOfWeek)} shift.`, { date: ['is not a day this shift is worked'] });
  }
  return shift;
}

const sameTimes = (a: TimesOfDay | null, b: TimesOfDay | null) => a?.startTime === b?.startTime && a?.endTime === b?.endTime;

export async function changeOccurrence(deps: AppDeps, user: AuthUser, change: OccurrenceChange): Promise<void> {
  const key = { shiftId: change.shiftId, date: change.date };
  const shift = await shiftRunningOn(deps, key);
  if ('assignee' in change && typeof change.assignee === 'number' && (await findSchedulablePeople(deps.db, [change.assignee])).length === 0) {
    throw domainError.invalid('validation_failed', `There is no staff member with id ${change.assignee}.`, { assignee: [`no staff member with id ${change.assignee}`] });
  }
  const context = await managerMoveContext(deps);
  const by = { userId: user.id, at: context.now };
  const changed = await ledgerTransaction(deps.db, async (tx) => {
    if ('cancelled' in change) {
      const occurrence = await findMovableOccurrence(tx, key, undefined, context);
      await cancelOccurrence(tx, key, user.id);
      await recordOccurrenceChange(tx, by, key, { change: 'cancelled', staffId: null, previousStaffId: occurrence.staffId });
      return true;
    }
    const existing = await findOverride(tx, key.shiftId, key.date);
    const template = occurrenceOf(shift, key.date, context.zone);
    const current = existing?.cancelled ? undefined : applyOverrides([template], existing ? [existing] : [])[0];
    const currentTimes = current?.retimed ? { startTime: current.startTime, endTime: current.endTime } : null;
    const assignee = change.assignee === undefined ? (current?.staffId ?? shift.staffId) : (change.assignee ?? shift.staffId);
    let times = change.times === undefined ? currentTimes : change.times;
    if (times && sameTimes(times, shift)) times = null;
    if (current && current.staffId === assignee && sameTimes(currentTimes, times)) return false;

    const target = applyOverrides([template], [{ ...key, assigneeStaffId: assignee, cancelled: false, startTime: times?.startTime, endTime: times?.endTime, swapId: null }])[0]!;
    if (current) await findMovableOccurrence(tx, key, undefined, context);
    else assertStillChangeable(target, context);
    await lockPeople(tx, current ? [current.staffId, assignee] : [assignee]);
    const stays = current?.staffId === assignee;
    await checkPersonTakes(tx, assignee, { leaving: stays ? [key] : [], arriving: [target] }, context);

    const backToTemplate = assignee === shift.staffId && times === null;
    if (backToTemplate) await deleteOverride(tx, key);
    else await overrideOccurrence(tx, key, { assignee, times, swapId: stays ? (existing?.swapId ?? null) : null }, user.id);
    await recordOccurrenceChange(tx, by, key, describeChange(current, target, backToTemplate));
    return true;
  });
  if (changed) deps.events.emit('rosterChanged', { dates: [key.date] });
}

function describeChange(before: EffectiveOccurrence | undefined, after: EffectiveOccurrence, backToTemplate: boolean): OccurrenceChangeData {
  const kind = backToTemplate ? 'restored' : before?.staffId !== after.staffId ? 'reassigned' : 'retimed';
  const data: OccurrenceChangeData = { change: kind, staffId: after.staffId, previousStaffId: before?.staffId ?? null };
  if (before && !sameTimes(before, after)) Object.assign(data, { start: after.startTime, end: after.endTime, previousStart: before.startTime, previousEnd: before.endTime });
  return data;
}
