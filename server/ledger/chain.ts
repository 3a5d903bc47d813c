/**
 * The ledger's hash chain (DESIGN.md, "Timesheets, corrections and the
 * ledger", Ledger): each entry's hash covers its own content and the hash of
 * the entry before it, so editing, removing or reordering any entry is found
 * by recomputing the chain from the start. Pure functions: the table, the
 * lock and the paging are the caller's, so that appending and `verify` share
 * one definition of what an entry's hash is.
 *
 * @example
 *   const first = nextEntry(undefined, { at: new Date().toISOString(), actor: { kind: 'system' }, action: 'settings.changed', entity: 'settings:1', data: { windowMinutes: 60 } });
 *   // → { seq: 1, prevHash: genesisHash, hash: '…', … }
 *   const verifier = createChainVerifier();
 *   for await (const page of pagesInSeqOrder) if (verifier.add(page)) break;
 *   verifier.verdict(); // → { ok: true, entries: 1, head: first.hash }
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type LedgerActor = { kind: 'user'; id: number } | { kind: 'kiosk'; id: number } | { kind: 'system' };

/**
 * What is hashed: everything of an entry except its own hash. `at` is an ISO
 * 8601 UTC string with milliseconds (Date.toISOString()). `data` is
 * JSON-compatible (no Dates, no undefined; callers convert).
 */
export type LedgerEntryContent = { seq: number; at: string; actor: LedgerActor; action: string; entity: string; data: unknown; prevHash: string };

export type LedgerEntry = LedgerEntryContent & { hash: string };

/** The prevHash of entry 1: there is nothing before it. */
export const genesisHash = '0'.repeat(64);

/**
 * Thrown for a value JSON cannot hold. A TypeError, as `canonicalJson`
 * documents; its own class so the verifier can tell a stored entry that
 * cannot be hashed from a bug of its own.
 */
class NotJsonError extends TypeError {
  override name = 'NotJsonError';
  constructor(readonly problem: string) {
    super(`Not JSON data: ${problem}.`);
  }
}

// Paired surrogates are one code point under the `u` flag, so this finds only
// lone ones, which have no UTF-8 form and so no canonical JSON.
const loneSurrogate = /\p{Cs}/u;
const identifier = /^[A-Za-z_$][\w$]*$/;

function describePath(root: string, path: readonly (string | number)[]): string {
  let text = root;
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : identifier.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  return text;
}

function refuseAt(root: string, path: readonly (string | number)[], problem: string): never {
  throw new NotJsonError(`${describePath(root, path)} ${problem}`);
}

/**
 * Refuses what `canonicalize` would drop or change silently (an undefined or
 * function property vanishes, a Map becomes `{}`, a Date becomes a string
 * that reads back as a string, not a Date) or fail on with a bare Error: two values
 * that hash alike must be the same JSON, and what is stored must read back
 * to what was hashed. `ancestors` holds the objects being walked, to name a
 * cycle rather than overflow the stack.
 */
function assertJson(value: unknown, root: string, path: (string | number)[], ancestors: object[]): void {
  switch (typeof value) {
    case 'string':
      if (loneSurrogate.test(value)) refuseAt(root, path, 'is a string with a lone surrogate, which has no UTF-8 form');
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) refuseAt(root, path, `is ${value}; JSON has no non-finite numbers`);
      return;
    case 'undefined':
      return refuseAt(root, path, 'is undefined; leave the key out or use null');
    case 'function':
      return refuseAt(root, path, 'is a function');
    case 'bigint':
      return refuseAt(root, path, `is a bigint (${value}n); convert it to a number or a string`);
    case 'symbol':
      return refuseAt(root, path, 'is a symbol');
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.includes(object)) refuseAt(root, path, 'refers back to an object that contains it');
  ancestors.push(object);
  if (Array.isArray(object)) {
    for (let index = 0; index < object.length; index++) {
      path.push(index);
      // A hole reads as undefined, and would come out as "[,…]", which is not JSON.
      assertJson(object[index], root, path, ancestors);
      path.pop();
    }
  } else {
    const prototype = Object.getPrototypeOf(object);
    if (object instanceof Date) refuseAt(root, path, 'is a Date; convert it with toISOString()');
    if (prototype !== Object.prototype && prototype !== null) refuseAt(root, path, `is an instance of ${prototype?.constructor?.name || 'a class'}, not a plain object`);
    for (const key of Object.keys(object)) {
      path.push(key);
      if (loneSurrogate.test(key)) refuseAt(root, path, 'is a key with a lone surrogate, which has no UTF-8 form');
      assertJson((object as Record<string, unknown>)[key], root, path, ancestors);
      path.pop();
    }
  }
  ancestors.pop();
}

function canonicalJsonOf(value: unknown, root: string): string {
  assertJson(value, root, [], []);
  const json = canonicalize(value);
  // Unreachable after assertJson; kept so a change in the package cannot turn into the string "undefined".
  if (json === undefined) throw new NotJsonError(`${root} has no JSON form`);
  return json;
}

/**
 * RFC 8785 canonical JSON: keys sorted by UTF-16 code units, no whitespace,
 * numbers in ECMAScript's shortest form. Throws a TypeError naming the place
 * and the problem for anything JSON cannot hold (undefined, functions,
 * non-finite numbers, bigints, symbols, Dates and other class instances,
 * lone surrogates, cycles).
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonOf(value, 'value');
}

/**
 * hash = sha256 hex of (prevHash ‖ canonical JSON of the content without
 * prevHash): the UTF-8 bytes of prevHash immediately followed by
 * canonicalJson({seq, at, actor, action, entity, data}).
 */
export function entryHash(content: LedgerEntryContent): string {
  // Picked field by field, so that an entry (which also has `hash`) or a
  // database row with more columns hashes the same as its content.
  const { seq, at, actor, action, entity, data } = content;
  return createHash('sha256')
    .update(content.prevHash, 'utf8')
    .update(canonicalJsonOf({ seq, at, actor, action, entity, data }, 'entry'), 'utf8')
    .digest('hex');
}

// Date.toISOString()'s form: a stored timestamp read back and formatted again
// must give the very string that was hashed.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function assertIsoInstant(at: string): void {
  if (!isoInstant.test(at)) throw new TypeError(`A ledger entry's time must be in Date.toISOString() form (2026-11-23T09:00:00.000Z), not "${at}".`);
}

/**
 * For an entry whose head is read by the statement that appends it (a
 * punch's one statement, own-punch.queries.ts): the canonical JSON of its
 * content up to its seq, which sorts last. Its hash is then
 * sha256(prevHash ‖ this ‖ seq ‖ "}"), what `entryHash` gives once seq and
 * prevHash are known.
 */
export function hashTextUpToSeq(content: Omit<LedgerEntryContent, 'seq' | 'prevHash'>): string {
  assertIsoInstant(content.at);
  const { at, actor, action, entity, data } = content;
  const json = canonicalJsonOf({ seq: 0, at, actor, action, entity, data }, 'entry');
  if (!json.endsWith(',"seq":0}')) throw new Error('An entry\'s seq no longer sorts last in its canonical JSON.');
  return json.slice(0, -'0}'.length);
}

/**
 * The next entry after `head` (undefined for the first): seq = head.seq + 1
 * (or 1), prevHash = head.hash (or genesisHash). Throws a TypeError if `at`
 * is not in Date.toISOString() form, or `data` is not JSON.
 */
export function nextEntry(head: Pick<LedgerEntry, 'seq' | 'hash'> | undefined, content: Omit<LedgerEntryContent, 'seq' | 'prevHash'>): LedgerEntry {
  assertIsoInstant(content.at);
  const entryContent: LedgerEntryContent = {
    seq: head ? head.seq + 1 : 1,
    at: content.at,
    actor: content.actor,
    action: content.action,
    entity: content.entity,
    data: content.data,
    prevHash: head ? head.hash : genesisHash,
  };
  return { ...entryContent, hash: entryHash(entryContent) };
}

export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; entries: number; firstBroken: number; reason: string };

/**
 * Verifies a chain fed in seq order, in pages, keeping only the last entry's
 * seq and hash, so a chain of any length fits in memory:
 *
 *   const verifier = createChainVerifier();
 *   for (const page of pages) { if (verifier.add(page)) break; }
 *   verifier.verdict();
 *
 * add() returns the failing verdict as soon as one entry is wrong, else
 * undefined; once failed, further pages are ignored and the verdict stays.
 * Checked per entry, in this order: its seq follows the previous one by
 * exactly 1 (the chain starts at 1), its prevHash is the previous entry's
 * hash (genesisHash for entry 1), and its hash is entryHash of its content.
 */
export function createChainVerifier(): { add(entries: Iterable<LedgerEntry>): ChainVerdict | undefined; verdict(): ChainVerdict } {
  let lastSeq = 0;
  let lastHash = genesisHash;
  let failed: ChainVerdict | undefined;

  // `entries` counts the entries verified: those before the broken one.
  const fail = (firstBroken: number, reason: string): ChainVerdict => (failed = { ok: false, entries: lastSeq, firstBroken, reason });

  function check(entry: LedgerEntry): ChainVerdict | undefined {
    const expected = lastSeq + 1;
    const { seq } = entry;
    if (seq !== expected) {
      // A seq read from a bigint column arrives as a string; "5" !== 5 and would hash differently, so it is named, not coerced.
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) {
        return fail(expected, `The entry after entry ${lastSeq} has no valid sequence number: ${JSON.stringify(seq) ?? String(seq)}.`);
      }
      if (seq > expected) {
        const missing = seq === expected + 1 ? `Entry ${expected} is missing` : `Entries ${expected} to ${seq - 1} are missing`;
        return fail(expected, lastSeq === 0 ? `${missing}: the chain starts at entry ${seq}.` : `${missing}: the entry after ${lastSeq} is ${seq}.`);
      }
      return fail(expected, seq === lastSeq ? `Entry ${seq} appears twice.` : `The entries are out of order: entry ${seq} comes after entry ${lastSeq}.`);
    }
    if (entry.prevHash !== lastHash) {
      return fail(seq, seq === 1 ? 'Entry 1 does not start the chain: its previous hash is not the genesis hash.' : `Entry ${seq} does not follow entry ${lastSeq}: its previous hash does not match.`);
    }
    let recomputed: string;
    try {
      recomputed = entryHash(entry);
    } catch (error) {
      if (error instanceof NotJsonError) return fail(seq, `Entry ${seq} cannot be checked, as its content is not JSON data: ${error.problem}.`);
      throw error;
    }
    if (recomputed !== entry.hash) return fail(seq, `Entry ${seq} was altered: its content no longer matches its hash.`);
    lastSeq = seq;
    lastHash = entry.hash;
    return undefined;
  }

  return {
    add(entries) {
      if (failed) return failed;
      for (const entry of entries) {
        const verdict = check(entry);
        if (verdict) return verdict;
      }
      return undefined;
    },
    verdict() {
      return failed ?? { ok: true, entries: lastSeq, head: lastHash };
    },
  };
}
