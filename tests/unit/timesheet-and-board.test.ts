/** Occurrence outcomes, live-board states and timesheet entries, as plain functions of schedule, punches and time. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { boardState, occurrenceOutcome, upcomingBoardStates } from '../../server/attendance/occurrence-state.js';
import { applyOverrides } from '../../server/roster/effective-schedule.js';
import { listOccurrences } from '../../server/roster/occurrences.js';
import { defaultHoursRules } from '../../server/timesheets/hours.js';
import { buildTimesheet, scheduledSlot, type PunchRecord } from '../../server/timesheets/timesheet-rows.js';

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

let nextId = 1;
const punch = (shiftId: number, date: string, staffId: number, kind: PunchRecord['kind'], at: string, extra: Partial<PunchRecord> = {}): PunchRecord => ({
  id: nextId++,
  shiftId,
  occurrenceDate: date,
  staffId,
  kind,
  at: new Date(at),
  status: 'on_time',
  scheduledStart: new Date(0),
  scheduledEnd: new Date(0),
  source: 'kiosk',
  supersedesId: null,
  reason: null,
  createdBy: null,
  recordedAt: new Date(at),
  photoId: null,
  kioskId: 1,
  voided: null,
  ...extra,
});

const build = (punches: PunchRecord[], now: string, options: Partial<Parameters<typeof buildTimesheet>[0]> = {}) =>
  buildTimesheet({
    occurrences: occurrences.map(scheduledSlot),
    punches,
    absences: [],
    isApproved: () => false,
    rules: defaultHoursRules,
    windowMinutes: 60,
    now: new Date(now),
    range: { from: '2026-11-23', to: '2026-11-30' },
    ...options,
  });

test('the outcome on every path', () => {
  const span = { startMillis: Date.parse('2026-11-23T14:00:00Z'), endMillis: Date.parse('2026-11-23T22:00:00Z') };
  const outcome = (punches: Parameters<typeof occurrenceOutcome>[1], iso: string) => occurrenceOutcome(span, punches, 60, new Date(iso)).outcome;
  const onTime = { status: 'on_time' as const };
  assert.equal(outcome({}, '2026-11-23T12:59:59Z'), 'scheduled');
  assert.equal(outcome({}, '2026-11-23T13:00:00Z'), 'open');
  assert.equal(outcome({}, '2026-11-23T15:00:00Z'), 'open');
  assert.equal(outcome({}, '2026-11-23T15:00:01Z'), 'missed');
  assert.equal(outcome({ checkIn: onTime }, '2026-11-23T23:00:00Z'), 'in_progress');
  assert.equal(outcome({ checkIn: onTime }, '2026-11-23T23:00:01Z'), 'missing_check_out');
  assert.equal(outcome({ checkIn: onTime, checkOut: onTime }, '2026-11-23T22:00:00Z'), 'complete');
  assert.equal(outcome({ checkOut: onTime }, '2026-11-23T22:00:00Z'), 'missing_check_in');
  assert.equal(outcome({ excused: true }, '2026-11-23T12:00:00Z'), 'excused');
  assert.equal(outcome({ excused: true }, '2026-11-24T12:00:00Z'), 'excused');
  // A punch says more than an absence: someone excused who came in after all is not "excused".
  assert.equal(outcome({ excused: true, checkIn: onTime }, '2026-11-23T16:00:00Z'), 'in_progress');
  assert.equal(occurrenceOutcome(span, { checkIn: { status: 'late' } }, 60, new Date('2026-11-23T16:00:00Z')).late, true);
});

test('board states: upcoming, open, missed, checked in, late, checked out, and the ones that need a manager', () => {
  const span = { startMillis: Date.parse('2026-11-23T14:00:00Z'), endMillis: Date.parse('2026-11-23T22:00:00Z') };
  const at = (iso: string) => new Date(iso);
  assert.equal(boardState(span, {}, 60, at('2026-11-23T12:59:59Z')), 'upcoming');
  assert.equal(boardState(span, {}, 60, at('2026-11-23T13:00:00Z')), 'open');
  assert.equal(boardState(span, {}, 60, at('2026-11-23T15:00:01Z')), 'missed');
  assert.equal(boardState(span, { checkIn: { status: 'on_time' } }, 60, at('2026-11-23T15:00:01Z')), 'checked_in');
  assert.equal(boardState(span, { checkIn: { status: 'late' } }, 60, at('2026-11-23T15:00:01Z')), 'late');
  assert.equal(boardState(span, { checkIn: { status: 'late' }, checkOut: { status: 'on_time' } }, 60, at('2026-11-23T23:00:00Z')), 'checked_out');
  assert.equal(boardState(span, { checkIn: { status: 'late' } }, 60, at('2026-11-23T23:00:01Z')), 'missing_check_out');
  // Checking out without checking in is not attendance: the board says so rather than "checked out".
  assert.equal(boardState(span, { checkOut: { status: 'on_time' } }, 60, at('2026-11-23T22:00:00Z')), 'missing_check_in');
  assert.equal(boardState(span, { excused: true }, 60, at('2026-11-23T15:00:01Z')), 'excused');
});

test('the board is told when a state will change by itself', () => {
  const span = { startMillis: Date.parse('2026-11-23T14:00:00Z'), endMillis: Date.parse('2026-11-23T22:00:00Z') };
  const iso = (changes: { at: Date; state: string }[]) => changes.map((c) => [c.at.toISOString(), c.state]);
  assert.deepEqual(iso(upcomingBoardStates(span, {}, 60, new Date('2026-11-23T12:00:00Z'))), [
    ['2026-11-23T13:00:00.000Z', 'open'],
    ['2026-11-23T15:00:00.001Z', 'missed'],
  ]);
  for (const change of upcomingBoardStates(span, {}, 60, new Date('2026-11-23T12:00:00Z'))) {
    assert.equal(boardState(span, {}, 60, change.at), change.state);
  }
  // Checked in: the next change is the forgotten check-out, just after its window closes.
  assert.deepEqual(iso(upcomingBoardStates(span, { checkIn: { status: 'on_time' } }, 60, new Date('2026-11-23T14:05:00Z'))), [
    ['2026-11-23T23:00:00.001Z', 'missing_check_out'],
  ]);
  assert.deepEqual(upcomingBoardStates(span, {}, 60, new Date('2026-11-23T16:00:00Z')), []);
  assert.deepEqual(upcomingBoardStates(span, { excused: true }, 60, new Date('2026-11-23T12:00:00Z')), []);
});

test('one entry per occurrence with its outcome and hours; an overnight shift under the date it starts', () => {
  const entries = build(
    [
      punch(1, '2026-11-23', 1, 'check_in', '2026-11-23T14:10:00Z', { status: 'late' }),
      punch(1, '2026-11-23', 1, 'check_out', '2026-11-23T22:01:00Z'),
      punch(2, '2026-11-23', 2, 'check_in', '2026-11-24T02:55:00Z'),
      punch(2, '2026-11-23', 2, 'check_out', '2026-11-24T11:05:00Z'),
    ],
    '2026-11-30T15:00:00Z',
  );
  assert.deepEqual(
    entries.map((e) => [e.staffId, e.date, e.outcome, e.late, e.hours.workedMinutes]),
    [
      [1, '2026-11-23', 'complete', true, 471],
      [1, '2026-11-30', 'open', false, 0],
      [2, '2026-11-23', 'complete', false, 490],
      [2, '2026-11-30', 'scheduled', false, 0],
    ],
  );
});

test('a chain: the original stays, the latest counts, a void leaves none, and the last manager change names who and why', () => {
  const first = punch(1, '2026-11-23', 1, 'check_in', '2026-11-23T13:58:00Z');
  const fixed = punch(1, '2026-11-23', 1, 'check_in', '2026-11-23T14:00:00Z', { source: 'manager', supersedesId: first.id, reason: 'Wrong time', createdBy: 9, recordedAt: new Date('2026-11-25T10:00:00Z') });
  const out = punch(1, '2026-11-23', 1, 'check_out', '2026-11-23T22:00:00Z');
  const [monday] = build([fixed, out, first], '2026-11-30T15:00:00Z');
  assert.deepEqual(
    { original: monday!.checkIn!.original.id, final: monday!.checkIn!.final!.id, history: monday!.checkIn!.history.map((p) => p.id), by: monday!.correctedBy, reason: monday!.reason, worked: monday!.hours.workedMinutes },
    { original: first.id, final: fixed.id, history: [first.id, fixed.id], by: 9, reason: 'Wrong time', worked: 480 },
  );
  const voidedFix = { ...fixed, voided: { reason: 'Not her', by: 7, byKiosk: null, at: new Date('2026-11-26T10:00:00Z') } };
  const [afterVoid] = build([first, voidedFix, out], '2026-11-30T15:00:00Z');
  assert.deepEqual({ final: afterVoid!.checkIn!.final, outcome: afterVoid!.outcome, by: afterVoid!.correctedBy, reason: afterVoid!.reason }, { final: null, outcome: 'missing_check_in', by: 7, reason: 'Not her' });
});

test('a punch whose shift left the schedule still gets its entry, from its snapshot', () => {
  const orphan = punch(99, '2026-11-24', 2, 'check_in', '2026-11-24T13:00:00Z', {
    scheduledStart: new Date('2026-11-24T13:00:00Z'),
    scheduledEnd: new Date('2026-11-24T21:00:00Z'),
  });
  const entries = buildTimesheet({ occurrences: [], punches: [orphan], absences: [], isApproved: () => false, rules: defaultHoursRules, windowMinutes: 60, now: new Date('2026-11-30T00:00:00Z'), range: { from: '2026-11-23', to: '2026-11-29' } });
  assert.deepEqual(
    entries.map((e) => [e.staffId, e.shiftId, e.date, e.scheduledStart.toISOString(), e.outcome]),
    [[2, 99, '2026-11-24', '2026-11-24T13:00:00.000Z', 'missing_check_out']],
  );
});

test('weekly overtime counts the part of the week before the range, and only the range is listed', () => {
  // Ann works Monday to Friday, 10 hours a day, over a 40-hour week: Friday is overtime.
  const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  const weekly = listOccurrences(
    [1, 2, 3, 4, 5].map((day) => ({ id: day, staffId: 1, dayOfWeek: day, startTime: '08:00:00', endTime: '18:00:00' })),
    '2026-11-23',
    '2026-11-27',
    'UTC',
  );
  const punches = days.flatMap((date, i) => [punch(i + 1, date, 1, 'check_in', `${date}T08:00:00Z`), punch(i + 1, date, 1, 'check_out', `${date}T18:00:00Z`)]);
  const entries = buildTimesheet({
    occurrences: applyOverrides(weekly, []).map(scheduledSlot),
    punches,
    absences: [],
    isApproved: () => false,
    rules: { ...defaultHoursRules, overtimeWeeklyHours: 40 },
    windowMinutes: 60,
    now: new Date('2026-11-30T00:00:00Z'),
    range: { from: '2026-11-27', to: '2026-11-27' },
  });
  assert.deepEqual(entries.map((e) => [e.date, e.hours.regularMinutes, e.hours.overtimeMinutes]), [['2026-11-27', 0, 600]]);
});

test.run();
