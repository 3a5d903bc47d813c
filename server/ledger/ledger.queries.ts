/**
 * The ledger table: appending an entry inside the transaction of the change
 * it records, and reading entries back. Every process appends to one chain,
 * so the head is read and the entry written under a transaction-scoped
 * advisory lock: the lock is released by the commit (or rollback) that
 * makes the entry visible, so the next appender always sees it.
 *
 * @example
 *   await db.transaction(async (tx) => {
 *     const [row] = await tx.insert(absences).values(…).returning();
 *     await appendLedger(tx, { actor: { kind: 'user', id: 1 }, action: 'absence.recorded', entity: `absence:${row.id}`, data: absenceData(row), at: now });
 *   });
 */
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { ledger } from '../../storage/schema.js';
import { canonicalJson, hashTextUpToSeq, nextEntry, type LedgerActor, type LedgerEntry } from './chain.js';

/** Any fixed number shared by every process; distinct from the migration lock's. */
const ledgerLockKey = 0x4c454447; // "LEDG"

export type LedgerChange = { actor: LedgerActor; action: string; entity: string; data: unknown; at: Date };

export function actorText(actor: LedgerActor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}

export function parseActor(text: string): LedgerActor | string {
  if (text === 'system') return { kind: 'system' };
  const match = /^(user|kiosk):(\d+)$/.exec(text);
  // Anything else is kept as it was stored, so that the hash check (not a parse error) names the entry.
  return match ? { kind: match[1] as 'user' | 'kiosk', id: Number(match[2]) } : text;
}

type LedgerRow = typeof ledger.$inferSelect;

export function entryOfRow(row: LedgerRow): LedgerEntry {
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    data = row.data;
  }
  return { seq: row.seq, at: row.at.toISOString(), actor: parseActor(row.actor) as LedgerActor, action: row.action, entity: row.entity, data, prevHash: row.prevHash, hash: row.hash };
}

/** Transactions that hold the ledger's lock (a nested one, a savepoint, is an object of its own and asks again, harmlessly). */
const holdingLock = new WeakSet<Transaction>();

/**
 * Takes the ledger's lock until the transaction ends. A transaction that
 * checks something before changing it (is the punch still the latest? is
 * the period approved?) takes it first, so the check and the entry see the
 * same chain; taking it again is free.
 */
export async function lockLedger(tx: Transaction): Promise<void> {
  // Held until the transaction ends: asking again would cost a round trip for nothing.
  if (holdingLock.has(tx)) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${ledgerLockKey})`);
  holdingLock.add(tx);
}

/**
 * A transaction that appends to the ledger, with the ledger's lock taken
 * first. Every such transaction takes it before any row or table lock: a
 * punch holds the ledger's lock while its insert waits on the staff row, so
 * one that locked the row first and the ledger second could deadlock with it.
 */
export function ledgerTransaction<T>(db: Queryable, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    return work(tx);
  });
}

/** Appends one entry after the current head. Must run inside the transaction that makes the change. */
export async function appendLedger(tx: Transaction, change: LedgerChange): Promise<LedgerEntry> {
  await lockLedger(tx);
  const [head] = await tx.select({ seq: ledger.seq, hash: ledger.hash }).from(ledger).orderBy(desc(ledger.seq)).limit(1);
  const entry = nextEntry(head, { at: change.at.toISOString(), actor: change.actor, action: change.action, entity: change.entity, data: change.data });
  await tx.insert(ledger).values({
    seq: entry.seq,
    at: change.at,
    actor: actorText(entry.actor),
    action: entry.action,
    entity: entry.entity,
    data: canonicalJson(entry.data),
    prevHash: entry.prevHash,
    hash: entry.hash,
  });
  return entry;
}

/**
 * For a statement that appends in the same round trip as the change it
 * records: the head once the ledger's lock is held (migration 0020), as the
 * body of a `with`. An empty ledger's head is seq 0 and the genesis hash.
 */
export const ledgerHeadUnderLock = sql`select seq, hash from ledger_head_under_lock(${ledgerLockKey})`;

/**
 * The entry for `change` as an insert for a `with` after `head` (a CTE of
 * `ledgerHeadUnderLock`), written only if `source` (a CTE) has a row. The
 * database finishes the hash (chain.ts, `hashTextUpToSeq`), as it alone
 * knows the head.
 */
export function ledgerEntryInsertWith(change: LedgerChange, head: SQL, source: SQL): SQL {
  const at = change.at.toISOString();
  const upToSeq = hashTextUpToSeq({ at, actor: change.actor, action: change.action, entity: change.entity, data: change.data });
  return sql`insert into ${ledger} (seq, at, actor, action, entity, data, prev_hash, hash)
    select ${head}.seq + 1, ${at}::timestamptz, ${actorText(change.actor)}::text, ${change.action}::text, ${change.entity}::text, ${canonicalJson(change.data)}::text, ${head}.hash,
      encode(sha256(convert_to(${head}.hash || ${upToSeq}::text || (${head}.seq + 1)::text || '}', 'UTF8')), 'hex')
    from ${head}, ${source}`;
}

/** Appends several entries in order, under one lock. */
export async function appendLedgerEntries(tx: Transaction, changes: readonly LedgerChange[]): Promise<void> {
  for (const change of changes) await appendLedger(tx, change);
}

export async function ledgerHead(db: Queryable): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await db.select({ seq: ledger.seq, hash: ledger.hash }).from(ledger).orderBy(desc(ledger.seq)).limit(1);
  return head;
}

/** Entries with seq greater than `after`, in seq order: the verifier's pages. */
export async function ledgerPage(db: Queryable, after: number, limit: number): Promise<LedgerEntry[]> {
  const rows = await db.select().from(ledger).where(sql`${ledger.seq} > ${after}`).orderBy(ledger.seq).limit(limit);
  return rows.map(entryOfRow);
}

export type AuditFilter = { entity?: string; from?: Date; to?: Date; before?: number; limit: number };

/** Entries newest first, optionally for one entity (`attendance:42`) or a kind of entity (`attendance`). */
export async function listLedgerEntries(db: Queryable, filter: AuditFilter): Promise<LedgerEntry[]> {
  const conditions: (SQL | undefined)[] = [
    filter.entity === undefined ? undefined : filter.entity.includes(':') ? eq(ledger.entity, filter.entity) : sql`${ledger.entity} like ${`${filter.entity}:%`}`,
    filter.from ? gte(ledger.at, filter.from) : undefined,
    filter.to ? lte(ledger.at, filter.to) : undefined,
    filter.before === undefined ? undefined : lt(ledger.seq, filter.before),
  ];
  const rows = await db
    .select()
    .from(ledger)
    .where(and(...conditions))
    .orderBy(desc(ledger.seq))
    .limit(filter.limit);
  return rows.map(entryOfRow);
}
