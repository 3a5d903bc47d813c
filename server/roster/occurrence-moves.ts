/**
 * Moving dated occurrences between people, shared by swaps and by a
 * manager's one-day reassignments: check every rule against the database's
 * current state, then write the overrides. Callers run both inside one
 * transaction after locking the people involved (`lockStaffForScheduling`).
 */
import { DateTime } from 'luxon';
import type { Queryable } from '../../storage/database.js';
import { assertRule, domainError } from '../domain-error.js';
import { occurrenceKey, type EffectiveOccurrence } from './effective-schedule.js';
import { assignOccurrence, findSchedulablePeople, loadEffectiveOccurrences, occurrenceHasAttendance } from './roster.queries.js';
import type { Occurrence } from './occurrences.js';
import { checkScheduleChange, describeOccurrence } from './schedule-rules.js';
import { lockStaffForScheduling } from './shifts.queries.js';

/** Occurrence (shift, date), now worked by `from`, to be worked by `to`. */
export type Move = { shiftId: number; date: string; from: number; to: number };

/**
 * `byManager`: a manager may still change an occurrence nobody has checked
 * into after it started (the 6 a.m. sick call), until it ends; a swap may not.
 */
export type MoveContext = { zone: string; minRestHours: number; now: Date; byManager?: boolean };

/** Locks the staff rows in id order, so two transactions locking the same people cannot deadlock. */
export async function lockPeople(tx: Queryable, staffIds: readonly number[]): Promise<void> {
  for (const id of [...new Set(staffIds)].sort((a, b) => a - b)) await lockStaffForScheduling(tx, id);
}

/** The occurrence as it is now, or a 409 saying why it cannot be moved. */
export async function findMovableOccurrence(
  tx: Queryable,
  key: { shiftId: number; date: string },
  expectedHolder: number | undefined,
  context: MoveContext,
): Promise<EffectiveOccurrence> {
  const day = DateTime.fromISO(key.date, { zone: 'UTC' });
  const occurrences = await loadEffectiveOccurrences(tx, {
    from: key.date,
    to: key.date,
    zone: context.zone,
    staffIds: expectedHolder === undefined ? undefined : [expectedHolder],
  });
  const occurrence = occurrences.find((o) => occurrenceKey(o) === occurrenceKey(key));
  if (!occurrence) {
    const whose = expectedHolder === undefined ? '' : ' for this person';
    throw domainError.conflict('occurrence_not_found', `There is no shift ${key.shiftId} on ${day.toFormat('cccc d LLLL yyyy')}${whose}: it may have been moved, cancelled or removed.`);
  }
  assertStillChangeable(occurrence, context);
  if (await occurrenceHasAttendance(tx, key)) throw domainError.conflict('already_checked_in', `Someone has already checked in to the shift on ${describeOccurrence(occurrence)}.`);
  return occurrence;
}

/** A 409 once the occurrence has started (for a manager: ended). */
export function assertStillChangeable(occurrence: Occurrence, context: MoveContext): void {
  const now = context.now.getTime();
  if (context.byManager && occurrence.end.toMillis() <= now) {
    throw domainError.conflict('shift_ended', `The shift on ${describeOccurrence(occurrence)} has already ended, so it can no longer be changed: record what happened in Timesheets instead.`);
  }
  if (!context.byManager && occurrence.start.toMillis() <= now) {
    throw domainError.conflict('shift_started', `The shift on ${describeOccurrence(occurrence)} has already started, so it can no longer be changed.`);
  }
}

/**
 * Checks every rule for every person the moves touch; throws a 409 naming
 * the rule and the shifts. For a swap (`bySwap`), an occurrence another
 * swap already moved cannot move again; a manager's change can.
 */
export async function checkMoves(tx: Queryable, moves: readonly Move[], context: MoveContext, options: { bySwap?: boolean } = {}): Promise<void> {
  const moving: EffectiveOccurrence[] = [];
  for (const move of moves) {
    const occurrence = await findMovableOccurrence(tx, move, move.from, context);
    if (options.bySwap && occurrence.swapId !== null) {
      throw domainError.conflict('already_moved', `The shift on ${describeOccurrence(occurrence)} has already been moved by another swap, so it cannot be swapped again.`);
    }
    moving.push(occurrence);
  }
  for (const personId of new Set(moves.map((move) => move.to))) {
    await checkPersonTakes(tx, personId, {
      leaving: moves.filter((move) => move.from === personId),
      arriving: moves.flatMap((move, i) => (move.to === personId ? [{ ...moving[i]!, staffId: personId }] : [])),
    }, context);
  }
}

/**
 * Checks that `personId` may work `arriving` (new occurrences, or ones they
 * work with other times) once `leaving` is no longer theirs: active, not on
 * a weekly day off, no overlap, enough rest. Throws a 409 naming the rule.
 */
export async function checkPersonTakes(
  tx: Queryable,
  personId: number,
  change: { leaving: readonly { shiftId: number; date: string }[]; arriving: readonly Occurrence[] },
  context: MoveContext,
): Promise<void> {
  const [person] = await findSchedulablePeople(tx, [personId]);
  if (!person || !person.active) throw domainError.conflict('staff_inactive', `Staff member ${personId} is not active, so cannot take shifts.`);
  const dates = change.arriving.map((occurrence) => DateTime.fromISO(occurrence.date, { zone: 'UTC' }));
  const from = DateTime.min(...dates)!.minus({ days: 2 }).toISODate()!;
  const to = DateTime.max(...dates)!.plus({ days: 2 }).toISODate()!;
  const schedule = await loadEffectiveOccurrences(tx, { from, to, zone: context.zone, staffIds: [personId] });
  assertRule(
    checkScheduleChange({
      person: { staffId: person.id, name: person.name, weeklyOffs: person.weeklyOffs },
      schedule,
      leaving: change.leaving,
      arriving: change.arriving,
      minRestHours: context.minRestHours,
    }),
  );
}

/**
 * Writes the overrides. With `swapId`, an occurrence already moved by
 * another swap is refused by the database itself: the unique (shift, date)
 * row is only taken over while no swap owns it, so two racing swaps cannot
 * both move one occurrence.
 */
export async function writeMoves(tx: Queryable, moves: readonly Move[], by: { swapId?: number; userId?: number }): Promise<void> {
  for (const move of moves) {
    if (!(await assignOccurrence(tx, move, by))) {
      throw domainError.conflict('already_moved', `The shift on ${move.date} has already been moved by another swap.`);
    }
  }
}
