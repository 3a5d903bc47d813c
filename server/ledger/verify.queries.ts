/**
 * `verify`: recomputes the whole chain, page by page, and then checks that
 * every punch, void, absence and approval row still matches the ledger entry
 * that recorded it, and that no recorded row has vanished without an entry
 * saying so. An edit made behind the application's back, in the ledger or
 * in those tables, is found and named.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { asc, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../storage/database.js';
import { absences, attendance, ledger, punchVoids, timesheetApprovals } from '../../storage/schema.js';
import { canonicalJson, createChainVerifier, type ChainVerdict } from './chain.js';
import { ledgerPage } from './ledger.queries.js';
import { absenceLedgerData, approvalLedgerData, punchLedgerData, voidLedgerData } from './recorded-rows.js';

const pageSize = 5000;

/** A table whose rows the ledger records in full. */
type RecordedTable = {
  label: (id: number) => string;
  table: PgTable;
  key: PgColumn;
  /** The key's value in a row as drizzle reads it. */
  idOf: (row: Record<string, unknown>) => number;
  prefix: string;
  /** The actions whose entry holds the row's content. */
  recordedBy: string[];
  /** The action that removes a row on purpose, if any. */
  removedBy?: string;
  /** The row's content as the entry holds it. */
  content: (row: never) => unknown;
};

const recordedTables: RecordedTable[] = [
  {
    label: (id) => `Punch ${id}`,
    table: attendance,
    key: attendance.id,
    idOf: (row) => row.id as number,
    prefix: 'attendance',
    recordedBy: ['attendance.captured', 'attendance.added', 'attendance.corrected'],
    content: punchLedgerData,
  },
  { label: (id) => `The void of punch ${id}`, table: punchVoids, key: punchVoids.attendanceId, idOf: (row) => row.attendanceId as number, prefix: 'attendance', recordedBy: ['attendance.voided'], content: voidLedgerData },
  { label: (id) => `Absence ${id}`, table: absences, key: absences.id, idOf: (row) => row.id as number, prefix: 'absence', recordedBy: ['absence.recorded'], removedBy: 'absence.removed', content: absenceLedgerData },
  {
    label: (id) => `Approval ${id}`,
    table: timesheetApprovals,
    key: timesheetApprovals.id,
    idOf: (row) => row.id as number,
    prefix: 'approval',
    recordedBy: ['timesheet.approved'],
    removedBy: 'timesheet.reopened',
    content: approvalLedgerData,
  },
];

type Broken = { firstBroken: number | null; reason: string };

/** Names the fields of `now` that differ from `recorded`. */
function changedFields(recorded: unknown, now: unknown): string {
  const a = (recorded ?? {}) as Record<string, unknown>;
  const b = (now ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null));
  return keys.length ? keys.join(', ') : 'its content';
}

async function checkRecordedTable(db: Queryable, spec: RecordedTable): Promise<Broken | undefined> {
  const entityOf = sql`${spec.prefix} || ':' || ${spec.key}`;
  const actions = sql.join(spec.recordedBy.map((a) => sql`${a}`), sql`, `);
  // Every row has its entry, with the same content.
  for (let after = 0; ; ) {
    const rows = (await db
      .select({ row: spec.table as never, seq: ledger.seq, data: ledger.data })
      .from(spec.table)
      .leftJoin(ledger, sql`${ledger.entity} = ${entityOf} and ${ledger.action} in (${actions})`)
      .where(gt(spec.key, after))
      .orderBy(asc(spec.key))
      .limit(pageSize)) as unknown as { row: Record<string, unknown>; seq: number | null; data: string | null }[];
    for (const { row, seq, data } of rows) {
      const id = spec.idOf(row);
      if (seq === null || data === null) return { firstBroken: null, reason: `${spec.label(id)} has no ledger entry: it was added behind the application's back.` };
      const recorded: unknown = JSON.parse(data);
      const now = spec.content(row as never);
      if (canonicalJson(recorded) !== canonicalJson(now)) {
        return { firstBroken: seq, reason: `${spec.label(id)} no longer matches ledger entry ${seq}: ${changedFields(recorded, now)} changed.` };
      }
    }
    if (rows.length < pageSize) break;
    after = spec.idOf(rows.at(-1)!.row);
  }
  // Every recorded row is still there, unless an entry says it was removed.
  const keyOfEntity = sql`split_part(${ledger.entity}, ':', 2)::bigint`;
  const removed: SQL = spec.removedBy
    ? sql`and not exists (select 1 from ${ledger} as removal where removal.entity = ${ledger.entity} and removal.action = ${spec.removedBy} and removal.seq > ${ledger.seq})`
    : sql``;
  const [vanished] = (await db
    .select({ seq: ledger.seq, entity: ledger.entity })
    .from(ledger)
    .where(sql`${inArray(ledger.action, spec.recordedBy)} and not exists (select 1 from ${spec.table} where ${spec.key} = ${keyOfEntity}) ${removed}`)
    .orderBy(asc(ledger.seq))
    .limit(1)) as { seq: number; entity: string }[];
  if (vanished) {
    const id = Number(vanished.entity.split(':')[1]);
    return { firstBroken: vanished.seq, reason: `${spec.label(id)}, recorded in ledger entry ${vanished.seq}, has been deleted behind the application's back.` };
  }
  return undefined;
}

export type VerifyVerdict = ChainVerdict | { ok: false; entries: number; firstBroken: number | null; reason: string };

export async function verifyLedger(db: Queryable): Promise<VerifyVerdict> {
  const verifier = createChainVerifier();
  for (let after = 0; ; ) {
    const page = await ledgerPage(db, after, pageSize);
    const failed = verifier.add(page);
    if (failed) return failed;
    if (page.length < pageSize) break;
    after = page.at(-1)!.seq;
    // Hashing a page takes a while: other requests go first between pages.
    await nextTurn();
  }
  const chain = verifier.verdict();
  for (const spec of recordedTables) {
    const broken = await checkRecordedTable(db, spec);
    if (broken) return { ok: false, entries: chain.entries, ...broken };
  }
  return chain;
}
