/**
 * Reading a timesheet for a date range, a batch of people at a time: the
 * effective schedule, punches, absences and approvals, as plain inputs for
 * `buildBatch`. A month for 1,000 people is ~27,000 occurrences and ~54,000
 * punches; read and built in one go that held the event loop for over a
 * second (the embedded database runs on it too), so each batch is one small
 * read with a pause for other requests after it. Exports build and write
 * the batches on a worker thread (timesheet-render.ts); what needs the
 * entries themselves (approval, the exceptions queue, totals) builds them
 * here.
 *
 * Batches follow name order (so the batches of a CSV follow each other).
 * Each holds its people's occurrences, every punch on those shifts and
 * every punch its people made; `buildBatch` keeps the entries that are
 * theirs. Weekly overtime needs the whole week, so a range that starts
 * mid-week reads from that week's first day.
 */
// `breathe` lets other requests in: awaiting a query alone does not reach the event loop's I/O phase.
import { setImmediate as breathe } from 'node:timers/promises';
import type { AppDeps } from '../http/app-env.js';
import { ledgerHead } from '../ledger/ledger.queries.js';
import { addDays } from '../roster/occurrences.js';
import { effectiveOccurrencesFrom, loadScheduleInputs } from '../roster/roster.queries.js';
import { getSettings, type OrgSettings } from '../settings/settings.queries.js';
import { listApprovals } from './approvals.queries.js';
import { weekStartOf } from './hours.js';
import { correctorsOf } from './punch-records.js';
import { buildBatch, push, type BatchContext, type BatchInputs, type TimesheetBatch } from './timesheet-batch.js';
import { scheduledSlot, type ScheduledSlot } from './timesheet-rows.js';
import { listAbsences, listAllStaff, listUsernames, readCorrections, readPunches } from './timesheet.queries.js';

export type TimesheetContext = {
  settings: OrgSettings;
  /** The ledger's head when the timesheet was read, so an export can be checked against `verify` later. */
  ledgerHead: { seq: number; hash: string } | undefined;
};

export type { TimesheetBatch } from './timesheet-batch.js';

export type LoadedTimesheet = TimesheetContext & TimesheetBatch;

export type TimesheetRange = { from: string; to: string; staffIds?: readonly number[]; /** Whether punches carry their photo ids (default: yes). */ withPhotos?: boolean };

const batchSize = 50;


/** The range in pieces of at most a week, so working out the schedule never holds the event loop for long. */
function weeksOf(from: string, to: string): { from: string; to: string }[] {
  const pieces: { from: string; to: string }[] = [];
  for (let start = from; start <= to; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    pieces.push({ from: start, to: end < to ? end : to });
  }
  return pieces;
}

/** The context, then an async iterable of each batch's inputs in name order. */
export async function readTimesheet(deps: AppDeps, range: TimesheetRange): Promise<TimesheetContext & BatchContext & { batches: AsyncIterable<BatchInputs> }> {
  const { db } = deps;
  const settings = await getSettings(db, deps.config.orgTimezone);
  const head = await ledgerHead(db);
  const readFrom = weekStartOf(range.from, settings.weekStartsOn);
  const wanted = range.staffIds && new Set(range.staffIds);
  const byName = new Intl.Collator().compare;
  const people = (await listAllStaff(db)).filter((p) => !wanted || wanted.has(p.id)).sort((a, b) => byName(a.name, b.name) || a.id - b.id);
  const absences = await listAbsences(db, range);
  const approvalsOf = new Map<number, Awaited<ReturnType<typeof listApprovals>>>();
  for (const approval of await listApprovals(db, range, range.staffIds)) push(approvalsOf, approval.staffId, approval);
  const corrections = await readCorrections(db, { from: readFrom, to: range.to });
  const usernames = await listUsernames(db, correctorsOf(corrections));
  const now = deps.clock.now();
  await breathe();

  const occurrencesOf = new Map<number, ScheduledSlot[]>();
  const schedule = await loadScheduleInputs(db, { from: readFrom, to: range.to, staffIds: range.staffIds });
  await breathe();
  for (const week of weeksOf(readFrom, range.to)) {
    for (const o of schedule ? effectiveOccurrencesFrom(schedule, { ...week, zone: settings.timezone }) : []) push(occurrencesOf, o.staffId, scheduledSlot(o));
    await breathe();
  }

  async function read(start: number): Promise<BatchInputs> {
    const batch = people.slice(start, start + batchSize);
    const occurrences = batch.flatMap((p) => occurrencesOf.get(p.id) ?? []);
    const staffIds = batch.map((p) => p.id);
    const shiftIds = [...new Set(occurrences.map((o) => o.shiftId))];
    const punches = await readPunches(db, { from: readFrom, to: range.to, staffIds, shiftIds, withPhotos: range.withPhotos });
    // The same people-or-shifts rule as the punches read; a correction beyond them is simply not used.
    const theirs = new Set(staffIds), onTheirShifts = new Set(shiftIds);
    const batchCorrections = corrections.filter((c) => theirs.has(c[8]) || onTheirShifts.has(c[9]));
    const named = correctorsOf(batchCorrections).flatMap((id): [number, string][] => (usernames.has(id) ? [[id, usernames.get(id)!]] : []));
    return { people: batch, occurrences, punches: { punches, corrections: batchCorrections }, usernames: named, approvals: staffIds.flatMap((id) => approvalsOf.get(id) ?? []), absences };
  }
  async function* batches(): AsyncGenerator<BatchInputs> {
    // The next batch is read while this one is built and written: on a server the query runs in another process.
    let next = people.length > 0 ? read(0) : undefined;
    for (let start = 0; next; start += batchSize) {
      const inputs = await next;
      next = start + batchSize < people.length ? read(start + batchSize) : undefined;
      // A reader that stops early (a client gone) leaves the read ahead unawaited: it must not count as unhandled.
      next?.catch(() => undefined);
      yield inputs;
      await breathe();
    }
  }
  return { settings, now, range: { from: range.from, to: range.to }, ledgerHead: head, batches: batches() };
}

/** The whole timesheet at once, for what needs every entry together (approval, the exceptions queue, totals). */
export async function loadTimesheet(deps: AppDeps, range: TimesheetRange): Promise<LoadedTimesheet> {
  const { batches, ...context } = await readTimesheet(deps, range);
  const loaded: LoadedTimesheet = { settings: context.settings, ledgerHead: context.ledgerHead, entries: [], staffNames: new Map(), usernames: new Map() };
  for await (const inputs of batches) {
    const batch = buildBatch(inputs, context);
    loaded.entries.push(...batch.entries);
    for (const [id, name] of batch.staffNames) loaded.staffNames.set(id, name);
    for (const [id, name] of batch.usernames) loaded.usernames.set(id, name);
  }
  return loaded;
}
