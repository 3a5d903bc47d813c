/**
 * A manager's change to one dated occurrence: give it to someone else for
 * that date, cancel it for that date, or restore the template's owner;
 * each with its ledger entry, in the transaction that makes it. A change
 * that leaves the day as it was writes nothing.
 */
import { DateTime } from 'luxon';
import type { AppDeps, AuthUser } from '../http/app-env.js';
import { domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { checkMoves, findMovableOccurrence, lockPeople, writeMoves } from './occurrence-moves.js';
import { cancelOccurrence, deleteOverride, findOverride, findSchedulablePeople, recordOccurrenceChange } from './roster.queries.js';
import { listShiftVersions, versionOn } from './shifts.queries.js';

export type OccurrenceChange = { shiftId: number; date: string } & ({ assignee: number } | { cancelled: true } | { restore: true });

export async function changeOccurrence(deps: AppDeps, user: AuthUser, change: OccurrenceChange): Promise<void> {
  const versions = await listShiftVersions(deps.db, [change.shiftId]);
  if (versions.length === 0) throw domainError.invalid('validation_failed', `There is no shift with id ${change.shiftId}.`, { shiftId: [`no shift with id ${change.shiftId}`] });
  const shift = versionOn(versions, change.shiftId, change.date);
  if (!shift) throw domainError.invalid('validation_failed', `Shift ${change.shiftId} does not run on ${change.date}.`, { date: ['is not a day this shift is worked'] });
  if (DateTime.fromISO(change.date, { zone: 'UTC' }).weekday !== shift.dayOfWeek) {
    throw domainError.invalid('validation_failed', `Shift ${change.shiftId} is not worked on ${change.date}: it is a ${DateTime.fromObject({ weekday: shift.dayOfWeek as 1 }).toFormat('cccc')} shift.`, { date: ['is not a day this shift is worked'] });
  }
  if ('assignee' in change && (await findSchedulablePeople(deps.db, [change.assignee])).length === 0) {
    throw domainError.invalid('validation_failed', `There is no staff member with id ${change.assignee}.`, { assignee: [`no staff member with id ${change.assignee}`] });
  }
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const context = { zone: settings.timezone, minRestHours: settings.minRestHours, now: deps.clock.now() };
  const now = context.now;
  await ledgerTransaction(deps.db, async (tx) => {
    const existing = await findOverride(tx, change.shiftId, change.date);
    if ('restore' in change) {
      if (!existing) return;
      const holder = existing.assigneeStaffId;
      if (holder !== null && holder !== shift.staffId) {
        // Back to the template's owner: their schedule must still have room for it.
        const move = { shiftId: change.shiftId, date: change.date, from: holder, to: shift.staffId };
        await lockPeople(tx, [move.from, move.to]);
        await checkMoves(tx, [move], context);
      }
      await deleteOverride(tx, change);
      await recordOccurrenceChange(tx, { userId: user.id, at: now }, change, { change: 'restored', staffId: shift.staffId, previousStaffId: holder });
      return;
    }
    const occurrence = await findMovableOccurrence(tx, change, undefined, context);
    if ('cancelled' in change) {
      await cancelOccurrence(tx, change, user.id);
      await recordOccurrenceChange(tx, { userId: user.id, at: now }, change, { change: 'cancelled', staffId: null, previousStaffId: occurrence.staffId });
      return;
    }
    if (occurrence.staffId === change.assignee) return;
    const move = { shiftId: change.shiftId, date: change.date, from: occurrence.staffId, to: change.assignee };
    await lockPeople(tx, [move.from, move.to]);
    await checkMoves(tx, [move], context);
    await writeMoves(tx, [move], { userId: user.id });
    await recordOccurrenceChange(tx, { userId: user.id, at: now }, change, { change: 'reassigned', staffId: move.to, previousStaffId: move.from });
  });
}
