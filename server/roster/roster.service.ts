/**
 * A manager's change to one dated occurrence: give it to someone else for
 * that date, cancel it for that date, or restore the template's owner.
 */
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { shiftOverrides } from '../../storage/schema.js';
import type { AppDeps, AuthUser } from '../http/app-env.js';
import { badRequest } from '../http/errors.js';
import { getSettings } from '../settings/settings.queries.js';
import { findStaffRow } from '../staff/staff.queries.js';
import { checkMoves, findMovableOccurrence, lockPeople, writeMoves } from './occurrence-moves.js';
import { findOverride } from './roster.queries.js';
import { findTemplateShift } from './shifts.queries.js';

export type OccurrenceChange = { shiftId: number; date: string } & ({ assignee: number } | { cancelled: true } | { restore: true });

export async function changeOccurrence(deps: AppDeps, user: AuthUser, change: OccurrenceChange): Promise<void> {
  const shift = await findTemplateShift(deps.db, change.shiftId);
  if (!shift) throw badRequest('validation_failed', `There is no shift with id ${change.shiftId}.`, { shiftId: [`no shift with id ${change.shiftId}`] });
  if (DateTime.fromISO(change.date, { zone: 'UTC' }).weekday !== shift.dayOfWeek) {
    throw badRequest('validation_failed', `Shift ${change.shiftId} is not worked on ${change.date}: it is a ${DateTime.fromObject({ weekday: shift.dayOfWeek as 1 }).toFormat('cccc')} shift.`, { date: ['is not a day this shift is worked'] });
  }
  if ('assignee' in change && !(await findStaffRow(deps.db, change.assignee))) {
    throw badRequest('validation_failed', `There is no staff member with id ${change.assignee}.`, { assignee: [`no staff member with id ${change.assignee}`] });
  }
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const context = { zone: settings.timezone, minRestHours: settings.minRestHours, now: deps.clock.now() };
  await deps.db.transaction(async (tx) => {
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
      await tx.delete(shiftOverrides).where(and(eq(shiftOverrides.shiftId, change.shiftId), eq(shiftOverrides.date, change.date)));
      return;
    }
    const occurrence = await findMovableOccurrence(tx, change, undefined, context);
    if ('cancelled' in change) {
      await tx
        .insert(shiftOverrides)
        .values({ shiftId: change.shiftId, date: change.date, assigneeStaffId: null, cancelled: true, createdBy: user.id })
        .onConflictDoUpdate({ target: [shiftOverrides.shiftId, shiftOverrides.date], set: { assigneeStaffId: null, cancelled: true, swapId: null, createdBy: user.id } });
      return;
    }
    if (occurrence.staffId === change.assignee) return;
    const move = { shiftId: change.shiftId, date: change.date, from: occurrence.staffId, to: change.assignee };
    await lockPeople(tx, [move.from, move.to]);
    await checkMoves(tx, [move], context);
    await writeMoves(tx, [move], { userId: user.id });
  });
}
