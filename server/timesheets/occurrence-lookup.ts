/**
 * One shift occurrence, for a manager's change to it (a correction, an
 * absence): from the effective schedule, or, when the schedule no longer
 * has it (a shift since removed), from the times its punches were checked
 * against.
 */
import type { Queryable } from '../../storage/database.js';
import { domainError } from '../domain-error.js';
import { findFirstPunchOfOccurrence } from '../attendance/attendance.queries.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { listStaffNames } from '../staff/staff.queries.js';

export type ScheduledOccurrence = { shiftId: number; date: string; staffId: number; staffName: string; start: Date; end: Date };

export async function findOccurrence(db: Queryable, key: { shiftId: number; date: string }, zone: string): Promise<ScheduledOccurrence | undefined> {
  const scheduled = (await loadEffectiveOccurrences(db, { from: key.date, to: key.date, zone })).find((o) => o.shiftId === key.shiftId);
  let found: Omit<ScheduledOccurrence, 'staffName'> | undefined = scheduled && {
    ...key,
    staffId: scheduled.staffId,
    start: scheduled.start.toJSDate(),
    end: scheduled.end.toJSDate(),
  };
  if (!found) {
    const punch = await findFirstPunchOfOccurrence(db, key);
    found = punch && { ...key, staffId: punch.staffId, start: punch.scheduledStart, end: punch.scheduledEnd };
  }
  if (!found) return undefined;
  const names = await listStaffNames(db, [found.staffId]);
  return { ...found, staffName: names.get(found.staffId) ?? `staff ${found.staffId}` };
}

/** The occurrence a manager's change names, refused in a sentence when it does not exist or is not that person's. */
export async function findOccurrenceOf(db: Queryable, staffId: number, key: { shiftId: number; date: string }, zone: string): Promise<ScheduledOccurrence> {
  const occurrence = await findOccurrence(db, key, zone);
  if (!occurrence) throw domainError.unknownReference('shiftId', `There is no shift ${key.shiftId} on ${key.date}.`, 'no such shift on that date');
  if (occurrence.staffId !== staffId) {
    throw domainError.invalid('validation_failed', `Shift ${key.shiftId} on ${key.date} is worked by ${occurrence.staffName}, not by staff ${staffId}.`, {
      staff: ['does not work this shift on that date'],
    });
  }
  return occurrence;
}
