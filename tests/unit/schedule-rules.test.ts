/** Dated schedule rules for occurrences moving to a person (swaps, reassignments). */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { listOccurrences } from '../../server/roster/occurrences.js';
import { checkScheduleChange } from '../../server/roster/schedule-rules.js';

const zone = 'Europe/London';
const occurrence = (id: number, staffId: number, date: string, start: string, end: string) =>
  listOccurrences([{ id, staffId, dayOfWeek: new Date(`${date}T12:00:00Z`).getUTCDay() || 7, startTime: start, endTime: end }], date, date, zone)[0]!;

const bea = { staffId: 2, name: 'Bea', weeklyOffs: [7] };
const beaMonday = occurrence(20, 2, '2026-11-23', '09:00:00', '17:00:00');

test('taking a shift that does not touch their own is fine', () => {
  const incoming = occurrence(10, 1, '2026-11-24', '09:00:00', '17:00:00');
  assert.deepEqual(checkScheduleChange({ person: bea, schedule: [beaMonday], leaving: [], arriving: [incoming], minRestHours: 0 }), { ok: true });
});

test('an overlap names both shifts', () => {
  const incoming = occurrence(10, 1, '2026-11-23', '16:00:00', '22:00:00');
  const result = checkScheduleChange({ person: bea, schedule: [beaMonday], leaving: [], arriving: [incoming], minRestHours: 0 });
  assert.deepEqual(result, {
    ok: false,
    code: 'shift_overlap',
    message: 'Bea would work Monday 23 November 16:00–22:00 and Monday 23 November 09:00–17:00, which overlap.',
  });
});

test('an overnight shift spilling into the next morning overlaps that morning’s shift', () => {
  const night = occurrence(10, 1, '2026-11-22', '22:00:00', '10:00:00');
  const result = checkScheduleChange({ person: { ...bea, weeklyOffs: [6] }, schedule: [beaMonday], leaving: [], arriving: [night], minRestHours: 0 });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.code === 'shift_overlap');
});

test('giving away the clashing shift in the same swap makes room', () => {
  const incoming = occurrence(10, 1, '2026-11-23', '10:00:00', '18:00:00');
  const result = checkScheduleChange({ person: bea, schedule: [beaMonday], leaving: [{ shiftId: 20, date: '2026-11-23' }], arriving: [incoming], minRestHours: 0 });
  assert.deepEqual(result, { ok: true });
});

test('a shift on a weekly day off is refused', () => {
  const sunday = occurrence(10, 1, '2026-11-29', '09:00:00', '17:00:00');
  const result = checkScheduleChange({ person: bea, schedule: [], leaving: [], arriving: [sunday], minRestHours: 0 });
  assert.deepEqual(result, {
    ok: false,
    code: 'shift_on_weekly_off',
    message: 'Bea has Sunday off every week, so cannot take the shift on Sunday 29 November 09:00–17:00.',
  });
});

test('minimum rest: 8 hours between shifts is refused at 11, allowed at 8', () => {
  const evening = occurrence(10, 1, '2026-11-22', '17:00:00', '01:00:00');
  const input = { person: { ...bea, weeklyOffs: [6] }, schedule: [beaMonday], leaving: [], arriving: [evening] };
  const refused = checkScheduleChange({ ...input, minRestHours: 11 });
  assert.deepEqual(refused, {
    ok: false,
    code: 'rest_too_short',
    message: 'Bea would have only 8 hours of rest between Sunday 22 November 17:00–01:00 and Monday 23 November 09:00–17:00; the minimum is 11 hours.',
  });
  assert.deepEqual(checkScheduleChange({ ...input, minRestHours: 8 }), { ok: true });
});

test.run();
