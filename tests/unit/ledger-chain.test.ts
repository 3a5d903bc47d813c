/**
 * The ledger's hash chain (DESIGN.md, "Timesheets, corrections and the
 * ledger", Ledger): RFC 8785 canonical JSON, each entry's hash over the
 * previous hash and its own content, and the verifier that recomputes a chain
 * fed in pages and names the first entry that was altered, removed or moved.
 * Expected canonical strings and hashes are written out by hand and hashed
 * here with node:crypto, not taken from the code under test.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import {
  canonicalJson,
  createChainVerifier,
  entryHash,
  genesisHash,
  hashTextUpToSeq,
  nextEntry,
  type ChainVerdict,
  type LedgerEntry,
  type LedgerEntryContent,
} from '../../server/ledger/chain.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The TypeError `run` throws, so its message can be checked. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a TypeError, nothing was thrown');
}

/** A chain of `length` entries, each recording a different punch. */
function chainOf(length: number): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (let index = 0; index < length; index++) {
    entries.push(
      nextEntry(entries[index - 1], {
        at: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, index)).toISOString(),
        actor: index % 3 === 0 ? { kind: 'kiosk', id: 3 } : index % 3 === 1 ? { kind: 'user', id: 7 } : { kind: 'system' },
        action: 'attendance.captured',
        entity: `attendance:${index + 1}`,
        data: { staffId: 100 + (index % 5), kind: index % 2 ? 'check_out' : 'check_in', note: index % 4 ? null : 'café ☕' },
      }),
    );
  }
  return entries;
}

const chain = chainOf(1000);
const bySeq = (seq: number) => chain[seq - 1]!;

/** Feeds `entries` in pages of `size`, as verify reads them, stopping at the first failure like verify does. */
function verify(entries: readonly LedgerEntry[], size = 100): ChainVerdict {
  const verifier = createChainVerifier();
  for (let start = 0; start < entries.length; start += size) {
    if (verifier.add(entries.slice(start, start + size))) break;
  }
  return verifier.verdict();
}

/** The chain with the entry at `seq` replaced by `change(entry)`. */
const withEntry = (seq: number, change: (entry: LedgerEntry) => LedgerEntry) => chain.map((entry) => (entry.seq === seq ? change(entry) : entry));

// ---- canonicalJson ---------------------------------------------------------

test('canonicalJson: keys sorted by UTF-16 code units, no whitespace (the RFC 8785 §3.2.3 example)', () => {
  const value = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  // The emoji (U+1F600, first unit 0xD83D) sorts before U+FB33: units, not code points.
  const keys = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
  const expected = `{${keys.map((key, i) => `"${key}":"${['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh'][i]}"`).join(',')}}`;
  assert.equal(canonicalJson(value), expected);
  assert.equal(canonicalJson({ b: 1, a: 2, B: 3, aa: 4 }), '{"B":3,"a":2,"aa":4,"b":1}');
});

test('canonicalJson: the same content in any key order gives the same text', () => {
  assert.equal(canonicalJson({ staffId: 17, kind: 'check_in', at: 'x' }), canonicalJson({ at: 'x', kind: 'check_in', staffId: 17 }));
});

test('canonicalJson: numbers in ECMAScript shortest form', () => {
  assert.equal(canonicalJson([4.5, 4.50, 2e-3, 0.000001, 1e-7, 1e21, 1e30, -0, 0, -1.5, 333333333.33333329, 9007199254740992, 5e-324]), '[4.5,4.5,0.002,0.000001,1e-7,1e+21,1e+30,0,0,-1.5,333333333.3333333,9007199254740992,5e-324]');
});

test('canonicalJson: strings keep non-ASCII as is and escape only what JSON must', () => {
  assert.equal(canonicalJson('café ☕ 😀 \u2028 \u007f'), '"café ☕ 😀 \u2028 \u007f"');
  assert.equal(canonicalJson('a"b\\c\n\t\u0000\u001f\b\f'), '"a\\"b\\\\c\\n\\t\\u0000\\u001f\\b\\f"');
});

test('canonicalJson: nested objects are sorted at every level; arrays keep their order', () => {
  const value = { z: [{ y: 1, x: [3, 2, { b: null, a: true }] }, 'last'], a: { d: { f: false, e: [] }, c: {} } };
  assert.equal(canonicalJson(value), '{"a":{"c":{},"d":{"e":[],"f":false}},"z":[{"x":[3,2,{"a":true,"b":null}],"y":1},"last"]}');
  assert.equal(canonicalJson(null), 'null');
  assert.equal(canonicalJson(true), 'true');
});

test('canonicalJson: refuses undefined, wherever it is, naming the place', () => {
  assert.match(refusal(() => canonicalJson(undefined)), /value is undefined/);
  assert.match(refusal(() => canonicalJson({ data: { note: undefined } })), /value\.data\.note is undefined/);
  assert.match(refusal(() => canonicalJson([1, undefined])), /value\[1\] is undefined/);
  // eslint-disable-next-line no-sparse-arrays
  assert.match(refusal(() => canonicalJson([, 1])), /value\[0\] is undefined/, 'a hole in an array');
  assert.match(refusal(() => canonicalJson({ 'odd key': undefined })), /value\["odd key"\] is undefined/);
});

test('canonicalJson: refuses functions, non-finite numbers, bigints and symbols', () => {
  assert.match(refusal(() => canonicalJson(() => 1)), /value is a function/);
  assert.match(refusal(() => canonicalJson({ toJSON: () => 'sneaky' })), /value\.toJSON is a function/);
  assert.match(refusal(() => canonicalJson({ minutes: NaN })), /value\.minutes is NaN/);
  assert.match(refusal(() => canonicalJson([Infinity])), /value\[0\] is Infinity/);
  assert.match(refusal(() => canonicalJson(-Infinity)), /value is -Infinity/);
  assert.match(refusal(() => canonicalJson({ id: 12n })), /value\.id is a bigint \(12n\)/);
  assert.match(refusal(() => canonicalJson({ s: Symbol('x') })), /value\.s is a symbol/);
});

test('canonicalJson: refuses Dates and other class instances, which would turn into something else', () => {
  assert.match(refusal(() => canonicalJson({ at: new Date('2026-11-23T09:00:00Z') })), /value\.at is a Date; convert it with toISOString\(\)/);
  assert.match(refusal(() => canonicalJson({ seen: new Map() })), /value\.seen is an instance of Map/);
  assert.match(refusal(() => canonicalJson(new (class Punch {})())), /value is an instance of Punch/);
  assert.equal(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 })), '{"a":2,"b":1}', 'a null-prototype object is plain');
});

test('canonicalJson: refuses lone surrogates and cycles', () => {
  assert.match(refusal(() => canonicalJson({ note: 'half \ud83d' })), /value\.note is a string with a lone surrogate/);
  assert.match(refusal(() => canonicalJson({ ['\udc00']: 1 })), /lone surrogate/);
  const loop: Record<string, unknown> = { a: 1 };
  loop.inner = { back: loop };
  assert.match(refusal(() => canonicalJson(loop)), /value\.inner\.back refers back/);
  const shared = { x: 1 };
  assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}', 'the same object twice is not a cycle');
});

// ---- entryHash -------------------------------------------------------------

const fixed: LedgerEntryContent = {
  seq: 1,
  at: '2026-11-23T09:01:00.000Z',
  actor: { kind: 'kiosk', id: 3 },
  action: 'attendance.captured',
  entity: 'attendance:42',
  data: { staffId: 17, kind: 'check_in', note: 'café ☕', minutes: 1.5 },
  prevHash: genesisHash,
};
const fixedCanonical = '{"action":"attendance.captured","actor":{"id":3,"kind":"kiosk"},"at":"2026-11-23T09:01:00.000Z","data":{"kind":"check_in","minutes":1.5,"note":"café ☕","staffId":17},"entity":"attendance:42","seq":1}';

test('genesisHash is 64 zeros', () => {
  assert.equal(genesisHash, '0000000000000000000000000000000000000000000000000000000000000000');
});

test('entryHash: sha256 of the previous hash followed by the canonical content without it (known answer)', () => {
  const expected = sha256(`0000000000000000000000000000000000000000000000000000000000000000${fixedCanonical}`);
  // The same digest from `sha256sum` over those bytes, pinned so a change in how strings are encoded shows too.
  assert.equal(expected, 'c4361f19f071d95db931f47d501984bafe471776a1572fa3361684fa88ae54e8');
  assert.equal(entryHash(fixed), expected);
  assert.equal(entryHash({ ...fixed, prevHash: 'ab'.repeat(32) }), sha256(`${'ab'.repeat(32)}${fixedCanonical}`));
});

test('entryHash: every field counts, the hash and other extra fields do not', () => {
  const base = entryHash(fixed);
  const changes: Partial<LedgerEntryContent>[] = [
    { seq: 2 },
    { at: '2026-11-23T09:01:00.001Z' },
    { actor: { kind: 'kiosk', id: 4 } },
    { actor: { kind: 'system' } },
    { action: 'attendance.corrected' },
    { entity: 'attendance:43' },
    { data: { staffId: 17, kind: 'check_in', note: 'cafe ☕', minutes: 1.5 } },
    { data: null },
    { prevHash: '1'.repeat(64) },
  ];
  for (const change of changes) assert.notEqual(entryHash({ ...fixed, ...change }), base, JSON.stringify(change));
  assert.equal(entryHash({ ...fixed, hash: 'whatever', id: 9 } as LedgerEntryContent), base);
  assert.equal(entryHash({ ...fixed, data: { minutes: 1.5, note: 'café ☕', kind: 'check_in', staffId: 17 } }), base, 'key order in data');
});

test('entryHash: refuses content JSON cannot hold, naming the field', () => {
  assert.match(refusal(() => entryHash({ ...fixed, data: { at: new Date() } })), /entry\.data\.at is a Date/);
  assert.match(refusal(() => entryHash({ ...fixed, data: undefined })), /entry\.data is undefined/);
});

// ---- nextEntry -------------------------------------------------------------

test('nextEntry: the first entry is seq 1 after the genesis hash', () => {
  const { seq, prevHash, ...content } = fixed;
  const first = nextEntry(undefined, content);
  assert.deepEqual(first, { ...fixed, hash: sha256(genesisHash + fixedCanonical) });
  assert.equal(seq, 1);
  assert.equal(prevHash, genesisHash);
});

test('nextEntry: each entry follows its head, by seq and by hash', () => {
  const first = bySeq(1);
  const second = bySeq(2);
  assert.equal(second.seq, 2);
  assert.equal(second.prevHash, first.hash);
  assert.equal(second.hash, entryHash(second));
  const after = nextEntry({ seq: 41, hash: 'cd'.repeat(32) }, { at: '2026-11-23T10:00:00.000Z', actor: { kind: 'user', id: 7 }, action: 'photo.viewed', entity: 'attendance:9', data: {} });
  assert.equal(after.seq, 42);
  assert.equal(after.prevHash, 'cd'.repeat(32));
  const canonical = '{"action":"photo.viewed","actor":{"id":7,"kind":"user"},"at":"2026-11-23T10:00:00.000Z","data":{},"entity":"attendance:9","seq":42}';
  assert.equal(after.hash, sha256('cd'.repeat(32) + canonical));
  assert.deepEqual(Object.keys(after).sort(), ['action', 'actor', 'at', 'data', 'entity', 'hash', 'prevHash', 'seq']);
});

test('nextEntry: refuses a time not in Date.toISOString() form', () => {
  const { seq, prevHash, ...content } = fixed;
  for (const at of ['2026-11-23T09:01:00Z', '2026-11-23T10:01:00.000+01:00', '2026-11-23 09:01:00.000Z', 'yesterday']) {
    assert.match(refusal(() => nextEntry(undefined, { ...content, at })), /toISOString/, at);
  }
  assert.ok(seq && prevHash);
});

test('hashTextUpToSeq: the canonical content up to its seq, which the database ends with the seq and "}" (as entryHash hashes)', () => {
  const content = { at: '2026-11-23T10:00:00.000Z', actor: { kind: 'kiosk' as const, id: 3 }, action: 'attendance.captured', entity: 'attendance:9', data: { id: 9, seq: 5, z: null } };
  const text = hashTextUpToSeq(content);
  assert.equal(text, '{"action":"attendance.captured","actor":{"id":3,"kind":"kiosk"},"at":"2026-11-23T10:00:00.000Z","data":{"id":9,"seq":5,"z":null},"entity":"attendance:9","seq":');
  for (const head of [undefined, { seq: 41, hash: 'cd'.repeat(32) }]) {
    const entry = nextEntry(head, content);
    assert.equal(sha256(entry.prevHash + text + String(entry.seq) + '}'), entry.hash);
  }
  assert.match(refusal(() => hashTextUpToSeq({ ...content, at: '2026-11-23T10:00:00Z' })), /toISOString/);
});

// ---- createChainVerifier ---------------------------------------------------

test('verifier: a valid chain of 1,000 entries is ok in pages of any size, with its head', () => {
  const head = bySeq(1000).hash;
  for (const size of [1, 7, 100, 999, 1000, 1001]) {
    assert.deepEqual(verify(chain, size), { ok: true, entries: 1000, head }, `pages of ${size}`);
  }
  // Uneven pages, one of them empty, as generators: nothing is assumed to be an array.
  const verifier = createChainVerifier();
  const cuts = [0, 3, 3, 250, 251, 800, 1000];
  function* page(from: number, to: number) {
    for (let index = from; index < to; index++) yield chain[index]!;
  }
  for (let i = 0; i < cuts.length - 1; i++) assert.equal(verifier.add(page(cuts[i]!, cuts[i + 1]!)), undefined);
  assert.deepEqual(verifier.verdict(), { ok: true, entries: 1000, head });
});

test('verifier: the verdict so far counts the entries verified and names the last hash', () => {
  const verifier = createChainVerifier();
  verifier.add(chain.slice(0, 10));
  assert.deepEqual(verifier.verdict(), { ok: true, entries: 10, head: bySeq(10).hash });
});

test('verifier: an empty chain is ok, with no entries and the genesis hash as head', () => {
  const verifier = createChainVerifier();
  assert.deepEqual(verifier.verdict(), { ok: true, entries: 0, head: genesisHash });
  assert.equal(verifier.add([]), undefined);
  assert.deepEqual(verifier.verdict(), { ok: true, entries: 0, head: genesisHash });
});

test('verifier: altered data is named by its seq, and add() reports it at once', () => {
  const altered = withEntry(500, (entry) => ({ ...entry, data: { staffId: 999, kind: 'check_in', note: null } }));
  const expected: ChainVerdict = { ok: false, entries: 499, firstBroken: 500, reason: 'Entry 500 was altered: its content no longer matches its hash.' };
  assert.deepEqual(verify(altered), expected);
  const verifier = createChainVerifier();
  assert.equal(verifier.add(altered.slice(0, 499)), undefined);
  assert.deepEqual(verifier.add(altered.slice(499, 600)), expected);
  assert.deepEqual(verifier.add(altered.slice(600)), expected, 'later pages do not change the verdict');
  assert.deepEqual(verifier.verdict(), expected);
});

test('verifier: every other altered field, and an altered hash, is found at its entry', () => {
  const changes: ((entry: LedgerEntry) => LedgerEntry)[] = [
    (entry) => ({ ...entry, at: '2026-11-23T08:59:59.999Z' }),
    (entry) => ({ ...entry, actor: { kind: 'user', id: 1 } }),
    (entry) => ({ ...entry, action: 'attendance.voided' }),
    (entry) => ({ ...entry, entity: 'attendance:1' }),
    (entry) => ({ ...entry, hash: 'f'.repeat(64) }),
  ];
  for (const change of changes) {
    const verdict = verify(withEntry(7, change));
    assert.deepEqual(verdict, { ok: false, entries: 6, firstBroken: 7, reason: 'Entry 7 was altered: its content no longer matches its hash.' }, change.toString());
  }
  assert.equal(verify(withEntry(1000, changes[0]!)).ok, false, 'the last entry too');
});

test('verifier: an altered previous hash breaks the link at that entry', () => {
  const relinked = withEntry(7, (entry) => ({ ...entry, prevHash: bySeq(5).hash }));
  assert.deepEqual(verify(relinked), { ok: false, entries: 6, firstBroken: 7, reason: 'Entry 7 does not follow entry 6: its previous hash does not match.' });
  const rootless = withEntry(1, (entry) => ({ ...entry, prevHash: '1'.repeat(64) }));
  assert.deepEqual(verify(rootless), { ok: false, entries: 0, firstBroken: 1, reason: 'Entry 1 does not start the chain: its previous hash is not the genesis hash.' });
});

test('verifier: an entry rewritten with a fresh hash of its own breaks the link to the next', () => {
  const rewritten = withEntry(500, (entry) => {
    const forged = { ...entry, data: { staffId: 999, kind: 'check_in', note: null } };
    return { ...forged, hash: entryHash(forged) };
  });
  assert.deepEqual(verify(rewritten), { ok: false, entries: 500, firstBroken: 501, reason: 'Entry 501 does not follow entry 500: its previous hash does not match.' });
});

test('verifier: a deleted entry is a gap, named by the first missing seq', () => {
  const without = (...seqs: number[]) => chain.filter((entry) => !seqs.includes(entry.seq));
  assert.deepEqual(verify(without(500)), { ok: false, entries: 499, firstBroken: 500, reason: 'Entry 500 is missing: the entry after 499 is 501.' });
  assert.deepEqual(verify(without(500, 501, 502)), { ok: false, entries: 499, firstBroken: 500, reason: 'Entries 500 to 502 are missing: the entry after 499 is 503.' });
  assert.deepEqual(verify(without(1)), { ok: false, entries: 0, firstBroken: 1, reason: 'Entry 1 is missing: the chain starts at entry 2.' });
  // Across a page boundary: the verifier remembers the last entry of the page before.
  assert.deepEqual(verify(without(101), 100), { ok: false, entries: 100, firstBroken: 101, reason: 'Entry 101 is missing: the entry after 100 is 102.' });
});

test('verifier: reordered entries are found, whether they keep their seq or are renumbered', () => {
  const swapped = [...chain];
  [swapped[499], swapped[500]] = [swapped[500]!, swapped[499]!];
  assert.deepEqual(verify(swapped), { ok: false, entries: 499, firstBroken: 500, reason: 'Entry 500 is missing: the entry after 499 is 501.' });

  const backwards = [...chain.slice(0, 10), bySeq(5), ...chain.slice(10)];
  assert.deepEqual(verify(backwards), { ok: false, entries: 10, firstBroken: 11, reason: 'The entries are out of order: entry 5 comes after entry 10.' });
  const twice = [...chain.slice(0, 10), bySeq(10), ...chain.slice(10)];
  assert.deepEqual(verify(twice), { ok: false, entries: 10, firstBroken: 11, reason: 'Entry 10 appears twice.' });

  // Rows moved and given each other's seq: the links no longer hold.
  const renumbered = chain.map((entry) => (entry.seq === 500 ? { ...bySeq(501), seq: 500 } : entry.seq === 501 ? { ...bySeq(500), seq: 501 } : entry));
  assert.deepEqual(verify(renumbered), { ok: false, entries: 499, firstBroken: 500, reason: 'Entry 500 does not follow entry 499: its previous hash does not match.' });
});

test('verifier: a seq that is not a number (a bigint column read as text) is named, not coerced', () => {
  const textual = withEntry(5, (entry) => ({ ...entry, seq: '5' as unknown as number }));
  assert.deepEqual(verify(textual), { ok: false, entries: 4, firstBroken: 5, reason: 'The entry after entry 4 has no valid sequence number: "5".' });
});

test('verifier: a stored entry whose content is not JSON is broken, not a crash', () => {
  const undefinedData = withEntry(3, (entry) => ({ ...entry, data: undefined }));
  const verdict = verify(undefinedData);
  assert.equal(verdict.ok, false);
  assert.ok(!verdict.ok && verdict.firstBroken === 3 && verdict.entries === 2);
  assert.ok(!verdict.ok && verdict.reason.startsWith('Entry 3 cannot be checked, as its content is not JSON data: entry.data is undefined'), !verdict.ok ? verdict.reason : '');
});

test('verifier: entries cut off at the end leave a valid, shorter chain (the head and count show it)', () => {
  // The chain alone cannot tell; verify reports entries and head so they can be compared with a head published earlier (the CSVs' last line).
  assert.deepEqual(verify(chain.slice(0, 999)), { ok: true, entries: 999, head: bySeq(999).hash });
});

test.run();
