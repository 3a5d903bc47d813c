/** Timesheet rows and live-board states, as plain functions of schedule, records and time. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { boardState, upcomingBoardStates } from '../../server/attendance/occurrence-state.js';
import { applyOverrides } from '../../server/roster/effective-schedule.js';
import { listOccurrences } from '../../server/roster/occurrences.js';
import { buildTimesheet, type TimesheetRecord } from '../../server/timesheets/timesheet-rows.js';

const zone = 'America/New_York';
const occurrences = applyOverrides(
  listOccurrences(
    [
      { id: 1, staffId: 1, dayOfWeek: 1, startTime: '09:00:00', endTime: '17:00:00' },
      { id: 2, staffId: 2, dayOfWeek: 1, startTime: '22:00:00', endTime: '06:00:00' },
    ],
    '2026-11-23',
    '2026-11-30',
    zone,
  ),
  [],
);
const names = new Map([[1, 'Ann'], [2, 'Ben']]);
const record = (shiftId: number, date: string, staffId: number, kind: 'check_in' | 'check_out', at: string, status: TimesheetRecord['status'] = 'on_time'): TimesheetRecord => ({
  shiftId, occurrenceDate: date, staffId, kind, at: new Date(at), status, scheduledStart: new Date(0), scheduledEnd: new Date(0),
});

test('one row per occurrence with local times, status and hours', () => {
  const rows = buildTimesheet({
    occurrences,
    records: [
      record(1, '2026-11-23', 1, 'check_in', '2026-11-23T14:10:00Z', 'late'),
      record(1, '2026-11-23', 1, 'check_out', '2026-11-23T22:01:00Z'),
      record(2, '2026-11-23', 2, 'check_in', '2026-11-24T02:55:00Z'),
    ],
    names,
    zone,
    windowMinutes: 60,
    now: new Date('2026-11-30T15:00:00Z'),
  });
  assert.deepEqual(
    rows.map((r) => [r.staff, r.date, r.scheduledStart, r.scheduledEnd, r.checkIn, r.checkOut, r.status, r.hours]),
    [
      ['Ann', '2026-11-23', '2026-11-23 09:00', '2026-11-23 17:00', '2026-11-23 09:10', '2026-11-23 17:01', 'late', '7.85'],
      ['Ann', '2026-11-30', '2026-11-30 09:00', '2026-11-30 17:00', '', '', 'open', ''],
      ['Ben', '2026-11-23', '2026-11-23 22:00', '2026-11-24 06:00', '2026-11-23 21:55', '', 'no_check_out', ''],
      ['Ben', '2026-11-30', '2026-11-30 22:00', '2026-12-01 06:00', '', '', 'scheduled', ''],
    ],
  );
});

test('a record whose shift left the schedule still gets its row, from its snapshot', () => {
  const orphan: TimesheetRecord = {
    shiftId: 99, occurrenceDate: '2026-11-24', staffId: 2, kind: 'check_in', at: new Date('2026-11-24T13:00:00Z'), status: 'on_time',
    scheduledStart: new Date('2026-11-24T13:00:00Z'), scheduledEnd: new Date('2026-11-24T21:00:00Z'),
  };
  const rows = buildTimesheet({ occurrences: [], records: [orphan], names, zone, windowMinutes: 60, now: new Date('2026-11-30T00:00:00Z') });
  assert.deepEqual(rows, [
    { staffId: 2, staff: 'Ben', date: '2026-11-24', scheduledStart: '2026-11-24 08:00', scheduledEnd: '2026-11-24 16:00', checkIn: '2026-11-24 08:00', checkOut: '', status: 'no_check_out', hours: '' },
  ]);
});

test('board states: upcoming, open, missed, checked in, late, checked out', () => {
  const span = { startMillis: Date.parse('2026-11-23T14:00:00Z'), endMillis: Date.parse('2026-11-23T22:00:00Z') };
  const at = (iso: string) => new Date(iso);
  assert.equal(boardState(span, {}, 60, at('2026-11-23T12:59:59Z')), 'upcoming');
  assert.equal(boardState(span, {}, 60, at('2026-11-23T13:00:00Z')), 'open');
  assert.equal(boardState(span, {}, 60, at('2026-11-23T15:00:00Z')), 'open');
  assert.equal(boardState(span, {}, 60, at('2026-11-23T15:00:01Z')), 'missed');
  assert.equal(boardState(span, { checkIn: { status: 'on_time' } }, 60, at('2026-11-23T15:00:01Z')), 'checked_in');
  assert.equal(boardState(span, { checkIn: { status: 'late' } }, 60, at('2026-11-23T15:00:01Z')), 'late');
  assert.equal(boardState(span, { checkIn: { status: 'late' }, checkOut: { status: 'on_time' } }, 60, at('2026-11-23T23:00:00Z')), 'checked_out');
});

test('the board is told when a state will change by itself: open at the window, missed just after it closes', () => {
  const span = { startMillis: Date.parse('2026-11-23T14:00:00Z'), endMillis: Date.parse('2026-11-23T22:00:00Z') };
  const iso = (changes: { at: Date; state: string }[]) => changes.map((c) => [c.at.toISOString(), c.state]);
  assert.deepEqual(iso(upcomingBoardStates(span, {}, 60, new Date('2026-11-23T12:00:00Z'))), [
    ['2026-11-23T13:00:00.000Z', 'open'],
    ['2026-11-23T15:00:00.001Z', 'missed'],
  ]);
  assert.deepEqual(iso(upcomingBoardStates(span, {}, 60, new Date('2026-11-23T13:30:00Z'))), [['2026-11-23T15:00:00.001Z', 'missed']]);
  // Each change is the state boardState itself gives at that instant.
  for (const change of upcomingBoardStates(span, {}, 60, new Date('2026-11-23T12:00:00Z'))) {
    assert.equal(boardState(span, {}, 60, change.at), change.state);
  }
  // Once checked in, time alone changes nothing on the board.
  assert.deepEqual(upcomingBoardStates(span, { checkIn: { status: 'on_time' } }, 60, new Date('2026-11-23T14:05:00Z')), []);
  assert.deepEqual(upcomingBoardStates(span, {}, 60, new Date('2026-11-23T16:00:00Z')), []);
});

test.run();
