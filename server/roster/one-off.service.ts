/**
 * One-date shifts: a manager adds a shift for one person on one date (the
 * cover for a sick call, an extra pair of hands), or removes it again. It is
 * a shift like any other on that date: windows, board, timesheets; and it
 * obeys the schedule rules a swap does.
 */
import type { AppDeps, AuthUser } from '../http/app-env.js';
import { localDateOf } from '../clock.js';
import { domainError } from '../domain-error.js';
import { appendLedger, ledgerTransaction } from '../ledger/ledger.queries.js';
import { assertStillChangeable, checkPersonTakes, lockPeople } from './occurrence-moves.js';
import { occurrenceOf, weekdayOf } from './occurrences.js';
import { findSchedulablePeople, occurrenceHasAttendance } from './roster.queries.js';
import { managerMoveContext, type TimesOfDay } from './roster.service.js';
import { describeOccurrence } from './schedule-rules.js';
import { deleteShift, findOneOffShift, insertOneOffShift, shiftInSwap } from './shifts.queries.js';

export type OneOffShift = TimesOfDay & { staffId: number; date: string; note: string | null };

export async function addOneOffShift(deps: AppDeps, user: AuthUser, input: OneOffShift): Promise<number> {
  const context = await managerMoveContext(deps);
  if (input.date < localDateOf(context.now, context.zone)) {
    throw domainError.invalid('validation_failed', `${input.date} is in the past: record what happened that day in Timesheets instead.`, { date: ['is in the past'] });
  }
  const [person] = await findSchedulablePeople(deps.db, [input.staffId]);
  if (!person) throw domainError.unknownReference('staff', `There is no staff member with id ${input.staffId}.`, `no staff member with id ${input.staffId}`);
  if (input.date < person.startedOn) {
    throw domainError.invalid('validation_failed', `${person.name} starts on ${person.startedOn}, so cannot have a shift on ${input.date}.`, { date: [`is before ${person.name} starts`] });
  }
  const shift = { id: 0, staffId: input.staffId, dayOfWeek: weekdayOf(input.date), startTime: input.startTime, endTime: input.endTime };
  const occurrence = occurrenceOf(shift, input.date, context.zone);
  assertStillChangeable(occurrence, context);
  const id = await ledgerTransaction(deps.db, async (tx) => {
    await lockPeople(tx, [input.staffId]);
    await checkPersonTakes(tx, input.staffId, { leaving: [], arriving: [occurrence] }, context);
    const added = await insertOneOffShift(tx, { ...shift, date: input.date, note: input.note });
    await appendLedger(tx, {
      actor: { kind: 'user', id: user.id },
      action: 'shift.one_off_added',
      entity: `shift:${added.id}`,
      data: { staffId: input.staffId, date: input.date, start: input.startTime, end: input.endTime, note: input.note },
      at: context.now,
    });
    return added.id;
  });
  deps.events.emit('rosterChanged', { dates: [input.date] });
  return id;
}

/** Removes a one-date shift nobody has checked into, before it ends. */
export async function removeOneOffShift(deps: AppDeps, user: AuthUser, shiftId: number): Promise<void> {
  const context = await managerMoveContext(deps);
  const date = await ledgerTransaction(deps.db, async (tx) => {
    const shift = await findOneOffShift(tx, shiftId);
    if (!shift) throw domainError.notFound(`There is no one-date shift with id ${shiftId}.`);
    const key = { shiftId, date: shift.validFrom };
    const occurrence = occurrenceOf(shift, shift.validFrom, context.zone);
    assertStillChangeable(occurrence, context);
    const described = describeOccurrence(occurrence);
    if (await occurrenceHasAttendance(tx, key)) throw domainError.conflict('already_checked_in', `Someone has already checked in to the shift on ${described}, so it stays.`);
    if (await shiftInSwap(tx, shiftId)) throw domainError.conflict('in_swap', `The shift on ${described} is part of a swap, so it cannot be removed; cancel it for that date instead.`);
    await deleteShift(tx, shiftId);
    await appendLedger(tx, {
      actor: { kind: 'user', id: user.id },
      action: 'shift.one_off_removed',
      entity: `shift:${shiftId}`,
      data: { staffId: shift.staffId, date: shift.validFrom, start: shift.startTime, end: shift.endTime },
      at: context.now,
    });
    return shift.validFrom;
  });
  deps.events.emit('rosterChanged', { dates: [date] });
}
