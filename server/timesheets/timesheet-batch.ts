/**
 * One batch of a timesheet, built from plain inputs: the batch's people,
 * their occurrences, the punches on them or by them (as read, unparsed), and
 * the absences and approvals of the range. Plain in and out, so the building
 * can run on a worker thread while the main thread reads the next batch.
 */
import type { OrgSettings } from '../settings/settings.queries.js';
import type { ApprovalRow } from './approvals.queries.js';
import { punchRecordsFrom, type RawPunches } from './punch-records.js';
import { buildTimesheet, type AbsenceRecord, type ScheduledSlot, type TimesheetEntry } from './timesheet-rows.js';

export type TimesheetBatch = { entries: TimesheetEntry[]; staffNames: Map<number, string>; usernames: Map<number, string> };

export type BatchInputs = {
  people: { id: number; name: string }[];
  occurrences: ScheduledSlot[];
  punches: RawPunches;
  /** Who corrected or voided these punches, by user id. */
  usernames: [number, string][];
  approvals: ApprovalRow[];
  absences: AbsenceRecord[];
};

/** Adds `value` to the list at `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What every batch of one timesheet shares. */
export type BatchContext = { settings: OrgSettings; now: Date; range: { from: string; to: string } };

/**
 * The batch's entries. An entry belongs to whoever punched it, else to
 * whoever it is scheduled for; the inputs hold every punch on the batch's
 * occurrences, so an occurrence someone else worked is left to their batch.
 */
export function buildBatch(inputs: BatchInputs, context: BatchContext): TimesheetBatch {
  const mine = new Set(inputs.people.map((p) => p.id));
  const approvalsOf = new Map<number, ApprovalRow[]>();
  for (const approval of inputs.approvals) push(approvalsOf, approval.staffId, approval);
  const entries = buildTimesheet({
    occurrences: inputs.occurrences,
    punches: punchRecordsFrom(inputs.punches),
    absences: inputs.absences,
    isApproved: (staffId, date) => (approvalsOf.get(staffId) ?? []).some((a) => a.fromDate <= date && a.toDate >= date),
    rules: context.settings,
    windowMinutes: context.settings.windowMinutes,
    now: context.now,
    range: context.range,
  }).filter((entry) => mine.has(entry.staffId));
  return { entries, staffNames: new Map(inputs.people.map((p) => [p.id, p.name])), usernames: new Map(inputs.usernames) };
}
