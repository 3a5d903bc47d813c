/**
 * Which attendance action a moment allows (DESIGN.md, "Windows",
 * "Attendance"): check-in open from start − W to start + W, check-out from
 * end − W to end + W, both edges inclusive; late after start + grace; leaving
 * before the scheduled end is early. Occurrences come from the real roster
 * code (`occurrenceOf`, `listOccurrences`), no stand-ins.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { listOccurrences, occurrenceOf, type DatedShift, type Occurrence } from '../../server/roster/occurrences.js';
import { allWindows, candidateDates, nextWindowAfter, openWindowsAt, type OpenWindow } from '../../server/roster/windows.js';
import { attendanceStatus, chooseWindow, type RecordedKind } from '../../server/attendance/punch-rules.js';

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

const shift = (id: number, dayOfWeek: number, startTime: string, endTime: string, staffId = 100): DatedShift => ({
  id,
  staffId,
  dayOfWeek,
  startTime,
  endTime,
});

const at = (iso: string) => new Date(iso);
/** Shift by milliseconds. */
const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms);

/** A window as plain strings: kind, occurrence and UTC bounds. */
const view = (w: OpenWindow) => [w.kind, w.occurrence.shiftId, w.occurrence.date, w.opensAt.toUTC().toISO(), w.closesAt.toUTC().toISO()];
const views = (ws: readonly OpenWindow[]) => ws.map(view);

// Monday 23 November 2026, UTC, 09:00–17:00.
const day = occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', 'UTC');

// ---- openWindowsAt ---------------------------------------------------------

test('openWindowsAt: nothing before the check-in window opens', () => {
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T07:59:59.999Z')), []);
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T06:00:00Z')), []);
});

test('openWindowsAt: check-in is open from start − 60 min to start + 60 min, both edges included', () => {
  const checkIn = [['check_in', 1, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z']];
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T08:00:00Z'))), checkIn, 'opening edge');
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T09:00:00Z'))), checkIn, 'inside');
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T10:00:00Z'))), checkIn, 'closing edge');
});

test('openWindowsAt: nothing between the windows', () => {
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T10:00:00.001Z')), []);
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T13:00:00Z')), []);
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T15:59:59.999Z')), []);
});

test('openWindowsAt: check-out is open from end − 60 min to end + 60 min, both edges included', () => {
  const checkOut = [['check_out', 1, '2026-11-23', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z']];
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T16:00:00Z'))), checkOut, 'opening edge');
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T17:30:00Z'))), checkOut, 'inside');
  assert.deepEqual(views(openWindowsAt([day], 60, at('2026-11-23T18:00:00Z'))), checkOut, 'closing edge');
});

test('openWindowsAt: nothing after the check-out window closes', () => {
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-23T18:00:00.001Z')), []);
  assert.deepEqual(openWindowsAt([day], 60, at('2026-11-24T08:30:00Z')), [], 'next Tuesday has no shift');
});

test('openWindowsAt: window_minutes other than 60 (15 and 180)', () => {
  assert.deepEqual(openWindowsAt([day], 15, at('2026-11-23T08:44:59Z')), []);
  assert.deepEqual(views(openWindowsAt([day], 15, at('2026-11-23T08:45:00Z'))), [
    ['check_in', 1, '2026-11-23', '2026-11-23T08:45:00.000Z', '2026-11-23T09:15:00.000Z'],
  ]);
  assert.equal(openWindowsAt([day], 15, at('2026-11-23T09:15:00Z')).length, 1);
  assert.deepEqual(openWindowsAt([day], 15, at('2026-11-23T09:15:01Z')), []);
  assert.deepEqual(openWindowsAt([day], 15, at('2026-11-23T17:15:01Z')), []);
  assert.deepEqual(views(openWindowsAt([day], 180, at('2026-11-23T06:00:00Z'))), [
    ['check_in', 1, '2026-11-23', '2026-11-23T06:00:00.000Z', '2026-11-23T12:00:00.000Z'],
  ]);
  assert.deepEqual(views(openWindowsAt([day], 180, at('2026-11-23T20:00:00Z'))), [
    ['check_out', 1, '2026-11-23', '2026-11-23T14:00:00.000Z', '2026-11-23T20:00:00.000Z'],
  ]);
});

test('openWindowsAt: with wide windows on a short shift both are open, in the order they open', () => {
  const short = occurrenceOf(shift(2, 1, '09:00', '10:00'), '2026-11-23', 'UTC');
  assert.deepEqual(views(openWindowsAt([short], 60, at('2026-11-23T09:30:00Z'))), [
    ['check_in', 2, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['check_out', 2, '2026-11-23', '2026-11-23T09:00:00.000Z', '2026-11-23T11:00:00.000Z'],
  ]);
});

test('openWindowsAt: an overnight shift, check-out the next morning belongs to the previous date', () => {
  const night = occurrenceOf(shift(3, 1, '22:00', '06:00'), '2026-11-23', 'UTC');
  assert.deepEqual(views(openWindowsAt([night], 60, at('2026-11-23T21:00:00Z'))), [
    ['check_in', 3, '2026-11-23', '2026-11-23T21:00:00.000Z', '2026-11-23T23:00:00.000Z'],
  ]);
  assert.deepEqual(openWindowsAt([night], 60, at('2026-11-24T02:00:00Z')), []);
  assert.deepEqual(views(openWindowsAt([night], 60, at('2026-11-24T07:00:00Z'))), [
    ['check_out', 3, '2026-11-23', '2026-11-24T05:00:00.000Z', '2026-11-24T07:00:00.000Z'],
  ]);
});

test('openWindowsAt: a check-in window crossing midnight (00:30 start) is open at 23:45 the day before', () => {
  // Kolkata: Tuesday 24 November 00:30 = Monday 23 November 19:00Z; now Monday 23:45 local = 18:15Z.
  const now = at('2026-11-23T18:15:00Z');
  const range = candidateDates(DateTime.fromJSDate(now), DateTime.fromJSDate(now), KOLKATA);
  const occurrences = listOccurrences([shift(4, 2, '00:30', '08:30')], range.from, range.to, KOLKATA);
  const open = openWindowsAt(occurrences, 60, now);
  assert.deepEqual(views(open), [['check_in', 4, '2026-11-24', '2026-11-23T18:00:00.000Z', '2026-11-23T20:00:00.000Z']]);
  assert.equal(open[0]!.opensAt.toISO(), '2026-11-23T23:30:00.000+05:30');
  // And it opened exactly at 23:30 local, not a millisecond earlier.
  assert.deepEqual(openWindowsAt(occurrences, 60, at('2026-11-23T17:59:59.999Z')), []);
  assert.equal(openWindowsAt(occurrences, 60, at('2026-11-23T18:00:00Z')).length, 1);
});

test('openWindowsAt: the same crossing-midnight case in New York on the spring-forward night', () => {
  // Sunday 14 March 2027 00:30 EST = 05:30Z; check-in opens Saturday 23:30 EST = 04:30Z.
  const now = at('2027-03-14T04:45:00Z');
  const range = candidateDates(DateTime.fromJSDate(now), DateTime.fromJSDate(now), NY);
  const occurrences = listOccurrences([shift(5, 7, '00:30', '08:30')], range.from, range.to, NY);
  assert.deepEqual(views(openWindowsAt(occurrences, 60, now)), [
    ['check_in', 5, '2027-03-14', '2027-03-14T04:30:00.000Z', '2027-03-14T06:30:00.000Z'],
  ]);
});

test('openWindowsAt: spring forward, a 02:30 shift (really 03:30 EDT) opens check-in at 06:30Z and closes it at 08:30Z', () => {
  const o = occurrenceOf(shift(6, 7, '02:30', '10:00'), '2027-03-14', NY);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-03-14T06:29:59Z')), []);
  assert.deepEqual(views(openWindowsAt([o], 60, at('2027-03-14T06:30:00Z'))), [
    ['check_in', 6, '2027-03-14', '2027-03-14T06:30:00.000Z', '2027-03-14T08:30:00.000Z'],
  ]);
  assert.equal(openWindowsAt([o], 60, at('2027-03-14T08:30:00Z')).length, 1);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-03-14T08:30:01Z')), []);
});

test('openWindowsAt: spring forward, overnight 22:00–06:00 from 13 March checks out around 10:00Z', () => {
  const o = occurrenceOf(shift(7, 6, '22:00', '06:00'), '2027-03-13', NY);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-03-14T08:59:59Z')), [], '04:59:59 EDT');
  assert.deepEqual(views(openWindowsAt([o], 60, at('2027-03-14T09:00:00Z'))), [
    ['check_out', 7, '2027-03-13', '2027-03-14T09:00:00.000Z', '2027-03-14T11:00:00.000Z'],
  ]);
  assert.equal(openWindowsAt([o], 60, at('2027-03-14T11:00:00Z')).length, 1);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-03-14T11:00:01Z')), []);
});

test('openWindowsAt: fall back, overnight 22:00–06:00 from 6 November checks out around 11:00Z', () => {
  const o = occurrenceOf(shift(8, 6, '22:00', '06:00'), '2027-11-06', NY);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-11-07T09:59:59Z')), [], '04:59:59 EST');
  assert.deepEqual(views(openWindowsAt([o], 60, at('2027-11-07T10:00:00Z'))), [
    ['check_out', 8, '2027-11-06', '2027-11-07T10:00:00.000Z', '2027-11-07T12:00:00.000Z'],
  ]);
  assert.deepEqual(openWindowsAt([o], 60, at('2027-11-07T12:00:01Z')), []);
});

test('openWindowsAt: fall back, a 01:30 start takes 01:30 EDT, so check-in closes at the second 01:30 (EST)', () => {
  const o = occurrenceOf(shift(9, 7, '01:30', '09:30'), '2027-11-07', NY);
  const closing = openWindowsAt([o], 60, at('2027-11-07T06:30:00Z'));
  assert.deepEqual(views(closing), [['check_in', 9, '2027-11-07', '2027-11-07T04:30:00.000Z', '2027-11-07T06:30:00.000Z']]);
  assert.equal(closing[0]!.closesAt.toISO(), '2027-11-07T01:30:00.000-05:00');
  assert.deepEqual(openWindowsAt([o], 60, at('2027-11-07T06:30:01Z')), []);
});

// ---- nextWindowAfter -------------------------------------------------------

test('nextWindowAfter: the check-in window before it opens, then the check-out window', () => {
  assert.deepEqual(view(nextWindowAfter([day], 60, at('2026-11-23T06:00:00Z'))!), [
    'check_in', 1, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z',
  ]);
  assert.deepEqual(view(nextWindowAfter([day], 60, at('2026-11-23T07:59:59.999Z'))!)[0], 'check_in');
  // A window opening exactly now is open, not next.
  assert.deepEqual(view(nextWindowAfter([day], 60, at('2026-11-23T08:00:00Z'))!), [
    'check_out', 1, '2026-11-23', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z',
  ]);
  assert.equal(nextWindowAfter([day], 60, at('2026-11-23T12:00:00Z'))!.kind, 'check_out');
});

test('nextWindowAfter: nothing once every window has opened', () => {
  assert.equal(nextWindowAfter([day], 60, at('2026-11-23T16:00:00Z')), undefined);
  assert.equal(nextWindowAfter([], 60, at('2026-11-23T16:00:00Z')), undefined);
});

test('nextWindowAfter: across several occurrences, the earliest opening wins whatever the list order', () => {
  const week = listOccurrences([shift(1, 1, '09:00', '17:00'), shift(2, 3, '06:00', '14:00')], '2026-11-23', '2026-11-29', 'UTC');
  const reversed = [...week].reverse(); // Wednesday's occurrence first
  assert.deepEqual(view(nextWindowAfter(reversed, 60, at('2026-11-23T06:00:00Z'))!), [
    'check_in', 1, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z',
  ]);
  assert.deepEqual(view(nextWindowAfter(reversed, 60, at('2026-11-23T12:00:00Z'))!), [
    'check_out', 1, '2026-11-23', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z',
  ]);
  const next = nextWindowAfter(reversed, 60, at('2026-11-23T19:00:00Z'))!;
  assert.deepEqual(view(next), ['check_in', 2, '2026-11-25', '2026-11-25T05:00:00.000Z', '2026-11-25T07:00:00.000Z']);
  assert.equal(next.opensAt.toISO(), '2026-11-25T05:00:00.000Z');
});

test('nextWindowAfter: window_minutes changes when the next one opens (Kolkata, 30 minutes)', () => {
  const o = occurrenceOf(shift(3, 1, '09:00', '17:00'), '2026-11-23', KOLKATA);
  const next = nextWindowAfter([o], 30, at('2026-11-23T00:00:00Z'))!;
  assert.equal(next.opensAt.toISO(), '2026-11-23T08:30:00.000+05:30');
  assert.equal(next.opensAt.toUTC().toISO(), '2026-11-23T03:00:00.000Z');
});

test('allWindows: every window, sorted by opening time', () => {
  // (No two windows open at the same instant: the order of ties is not part of the contract.)
  const list = listOccurrences([shift(1, 1, '22:00', '06:00'), shift(2, 2, '06:30', '14:30')], '2026-11-23', '2026-11-24', 'UTC');
  assert.deepEqual(views(allWindows([...list].reverse(), 60)), [
    ['check_in', 1, '2026-11-23', '2026-11-23T21:00:00.000Z', '2026-11-23T23:00:00.000Z'],
    ['check_out', 1, '2026-11-23', '2026-11-24T05:00:00.000Z', '2026-11-24T07:00:00.000Z'],
    ['check_in', 2, '2026-11-24', '2026-11-24T05:30:00.000Z', '2026-11-24T07:30:00.000Z'],
    ['check_out', 2, '2026-11-24', '2026-11-24T13:30:00.000Z', '2026-11-24T15:30:00.000Z'],
  ]);
});

// ---- chooseWindow ----------------------------------------------------------

const rec = (shiftId: number, date: string, kind: RecordedKind['kind']): RecordedKind => ({ shiftId, date, kind });

test('chooseWindow: a fresh check-in', () => {
  const open = openWindowsAt([day], 60, at('2026-11-23T08:55:00Z'));
  const choice = chooseWindow(open, []);
  assert.equal(choice.action, 'record');
  assert.ok(choice.action === 'record');
  assert.deepEqual(view(choice.window), ['check_in', 1, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z']);
});

test('chooseWindow: a second capture inside the same check-in window is a repeat, never a new record', () => {
  const open = openWindowsAt([day], 60, at('2026-11-23T09:10:00Z'));
  const choice = chooseWindow(open, [rec(1, '2026-11-23', 'check_in')]);
  assert.equal(choice.action, 'repeat');
  assert.ok(choice.action === 'repeat');
  assert.deepEqual(view(choice.window), ['check_in', 1, '2026-11-23', '2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z']);
});

test('chooseWindow: a record for another occurrence or another kind is not a repeat', () => {
  const open = openWindowsAt([day], 60, at('2026-11-23T09:10:00Z'));
  for (const recorded of [[rec(1, '2026-11-16', 'check_in')], [rec(2, '2026-11-23', 'check_in')], [rec(1, '2026-11-23', 'check_out')]]) {
    const choice = chooseWindow(open, recorded);
    assert.equal(choice.action, 'record', JSON.stringify(recorded));
    assert.ok(choice.action === 'record');
    assert.equal(choice.window.kind, 'check_in');
  }
});

test('chooseWindow: a check-out, and then its repeat', () => {
  const open = openWindowsAt([day], 60, at('2026-11-23T17:05:00Z'));
  const first = chooseWindow(open, [rec(1, '2026-11-23', 'check_in')]);
  assert.ok(first.action === 'record');
  assert.equal(first.window.kind, 'check_out');
  const again = chooseWindow(open, [rec(1, '2026-11-23', 'check_in'), rec(1, '2026-11-23', 'check_out')]);
  assert.equal(again.action, 'repeat');
  assert.ok(again.action === 'repeat');
  assert.equal(again.window.kind, 'check_out');
});

test('chooseWindow: a check-out without a check-in is still recorded', () => {
  const open = openWindowsAt([day], 60, at('2026-11-23T17:05:00Z'));
  const choice = chooseWindow(open, []);
  assert.ok(choice.action === 'record');
  assert.deepEqual(view(choice.window), ['check_out', 1, '2026-11-23', '2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z']);
});

test('chooseWindow: nothing open means nothing to do', () => {
  assert.deepEqual(chooseWindow([], []), { action: 'none' });
  assert.deepEqual(chooseWindow([], [rec(1, '2026-11-23', 'check_in')]), { action: 'none' });
});

// Monday night 22:00–06:00, then Tuesday 06:30–14:30: at Tuesday 05:45 the
// night check-out (05:00–07:00) and the morning check-in (05:30–07:30) are both open.
const nightAndMorning = listOccurrences([shift(20, 1, '22:00', '06:00'), shift(21, 2, '06:30', '14:30')], '2026-11-23', '2026-11-24', 'UTC');
const bothOpen = openWindowsAt(nightAndMorning, 60, at('2026-11-24T05:45:00Z'));

test('chooseWindow: both the night check-out and the next check-in are open', () => {
  assert.deepEqual(views(bothOpen), [
    ['check_out', 20, '2026-11-23', '2026-11-24T05:00:00.000Z', '2026-11-24T07:00:00.000Z'],
    ['check_in', 21, '2026-11-24', '2026-11-24T05:30:00.000Z', '2026-11-24T07:30:00.000Z'],
  ]);
});

test('chooseWindow: checked into the night shift, the check-out is preferred over the next day\'s check-in', () => {
  const choice = chooseWindow(bothOpen, [rec(20, '2026-11-23', 'check_in')]);
  assert.ok(choice.action === 'record');
  assert.deepEqual([choice.window.kind, choice.window.occurrence.shiftId, choice.window.occurrence.date], ['check_out', 20, '2026-11-23']);
  // Also when the windows arrive in the other order.
  const reversed = chooseWindow([...bothOpen].reverse(), [rec(20, '2026-11-23', 'check_in')]);
  assert.ok(reversed.action === 'record');
  assert.deepEqual([reversed.window.kind, reversed.window.occurrence.shiftId], ['check_out', 20]);
});

test('chooseWindow: after the night check-out, the next capture is the morning check-in', () => {
  const choice = chooseWindow(bothOpen, [rec(20, '2026-11-23', 'check_in'), rec(20, '2026-11-23', 'check_out')]);
  assert.ok(choice.action === 'record');
  assert.deepEqual([choice.window.kind, choice.window.occurrence.shiftId, choice.window.occurrence.date], ['check_in', 21, '2026-11-24']);
});

test('chooseWindow: never checked into the night shift, the morning check-in comes first', () => {
  const choice = chooseWindow(bothOpen, []);
  assert.ok(choice.action === 'record');
  assert.deepEqual([choice.window.kind, choice.window.occurrence.shiftId], ['check_in', 21]);
});

test('chooseWindow: an explicit kind filter', () => {
  const checkedIn = [rec(20, '2026-11-23', 'check_in')];
  const wantIn = chooseWindow(bothOpen, checkedIn, 'check_in');
  assert.ok(wantIn.action === 'record');
  assert.deepEqual([wantIn.window.kind, wantIn.window.occurrence.shiftId], ['check_in', 21]);
  const wantOut = chooseWindow(bothOpen, [], 'check_out');
  assert.ok(wantOut.action === 'record');
  assert.deepEqual([wantOut.window.kind, wantOut.window.occurrence.shiftId], ['check_out', 20]);
  // Kind asked for is not open: nothing, even though another window is.
  assert.deepEqual(chooseWindow(openWindowsAt([day], 60, at('2026-11-23T09:00:00Z')), [], 'check_out'), { action: 'none' });
  // Kind asked for was already recorded: a repeat of it, not the other kind.
  const repeat = chooseWindow(bothOpen, [rec(21, '2026-11-24', 'check_in')], 'check_in');
  assert.equal(repeat.action, 'repeat');
  assert.ok(repeat.action === 'repeat');
  assert.deepEqual([repeat.window.kind, repeat.window.occurrence.shiftId], ['check_in', 21]);
});

// ---- attendanceStatus ------------------------------------------------------

test('attendanceStatus: check-in before and at the start is on time', () => {
  assert.equal(attendanceStatus('check_in', at('2026-11-23T08:00:00Z'), day, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:00:00Z'), day, 5), 'on_time');
});

test('attendanceStatus: exactly start + 5 min is on time, a second later is late', () => {
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:05:00Z'), day, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:05:01Z'), day, 5), 'late');
  assert.equal(attendanceStatus('check_in', plus('2026-11-23T09:05:00Z', 1), day, 5), 'late');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T10:00:00Z'), day, 5), 'late');
});

test('attendanceStatus: other grace periods (0 and 15 minutes)', () => {
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:00:00Z'), day, 0), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:00:01Z'), day, 0), 'late');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:15:00Z'), day, 15), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T09:15:01Z'), day, 15), 'late');
});

test('attendanceStatus: check-out before the end is early, at or after it on time', () => {
  assert.equal(attendanceStatus('check_out', at('2026-11-23T16:00:00Z'), day, 5), 'early');
  assert.equal(attendanceStatus('check_out', at('2026-11-23T16:59:59Z'), day, 5), 'early');
  assert.equal(attendanceStatus('check_out', at('2026-11-23T17:00:00Z'), day, 5), 'on_time');
  assert.equal(attendanceStatus('check_out', at('2026-11-23T17:59:00Z'), day, 5), 'on_time');
});

test('attendanceStatus: lateness in Kolkata is measured from 09:00 local = 03:30Z', () => {
  const o = occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', KOLKATA);
  assert.equal(attendanceStatus('check_in', at('2026-11-23T03:35:00Z'), o, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2026-11-23T03:35:01Z'), o, 5), 'late');
  assert.equal(attendanceStatus('check_out', at('2026-11-23T11:29:59Z'), o, 5), 'early');
  assert.equal(attendanceStatus('check_out', at('2026-11-23T11:30:00Z'), o, 5), 'on_time');
});

test('attendanceStatus: spring forward, a 02:30 shift (03:30 EDT) is late after 07:35Z', () => {
  const o = occurrenceOf(shift(1, 7, '02:30', '10:00'), '2027-03-14', NY);
  assert.equal(attendanceStatus('check_in', at('2027-03-14T07:35:00Z'), o, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2027-03-14T07:35:01Z'), o, 5), 'late');
});

test('attendanceStatus: grace runs in real time across the spring-forward gap (01:58 EST + 5 min = 03:03 EDT)', () => {
  const o = occurrenceOf(shift(1, 7, '01:58', '09:00'), '2027-03-14', NY);
  assert.equal(o.start.toUTC().toISO(), '2027-03-14T06:58:00.000Z');
  assert.equal(attendanceStatus('check_in', at('2027-03-14T07:03:00Z'), o, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2027-03-14T07:03:01Z'), o, 5), 'late');
});

test('attendanceStatus: fall back, a 01:30 shift is late after the FIRST 01:35 (05:35Z)', () => {
  const o = occurrenceOf(shift(1, 7, '01:30', '09:30'), '2027-11-07', NY);
  assert.equal(attendanceStatus('check_in', at('2027-11-07T05:35:00Z'), o, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2027-11-07T05:35:01Z'), o, 5), 'late');
  assert.equal(attendanceStatus('check_in', at('2027-11-07T06:32:00Z'), o, 5), 'late', '01:32 EST, the second 01:32');
});

test('attendanceStatus: overnight shifts end on the next day (spring forward 7 h, fall back 9 h)', () => {
  const spring = occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-03-13', NY);
  assert.equal(attendanceStatus('check_out', at('2027-03-14T09:59:59Z'), spring, 5), 'early');
  assert.equal(attendanceStatus('check_out', at('2027-03-14T10:00:00Z'), spring, 5), 'on_time');
  const fall = occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-11-06', NY);
  assert.equal(attendanceStatus('check_out', at('2027-11-07T10:30:00Z'), fall, 5), 'early', '05:30 EST');
  assert.equal(attendanceStatus('check_out', at('2027-11-07T11:00:00Z'), fall, 5), 'on_time');
  assert.equal(attendanceStatus('check_in', at('2027-11-07T02:05:00Z'), fall, 5), 'on_time', '22:05 EDT');
  assert.equal(attendanceStatus('check_in', at('2027-11-07T02:05:01Z'), fall, 5), 'late');
});

test('the whole flow for one overnight shift: choose, then status, at each moment', () => {
  const night = occurrenceOf(shift(30, 1, '22:00', '06:00'), '2026-11-23', 'UTC');
  const recorded: RecordedKind[] = [];
  const capture = (iso: string) => {
    const choice = chooseWindow(openWindowsAt([night], 60, at(iso)), recorded);
    if (choice.action !== 'record') return choice.action;
    recorded.push({ shiftId: choice.window.occurrence.shiftId, date: choice.window.occurrence.date, kind: choice.window.kind });
    return `${choice.window.kind}:${attendanceStatus(choice.window.kind, at(iso), choice.window.occurrence, 5)}`;
  };
  assert.equal(capture('2026-11-23T20:59:59Z'), 'none');
  assert.equal(capture('2026-11-23T22:06:00Z'), 'check_in:late');
  assert.equal(capture('2026-11-23T22:30:00Z'), 'repeat');
  assert.equal(capture('2026-11-24T03:00:00Z'), 'none');
  assert.equal(capture('2026-11-24T05:50:00Z'), 'check_out:early');
  assert.equal(capture('2026-11-24T06:10:00Z'), 'repeat');
  assert.deepEqual(recorded, [rec(30, '2026-11-23', 'check_in'), rec(30, '2026-11-23', 'check_out')]);
});

test.run();
