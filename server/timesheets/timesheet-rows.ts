/**
 * The timesheet, as a plain function: one entry per shift occurrence with
 * its schedule, its original and final punches, its outcome (from the one
 * definition in `attendance/occurrence-state.ts`), its hours under the
 * organisation's rules, whether it is approved and who corrected it and
 * why. Occurrences no longer on the schedule (a shift since removed) still
 * get their entry, from the times their punches were checked against.
 */
import { occurrenceOutcome, type Outcome } from '../attendance/occurrence-state.js';
import { occurrenceKey, type EffectiveOccurrence } from '../roster/effective-schedule.js';
import { computeHours, type HoursRules, type OccurrenceHours } from './hours.js';
import type { PunchRecord } from './punch-records.js';
import type { AbsenceRecord } from './timesheet.queries.js';

export type { PunchRecord } from './punch-records.js';
export type { AbsenceRecord } from './timesheet.queries.js';

/** What the builder needs of an occurrence, as plain values (a batch may be built in a worker thread). */
export type ScheduledSlot = { staffId: number; shiftId: number; date: string; start: Date; end: Date };

export const scheduledSlot = (o: EffectiveOccurrence): ScheduledSlot => ({ staffId: o.staffId, shiftId: o.shiftId, date: o.date, start: o.start.toJSDate(), end: o.end.toJSDate() });

export type PunchChain = {
  /** The punch as first recorded. */
  original: PunchRecord;
  /** The punch that counts: the last of the chain, unless voided. */
  final: PunchRecord | null;
  /** Every punch of the chain, oldest first. */
  history: PunchRecord[];
};

export type TimesheetEntry = {
  staffId: number;
  shiftId: number;
  date: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  checkIn: PunchChain | null;
  checkOut: PunchChain | null;
  outcome: Outcome;
  late: boolean;
  absence: AbsenceRecord | null;
  hours: OccurrenceHours;
  approved: boolean;
  /** The manager who last changed a punch here, and why. */
  correctedBy: number | null;
  reason: string | null;
};

const noHours: OccurrenceHours = { workedMinutes: 0, breakMinutes: 0, regularMinutes: 0, overtimeMinutes: 0 };

/** Punches of one occurrence and kind in chain order, following `supersedesId` from the first. */
function chainOf(punches: PunchRecord[]): PunchChain {
  if (punches.length === 1) {
    const [only] = punches as [PunchRecord];
    return { original: only, final: only.voided ? null : only, history: punches };
  }
  const bySupersedes = new Map(punches.map((p) => [p.supersedesId, p]));
  const history: PunchRecord[] = [];
  for (let punch = bySupersedes.get(null); punch && history.length < punches.length; punch = bySupersedes.get(punch.id)) history.push(punch);
  const tip = history.at(-1)!;
  return { original: history[0]!, final: tip.voided ? null : tip, history };
}

type Slot = { staffId: number; shiftId: number; date: string; start: Date; end: Date; punches: PunchRecord[] };

export function buildTimesheet(input: {
  occurrences: readonly ScheduledSlot[];
  punches: readonly PunchRecord[];
  absences: readonly AbsenceRecord[];
  /** Whether this person's date is inside an approved range. */
  isApproved: (staffId: number, date: string) => boolean;
  rules: HoursRules;
  windowMinutes: number;
  now: Date;
  /** Entries outside it are left out; weeks that start before it still count towards weekly overtime. */
  range: { from: string; to: string };
}): TimesheetEntry[] {
  const slots = new Map<string, Slot>();
  for (const o of input.occurrences) {
    slots.set(occurrenceKey(o), { ...o, punches: [] });
  }
  // Punches are grouped in one pass: looking them up per occurrence made a two-month export quadratic.
  for (const p of input.punches) {
    const key = occurrenceKey({ shiftId: p.shiftId, date: p.occurrenceDate });
    let slot = slots.get(key);
    if (!slot) {
      slot = { staffId: p.staffId, shiftId: p.shiftId, date: p.occurrenceDate, start: p.scheduledStart, end: p.scheduledEnd, punches: [] };
      slots.set(key, slot);
    }
    slot.punches.push(p);
  }
  const absences = new Map(input.absences.map((a) => [occurrenceKey({ shiftId: a.shiftId, date: a.occurrenceDate }), a]));

  const entries: TimesheetEntry[] = [];
  for (const [key, slot] of slots) {
    const ins: PunchRecord[] = [];
    const outs: PunchRecord[] = [];
    let changed = false;
    for (const p of slot.punches) {
      (p.kind === 'check_in' ? ins : outs).push(p);
      changed ||= p.source === 'manager' || p.voided !== null;
    }
    const checkIn = ins.length ? chainOf(ins) : null;
    const checkOut = outs.length ? chainOf(outs) : null;
    const absence = absences.get(key) ?? null;
    // Who checked in is who worked it, even if the schedule has since changed.
    const staffId = checkIn?.final?.staffId ?? checkOut?.final?.staffId ?? slot.staffId;
    const { outcome, late } = occurrenceOutcome(
      { startMillis: slot.start.getTime(), endMillis: slot.end.getTime() },
      { checkIn: checkIn?.final ?? undefined, checkOut: checkOut?.final ?? undefined, excused: absence !== null },
      input.windowMinutes,
      input.now,
    );
    const changes = (changed ? [...(checkIn?.history ?? []), ...(checkOut?.history ?? [])] : [])
      .flatMap((p) => [
        ...(p.source === 'manager' ? [{ at: p.recordedAt, by: p.createdBy, reason: p.reason }] : []),
        ...(p.voided ? [{ at: p.voided.at, by: p.voided.by, reason: p.voided.reason }] : []),
      ])
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const lastChange = changes.at(-1);
    entries.push({
      staffId,
      shiftId: slot.shiftId,
      date: slot.date,
      scheduledStart: slot.start,
      scheduledEnd: slot.end,
      checkIn,
      checkOut,
      outcome,
      late,
      absence,
      hours: noHours,
      approved: input.isApproved(staffId, slot.date),
      correctedBy: lastChange?.by ?? null,
      reason: lastChange?.reason ?? null,
    });
  }

  // Hours only where both punches count; weekly overtime is per person.
  const byPerson = new Map<number, TimesheetEntry[]>();
  for (const entry of entries) {
    if (entry.outcome !== 'complete') continue;
    (byPerson.get(entry.staffId) ?? byPerson.set(entry.staffId, []).get(entry.staffId)!).push(entry);
  }
  for (const worked of byPerson.values()) {
    const keyed = new Map(worked.map((entry) => [occurrenceKey(entry), entry]));
    const hours = computeHours(
      worked.map((entry) => ({ key: occurrenceKey(entry), date: entry.date, checkIn: entry.checkIn!.final!.at, checkOut: entry.checkOut!.final!.at })),
      input.rules,
    );
    for (const [key, entryHours] of hours) keyed.get(key)!.hours = entryHours;
  }

  return entries
    .filter((entry) => entry.date >= input.range.from && entry.date <= input.range.to)
    .sort((a, b) => a.staffId - b.staffId || a.scheduledStart.getTime() - b.scheduledStart.getTime() || a.shiftId - b.shiftId);
}

/** Minutes paid: regular plus overtime. */
export const paidMinutes = (hours: OccurrenceHours) => hours.regularMinutes + hours.overtimeMinutes;
