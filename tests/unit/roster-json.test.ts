/** The roster's JSON text writer gives exactly the text of JSON.stringify over the roster's objects. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { applyOverrides } from '../../server/roster/effective-schedule.js';
import { listOccurrences } from '../../server/roster/occurrences.js';
import { createRosterJsonWriter, toRosterJson } from '../../server/roster/roster-json.js';

const zone = 'Europe/London';
const template = [
  { id: 1, staffId: 10, dayOfWeek: 7, startTime: '22:00:00', endTime: '06:00:00' },
  { id: 2, staffId: 11, dayOfWeek: 7, startTime: '01:30:00', endTime: '09:30:00' },
  { id: 3, staffId: 12, dayOfWeek: 1, startTime: '09:00:00', endTime: '17:00:00' },
];
// Sunday 25 October 2026 is the day London's clocks go back; the week around it.
const occurrences = applyOverrides(listOccurrences(template, '2026-10-19', '2026-11-01', zone), [
  { shiftId: 1, date: '2026-10-25', assigneeStaffId: 11, cancelled: false, swapId: 7 },
  { shiftId: 3, date: '2026-10-26', assigneeStaffId: null, cancelled: false, startTime: '10:00:00', endTime: '18:30:00', swapId: null },
  { shiftId: 3, date: '2026-10-19', assigneeStaffId: null, cancelled: true, swapId: null },
]);

test('the same text as JSON.stringify of the objects, across a DST change, swaps, retimes and notes that need escaping', () => {
  const notes = new Map<number, string | null>([
    [2, 'Cover "late" stock-take \\ back door\n— ünïcode'],
    [3, null],
  ]);
  assert.ok(occurrences.some((o) => o.reassigned) && occurrences.some((o) => o.retimed));
  const expected = JSON.stringify(toRosterJson(occurrences, zone, 60, notes));
  assert.equal(`[${createRosterJsonWriter(zone, 60, notes)(occurrences)}]`, expected);
});

test('written in pieces by one writer, the pieces joined are the whole', () => {
  const write = createRosterJsonWriter(zone, 45);
  const pieces = [occurrences.slice(0, 3), occurrences.slice(3, 4), occurrences.slice(4)].map(write);
  assert.equal(`[${pieces.join(',')}]`, JSON.stringify(toRosterJson(occurrences, zone, 45)));
});

test('no entries: an empty array', () => {
  assert.equal(`[${createRosterJsonWriter(zone, 60)([])}]`, '[]');
});

test.run();
