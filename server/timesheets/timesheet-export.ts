/**
 * The timesheet as JSON, as CSV (one row per occurrence) and as payroll CSV
 * (one row per person), each written a batch at a time (see
 * timesheet.service.ts). Each CSV's last line names the ledger's head, so a
 * file handed to payroll can later be matched against `GET /api/audit/verify`.
 */
import { stringify } from 'csv-stringify/sync';
import { createInstantFormatter } from '../roster/instant-format.js';
import { escapeFormula } from './csv-cells.js';
import type { OccurrenceHours } from './hours.js';
import { paidMinutes, type PunchChain, type TimesheetEntry } from './timesheet-rows.js';
import type { PunchRecord } from './punch-records.js';
import type { BatchContext, TimesheetBatch } from './timesheet-batch.js';
import { photoUrl } from '../../storage/photo-store.js';

const nameOf = (names: ReadonlyMap<number, string>, id: number) => names.get(id) ?? `Staff ${id}`;

/** Fields that are usually empty are left out when they are: a month's export holds tens of thousands of punches. */
function punchJson(punch: PunchRecord, iso: (instant: Date) => string) {
  return {
    id: punch.id,
    at: iso(punch.at),
    status: punch.status,
    source: punch.source,
    photoUrl: punch.photoId ? photoUrl(punch.photoId) : null,
    ...(punch.kioskId !== null && { kioskId: punch.kioskId }),
    ...(punch.supersedesId !== null && { supersedes: punch.supersedesId }),
    ...(punch.source === 'manager' && { reason: punch.reason, createdBy: punch.createdBy, recordedAt: iso(punch.recordedAt) }),
    ...(punch.voided && { voided: { reason: punch.voided.reason, by: punch.voided.by, ...(punch.voided.byKiosk !== null && { byKiosk: punch.voided.byKiosk }), at: iso(punch.voided.at) } }),
  };
}

/**
 * `final` is the punch that counts; `original` (the punch as first recorded)
 * and `history` appear once it was corrected or voided. Most punches never
 * are, and repeating them would double the export.
 */
function chainJson(chain: PunchChain | null, iso: (instant: Date) => string) {
  if (!chain) return { final: null, history: [] };
  if (chain.final === chain.original) return { final: punchJson(chain.final, iso), history: [] };
  return { original: punchJson(chain.original, iso), final: chain.final && punchJson(chain.final, iso), history: chain.history.map((p) => punchJson(p, iso)) };
}

export function timesheetJson(loaded: TimesheetBatch, zone: string) {
  const iso = createInstantFormatter(zone);
  return loaded.entries.map((entry) => ({
    staff: entry.staffId,
    staffName: nameOf(loaded.staffNames, entry.staffId),
    shiftId: entry.shiftId,
    date: entry.date,
    start: iso(entry.scheduledStart),
    end: iso(entry.scheduledEnd),
    outcome: entry.outcome,
    late: entry.late,
    checkIn: chainJson(entry.checkIn, iso),
    checkOut: chainJson(entry.checkOut, iso),
    absence: entry.absence && { id: entry.absence.id, type: entry.absence.type, note: entry.absence.note },
    ...entry.hours,
    paidMinutes: paidMinutes(entry.hours),
    approved: entry.approved,
    correctedBy: entry.correctedBy === null ? null : { id: entry.correctedBy, username: loaded.usernames.get(entry.correctedBy) ?? null },
    reason: entry.reason,
  }));
}

/** The first nine columns are the original export's, unchanged; the rest came with corrections and hours rules. */
export const timesheetColumns = [
  'staff_id', 'staff', 'date', 'scheduled_start', 'scheduled_end', 'check_in', 'check_out', 'status', 'hours',
  'outcome', 'original_check_in', 'original_check_out', 'worked_minutes', 'break_minutes', 'regular_minutes', 'overtime_minutes',
  'approved', 'corrected_by', 'reason',
];

/** The original export's status word for an outcome. */
function legacyStatus(entry: TimesheetEntry): string {
  switch (entry.outcome) {
    case 'complete':
      return entry.late ? 'late' : 'on_time';
    case 'missing_check_out':
      return 'no_check_out';
    case 'missing_check_in':
      return 'no_check_in';
    default:
      return entry.outcome;
  }
}

const hoursText = (minutes: number) => (minutes / 60).toFixed(2);

/** Numbers are written as text ("8.00"); every other text cell may hold what someone typed, such as a name or a reason. */
function csvLines(rows: (string | number)[][], numberColumns: ReadonlySet<number>): string {
  return stringify(rows.map((row) => row.map((value, i) => (numberColumns.has(i) || typeof value === 'number' ? String(value) : escapeFormula(value)))));
}

export const csvHeader = (columns: readonly string[]) => stringify([[...columns]]);

/** The last line of every CSV export. */
export function ledgerLine(head: { seq: number; hash: string } | undefined): string {
  return head ? `# ledger head: entry ${head.seq}, ${head.hash}\n` : '# ledger head: empty ledger\n';
}

const byName = (names: ReadonlyMap<number, string>) => {
  // One collator for the whole sort: `localeCompare` builds one per call.
  const compare = new Intl.Collator().compare;
  return (a: number, b: number) => compare(nameOf(names, a), nameOf(names, b)) || a - b;
};

/** One batch's rows, without the header. */
export function timesheetCsvRows(loaded: TimesheetBatch, zone: string): string {
  const local = createInstantFormatter(zone, 'local-minute');
  const time = (punch: PunchRecord | null | undefined) => (punch ? local(punch.at) : '');
  const people = byName(loaded.staffNames);
  const entries = [...loaded.entries].sort((a, b) => people(a.staffId, b.staffId) || a.scheduledStart.getTime() - b.scheduledStart.getTime());
  const rows = entries.map((e) => [
    e.staffId,
    nameOf(loaded.staffNames, e.staffId),
    e.date,
    local(e.scheduledStart),
    local(e.scheduledEnd),
    time(e.checkIn?.final),
    time(e.checkOut?.final),
    legacyStatus(e),
    e.outcome === 'complete' ? hoursText(paidMinutes(e.hours)) : '',
    e.outcome,
    time(e.checkIn?.original),
    time(e.checkOut?.original),
    e.hours.workedMinutes,
    e.hours.breakMinutes,
    e.hours.regularMinutes,
    e.hours.overtimeMinutes,
    e.approved ? 'yes' : 'no',
    e.correctedBy === null ? '' : (loaded.usernames.get(e.correctedBy) ?? `user ${e.correctedBy}`),
    e.reason ?? '',
  ]);
  return csvLines(rows, new Set([0, 8, 12, 13, 14, 15]));
}

export type PersonTotals = OccurrenceHours & {
  staffId: number;
  scheduled: number;
  complete: number;
  late: number;
  missed: number;
  excused: number;
  needsAttention: number;
  approvedOccurrences: number;
};

export function personTotals(entries: readonly TimesheetEntry[]): PersonTotals[] {
  const totals = new Map<number, PersonTotals>();
  for (const e of entries) {
    let t = totals.get(e.staffId);
    if (!t) {
      t = { staffId: e.staffId, scheduled: 0, complete: 0, late: 0, missed: 0, excused: 0, needsAttention: 0, approvedOccurrences: 0, workedMinutes: 0, breakMinutes: 0, regularMinutes: 0, overtimeMinutes: 0 };
      totals.set(e.staffId, t);
    }
    t.scheduled += 1;
    if (e.outcome === 'complete') t.complete += 1;
    if (e.late) t.late += 1;
    if (e.outcome === 'missed') t.missed += 1;
    if (e.outcome === 'excused') t.excused += 1;
    if (e.outcome === 'missing_check_in' || e.outcome === 'missing_check_out') t.needsAttention += 1;
    if (e.approved) t.approvedOccurrences += 1;
    t.workedMinutes += e.hours.workedMinutes;
    t.breakMinutes += e.hours.breakMinutes;
    t.regularMinutes += e.hours.regularMinutes;
    t.overtimeMinutes += e.hours.overtimeMinutes;
  }
  return [...totals.values()];
}

export const payrollColumns = [
  'staff_id', 'staff', 'from', 'to', 'shifts', 'worked', 'late', 'missed', 'excused', 'needs_attention',
  'worked_hours', 'break_hours', 'regular_hours', 'overtime_hours', 'paid_hours', 'approved',
];

/** One batch's payroll rows, without the header. */
export function payrollCsvRows(loaded: TimesheetBatch, range: { from: string; to: string }): string {
  const people = byName(loaded.staffNames);
  const rows = personTotals(loaded.entries)
    .sort((a, b) => people(a.staffId, b.staffId))
    .map((t) => [
      t.staffId,
      nameOf(loaded.staffNames, t.staffId),
      range.from,
      range.to,
      t.scheduled,
      t.complete,
      t.late,
      t.missed,
      t.excused,
      t.needsAttention,
      hoursText(t.workedMinutes),
      hoursText(t.breakMinutes),
      hoursText(t.regularMinutes),
      hoursText(t.overtimeMinutes),
      hoursText(t.regularMinutes + t.overtimeMinutes),
      t.approvedOccurrences === t.scheduled ? 'yes' : t.approvedOccurrences === 0 ? 'no' : 'partly',
    ]);
  return csvLines(rows, new Set([10, 11, 12, 13, 14]));
}

export type ExportFormat = 'json' | 'timesheet-csv' | 'payroll-csv';

/** One batch as a piece of its export: CSV rows, or the JSON array's items without the brackets. */
export function renderBatch(format: ExportFormat, batch: TimesheetBatch, context: BatchContext): string {
  switch (format) {
    case 'json':
      return JSON.stringify(timesheetJson(batch, context.settings.timezone)).slice(1, -1);
    case 'timesheet-csv':
      return timesheetCsvRows(batch, context.settings.timezone);
    case 'payroll-csv':
      return payrollCsvRows(batch, context.range);
  }
}
