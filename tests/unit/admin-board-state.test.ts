/**
 * The Live board's data in the browser: the state an occurrence is in at a
 * given time (picked from the changes the server sent, never recomputed),
 * and how snapshots, check-ins and kiosk changes update the board.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { boardRows, countStates, mergeSnapshot, nextChangeAt, stateAt, withKiosk, withOccurrence } from '../../admin/board-state.js';
import type { BoardOccurrence, Snapshot } from '../../server/socket-contract.js';

const at = (time: string) => `2026-11-24T${time}:00.000Z`;
const ms = (time: string) => Date.parse(at(time));

/** Asha's 09:00–17:00 with a 60-minute window, as the server sends it at 07:00. */
const occurrence = (change: Partial<BoardOccurrence> = {}): BoardOccurrence => ({
  shiftId: 1,
  date: '2026-11-24',
  staffId: 10,
  staffName: 'Asha Rao',
  start: at('09:00'),
  end: at('17:00'),
  state: 'upcoming',
  stateChanges: [
    { at: at('08:00'), state: 'open' },
    { at: at('10:00'), state: 'missed' },
  ],
  checkIn: null,
  checkOut: null,
  ...change,
});

const snapshot = (occurrences: BoardOccurrence[], change: Partial<Snapshot> = {}): Snapshot => ({
  at: at('07:00'),
  timezone: 'UTC',
  windowMinutes: 60,
  date: '2026-11-24',
  refreshAt: '2026-11-25T00:00:00.000Z',
  occurrences,
  kiosks: [],
  ...change,
});

const punch = (time: string, id: number) => ({ at: at(time), status: 'on_time' as const, photoUrl: `/api/photos/${id}`, attendanceId: id });

test('before its first change an occurrence is in the state it was sent with', () => {
  assert.equal(stateAt(occurrence(), ms('07:59')), 'upcoming');
});

test('each change applies from its instant on, and stays until the next one', () => {
  assert.equal(stateAt(occurrence(), ms('08:00')), 'open');
  assert.equal(stateAt(occurrence(), ms('09:59')), 'open');
  assert.equal(stateAt(occurrence(), ms('10:00')), 'missed');
  assert.equal(stateAt(occurrence(), ms('23:59')), 'missed');
});

test('with no changes to come (checked in, say) the state is the one sent', () => {
  const checkedIn = occurrence({ state: 'checked_in', stateChanges: [], checkIn: punch('08:55', 5) });
  assert.equal(stateAt(checkedIn, ms('08:55')), 'checked_in');
  assert.equal(stateAt(checkedIn, ms('20:00')), 'checked_in');
});

test('changes whose time has passed when the board arrives apply at once', () => {
  // A board sent at 07:00, shown at 08:30 after the laptop slept: the window is already open.
  assert.equal(stateAt(occurrence(), ms('08:30')), 'open');
});

test('the next change is the earliest one still to come on any row, or none', () => {
  const bo = occurrence({ shiftId: 2, stateChanges: [{ at: at('07:30'), state: 'open' }] });
  assert.equal(nextChangeAt([occurrence(), bo], ms('07:00')), ms('07:30'));
  assert.equal(nextChangeAt([occurrence(), bo], ms('07:30')), ms('08:00'), 'a change at this very instant has happened');
  assert.equal(nextChangeAt([occurrence(), bo], ms('10:00')), null);
  assert.equal(nextChangeAt([], ms('07:00')), null);
});

test('a check-in replaces its row with the occurrence it carries; one for a new occurrence is added', () => {
  const bo = occurrence({ shiftId: 2, staffId: 11, staffName: 'Bo Lee' });
  const board = snapshot([occurrence(), bo]);
  const checkedIn = occurrence({ state: 'checked_in', stateChanges: [], checkIn: punch('08:55', 5) });
  const after = withOccurrence(board, checkedIn);
  assert.deepEqual(after.occurrences, [checkedIn, bo]);
  assert.deepEqual(board.occurrences, [occurrence(), bo], 'the board before is left as it was');

  const tomorrow = occurrence({ date: '2026-11-25', start: '2026-11-25T00:30:00.000Z', end: '2026-11-25T08:30:00.000Z' });
  assert.deepEqual(withOccurrence(after, tomorrow).occurrences, [checkedIn, bo, tomorrow]);
});

test('a new snapshot replaces the board, keeping a check-in it was read too early to include', () => {
  const checkedIn = occurrence({ state: 'checked_in', stateChanges: [], checkIn: punch('08:55', 5) });
  const shown = snapshot([checkedIn]);
  const fetched = snapshot([occurrence({ state: 'open', stateChanges: [{ at: at('10:00'), state: 'missed' }] })], { at: at('08:55') });
  const merged = mergeSnapshot(shown, fetched);
  assert.equal(merged.at, at('08:55'));
  assert.deepEqual(merged.occurrences, [checkedIn]);

  const checkedOut = occurrence({ state: 'checked_out', stateChanges: [], checkIn: punch('08:55', 5), checkOut: punch('17:01', 6) });
  assert.deepEqual(mergeSnapshot(shown, snapshot([checkedOut])).occurrences, [checkedOut], 'a newer row from the server wins');
  assert.equal(mergeSnapshot(null, fetched), fetched);
});

test('a new snapshot drops a punch voided since, whose event the board missed', () => {
  const checkedIn = occurrence({ state: 'checked_in', stateChanges: [], checkIn: punch('08:55', 5) });
  const voidedSince = occurrence({ state: 'open', stateChanges: [{ at: at('10:00'), state: 'missed' }] });
  const merged = mergeSnapshot(snapshot([checkedIn]), snapshot([voidedSince], { at: at('08:57') }));
  assert.deepEqual(merged.occurrences, [voidedSince], 'a punch two minutes older than the snapshot cannot have been missed by it');

  const withOther = occurrence({ state: 'checked_in', stateChanges: [], checkIn: punch('08:55', 7) });
  assert.deepEqual(mergeSnapshot(snapshot([checkedIn]), snapshot([withOther], { at: at('08:55') })).occurrences, [withOther], 'the snapshot knows a newer punch for the row');
});

test('at midnight the new day’s snapshot drops yesterday’s finished rows', () => {
  const yesterday = snapshot([occurrence({ state: 'checked_out', stateChanges: [], checkIn: punch('08:55', 5), checkOut: punch('17:01', 6) })]);
  const today = snapshot([occurrence({ date: '2026-11-25', start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T17:00:00.000Z' })], {
    date: '2026-11-25',
    refreshAt: '2026-11-26T00:00:00.000Z',
  });
  const merged = mergeSnapshot(yesterday, today);
  assert.deepEqual(merged.occurrences, today.occurrences);
  assert.equal(merged.refreshAt, '2026-11-26T00:00:00.000Z');
});

test('a kiosk status replaces that kiosk, or adds one paired since', () => {
  const board = snapshot([], { kiosks: [{ id: 1, name: 'Front desk', online: false, lastSeenAt: null }] });
  const online = { id: 1, name: 'Front desk', online: true, lastSeenAt: at('08:00') };
  assert.deepEqual(withKiosk(board, online).kiosks, [online]);
  const back = { id: 2, name: 'Back office', online: true, lastSeenAt: at('08:01') };
  assert.deepEqual(withKiosk(board, back).kiosks, [board.kiosks[0], back]);
});

test('rows run by start, then name; the summary counts states at the given time', () => {
  const cy = occurrence({ shiftId: 3, staffName: 'Cy Young', start: at('06:00'), state: 'open', stateChanges: [{ at: at('07:00'), state: 'missed' }] });
  const bo = occurrence({ shiftId: 2, staffName: 'Bo Lee' });
  const asha = occurrence();
  assert.deepEqual(boardRows([asha, cy, bo]).map((o) => o.staffName), ['Cy Young', 'Asha Rao', 'Bo Lee']);
  assert.deepEqual(countStates([asha, bo, cy], ms('06:30')), { upcoming: 2, open: 1 });
  assert.deepEqual(countStates([asha, bo, cy], ms('08:00')), { open: 2, missed: 1 });
});

test.run();
