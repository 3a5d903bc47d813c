/**
 * Reading a timesheet for a date range, a batch of people at a time: the
 * effective schedule, punches, absences and approvals, built into entries by
 * the pure `buildTimesheet`. A month for 1,000 people is ~27,000 occurrences
 * and ~54,000 punches; read and built in one go that held the event loop
 * for over a second (the embedded database runs on it too), so the work is
 * done in pieces with a pause for other requests between them, and exports
 * stream each batch out.
 *
 * The schedule and punches are read a week at a time; entries are built and
 * written for a batch of people at a time, in name order (so the batches
 * of a CSV follow each other). An entry belongs to whoever punched it, else
 * to whoever it is scheduled for: a batch takes its people's occurrences
 * and every punch on them, plus its people's punches anywhere, and keeps
 * the entries that are theirs.
 * Weekly overtime needs the whole week, so a range that starts mid-week
 * reads from that week's first day.
 */
import type { AppDeps } from '../http/app-env.js';
import { ledgerHead } from '../ledger/ledger.queries.js';
import { occurrenceKey, type EffectiveOccurrence } from '../roster/effective-schedule.js';
import { addDays } from '../roster/occurrences.js';
import { effectiveOccurrencesFrom, loadScheduleInputs } from '../roster/roster.queries.js';
import { getSettings, type OrgSettings } from '../settings/settings.queries.js';
import { listApprovals, type ApprovalRow } from './approvals.queries.js';
import { weekStartOf } from './hours.js';
import { buildTimesheet, type TimesheetEntry } from './timesheet-rows.js';
import { listAbsences, listAllStaff, listPunches, listUsernames, type PunchRecord } from './timesheet.queries.js';

export type TimesheetContext = {
  settings: OrgSettings;
  /** The ledger's head when the timesheet was read, so an export can be checked against `verify` later. */
  ledgerHead: { seq: number; hash: string } | undefined;
};

export type TimesheetBatch = { entries: TimesheetEntry[]; staffNames: Map<number, string>; usernames: Map<number, string> };

export type LoadedTimesheet = TimesheetContext & TimesheetBatch;

export type TimesheetRange = { from: string; to: string; staffIds?: readonly number[]; /** Whether punches carry their photo ids (default: yes). */ withPhotos?: boolean };

const batchSize = 50;

/** Lets other requests in: awaiting a query alone does not reach the event loop's I/O phase. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** The range in pieces of at most a week: each piece's punches are one query the embedded database answers in tens of milliseconds. */
function weeksOf(from: string, to: string): { from: string; to: string }[] {
  const pieces: { from: string; to: string }[] = [];
  for (let start = from; start <= to; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    pieces.push({ from: start, to: end < to ? end : to });
  }
  return pieces;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The context, then an async iterable of batches in name order. */
export async function readTimesheet(deps: AppDeps, range: TimesheetRange): Promise<TimesheetContext & { batches: AsyncIterable<TimesheetBatch> }> {
  const { db } = deps;
  const settings = await getSettings(db, deps.config.orgTimezone);
  const head = await ledgerHead(db);
  const readFrom = weekStartOf(range.from, settings.weekStartsOn);
  const wanted = range.staffIds && new Set(range.staffIds);
  const byName = new Intl.Collator().compare;
  const people = (await listAllStaff(db)).filter((p) => !wanted || wanted.has(p.id)).sort((a, b) => byName(a.name, b.name) || a.id - b.id);
  const absences = await listAbsences(db, range);
  const approvalsOf = groupByStaff(await listApprovals(db, range, range.staffIds));
  const now = deps.clock.now();
  await breathe();

  // Read a week at a time, letting other requests in between.
  const occurrencesOf = new Map<number, EffectiveOccurrence[]>();
  const punchesOf = new Map<number, PunchRecord[]>();
  const punchesOn = new Map<string, PunchRecord[]>();
  const schedule = await loadScheduleInputs(db, { from: readFrom, to: range.to, staffIds: range.staffIds });
  await breathe();
  for (const week of weeksOf(readFrom, range.to)) {
    const occurrences = schedule ? effectiveOccurrencesFrom(schedule, { ...week, zone: settings.timezone }) : [];
    for (const o of occurrences) push(occurrencesOf, o.staffId, o);
    await breathe();
    // For one person's own timesheet, also the punches others made on their shifts.
    const shiftIds = range.staffIds ? [...new Set(occurrences.map((o) => o.shiftId))] : undefined;
    for (const p of await listPunches(db, { ...week, staffIds: range.staffIds, shiftIds, withPhotos: range.withPhotos })) {
      push(punchesOf, p.staffId, p);
      push(punchesOn, occurrenceKey({ shiftId: p.shiftId, date: p.occurrenceDate }), p);
    }
    await breathe();
  }

  async function* batches(): AsyncGenerator<TimesheetBatch> {
    for (let start = 0; start < people.length; start += batchSize) {
      const batch = people.slice(start, start + batchSize);
      const mine = new Set(batch.map((p) => p.id));
      const occurrences = batch.flatMap((p) => occurrencesOf.get(p.id) ?? []);
      const punches = new Set(batch.flatMap((p) => punchesOf.get(p.id) ?? []));
      for (const o of occurrences) for (const p of punchesOn.get(occurrenceKey(o)) ?? []) punches.add(p);
      const entries = buildTimesheet({
        occurrences,
        punches: [...punches],
        absences,
        isApproved: (staffId, date) => (approvalsOf.get(staffId) ?? []).some((a) => a.fromDate <= date && a.toDate >= date),
        rules: settings,
        windowMinutes: settings.windowMinutes,
        now,
        range,
      }).filter((entry) => mine.has(entry.staffId));
      if (entries.length === 0) continue;
      const usernames = await listUsernames(db, [...new Set(entries.flatMap((e) => (e.correctedBy === null ? [] : [e.correctedBy])))]);
      yield { entries, staffNames: new Map(batch.map((p) => [p.id, p.name])), usernames };
      await breathe();
    }
  }
  return { settings, ledgerHead: head, batches: batches() };
}

function groupByStaff(approvals: readonly ApprovalRow[]): Map<number, ApprovalRow[]> {
  const grouped = new Map<number, ApprovalRow[]>();
  for (const approval of approvals) grouped.set(approval.staffId, [...(grouped.get(approval.staffId) ?? []), approval]);
  return grouped;
}

/** The whole timesheet at once, for what needs every entry together (approval, the exceptions queue, totals). */
export async function loadTimesheet(deps: AppDeps, range: TimesheetRange): Promise<LoadedTimesheet> {
  const { batches, ...context } = await readTimesheet(deps, range);
  const loaded: LoadedTimesheet = { ...context, entries: [], staffNames: new Map(), usernames: new Map() };
  for await (const batch of batches) {
    loaded.entries.push(...batch.entries);
    for (const [id, name] of batch.staffNames) loaded.staffNames.set(id, name);
    for (const [id, name] of batch.usernames) loaded.usernames.set(id, name);
  }
  return loaded;
}
