// @ts-check
// The Live board as plain data: which state an occurrence is in at a given
// time, and how snapshots and check-ins change the board. No I/O here, so
// tests can call these directly. The server decides every state; the
// browser only picks, from the changes it was sent, the one in force now.

/**
 * @typedef {import('../server/socket-contract.js').Snapshot} Snapshot
 * @typedef {import('../server/socket-contract.js').BoardOccurrence} BoardOccurrence
 * @typedef {import('../server/socket-contract.js').OccurrenceState} OccurrenceState
 * @typedef {import('../server/socket-contract.js').KioskStatus} KioskStatus
 */

/**
 * The occurrence's state at `now` (epoch ms): the last change whose time has
 * passed, else the state it was sent with.
 * @param {Pick<BoardOccurrence, 'state' | 'stateChanges'>} occurrence
 * @param {number} now
 * @returns {OccurrenceState}
 * @example
 *   stateAt({ state: 'upcoming', stateChanges: [{ at: '2026-11-24T08:00:00Z', state: 'open' }] }, Date.parse('2026-11-24T08:00:00Z')); // 'open'
 */
export function stateAt(occurrence, now) {
  let state = occurrence.state;
  for (const change of occurrence.stateChanges) {
    if (Date.parse(change.at) <= now) state = change.state;
  }
  return state;
}

/**
 * When the next row changes state by itself after `now` (epoch ms), or null:
 * the board re-renders then rather than up to a tick late.
 * @param {BoardOccurrence[]} occurrences
 * @param {number} now
 * @returns {number | null}
 */
export function nextChangeAt(occurrences, now) {
  let next = null;
  for (const o of occurrences) {
    for (const change of o.stateChanges) {
      const at = Date.parse(change.at);
      if (at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/** One row per shift occurrence. @param {Pick<BoardOccurrence, 'shiftId' | 'date'>} o */
export const occurrenceKey = (o) => `${o.shiftId}@${o.date}`;

/** A punch being written while a snapshot is read is at most this much older than the snapshot. */
const snapshotRaceMs = 30_000;

/**
 * Whether the board's row has a punch where the snapshot's row has none, and
 * the snapshot can have missed it: one taken just before it was read, or after. An
 * older one the snapshot lacks was voided since (the void's event missed
 * while disconnected), so the snapshot is right.
 * @param {BoardOccurrence} mine
 * @param {BoardOccurrence} theirs
 * @param {number} snapshotAt epoch ms
 */
function hasPunchMissedBy(mine, theirs, snapshotAt) {
  return (/** @type {const} */ (['checkIn', 'checkOut'])).some((slot) => {
    const punch = mine[slot];
    return punch !== null && theirs[slot] === null && Date.parse(punch.at) >= snapshotAt - snapshotRaceMs;
  });
}

/**
 * The board with `occurrence` in place of its row, or added when new.
 * @param {Snapshot} board
 * @param {BoardOccurrence} occurrence
 * @returns {Snapshot}
 */
export function withOccurrence(board, occurrence) {
  const key = occurrenceKey(occurrence);
  const found = board.occurrences.some((o) => occurrenceKey(o) === key);
  const occurrences = found ? board.occurrences.map((o) => (occurrenceKey(o) === key ? occurrence : o)) : [...board.occurrences, occurrence];
  return { ...board, occurrences };
}

/**
 * A new snapshot over the current board. A check-in that arrived while the
 * snapshot was being read can be missing from it, so a row the board already
 * shows with such a punch is kept; rows the snapshot no longer has (the day
 * has ended) go.
 * @param {Snapshot | null} current
 * @param {Snapshot} snapshot
 * @returns {Snapshot}
 */
export function mergeSnapshot(current, snapshot) {
  if (!current) return snapshot;
  const shown = new Map(current.occurrences.map((o) => [occurrenceKey(o), o]));
  const snapshotAt = Date.parse(snapshot.at);
  const occurrences = snapshot.occurrences.map((o) => {
    const mine = shown.get(occurrenceKey(o));
    return mine && hasPunchMissedBy(mine, o, snapshotAt) ? mine : o;
  });
  return { ...snapshot, occurrences };
}

/**
 * The board with a kiosk's new status, added if it was paired since.
 * @param {Snapshot} board
 * @param {KioskStatus} status
 * @returns {Snapshot}
 */
export function withKiosk(board, status) {
  const known = board.kiosks.some((k) => k.id === status.id);
  return { ...board, kiosks: known ? board.kiosks.map((k) => (k.id === status.id ? status : k)) : [...board.kiosks, status] };
}

/**
 * The rows in the order the board shows them: by start, then name.
 * @param {BoardOccurrence[]} occurrences
 */
export const boardRows = (occurrences) => 
  [...occurrences].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.staffName.localeCompare(b.staffName));

/**
 * How many occurrences are in each state at `now`.
 * @param {BoardOccurrence[]} occurrences
 * @param {number} now
 * @returns {Partial<Record<OccurrenceState, number>>}
 */
export function countStates(occurrences, now) {
  /** @type {Partial<Record<OccurrenceState, number>>} */
  const tally = {};
  for (const o of occurrences) {
    const state = stateAt(o, now);
    tally[state] = (tally[state] ?? 0) + 1;
  }
  return tally;
}
