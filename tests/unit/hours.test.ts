/**
 * Payroll minutes (DESIGN.md, "Timesheets, corrections and the ledger",
 * Hours): worked time in real elapsed time, rounded to the nearest
 * 0/5/6/10/15 minutes with halves up; the unpaid break only when worked time
 * is strictly more than the threshold; daily, then weekly overtime with no
 * minute counted twice; weeks by the date a shift starts on.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import {
  computeHours,
  defaultHoursRules,
  roundingChoices,
  shiftMinutes,
  weekStartOf,
  type HoursRules,
  type OccurrenceHours,
  type WorkedOccurrence,
} from '../../server/timesheets/hours.js';

const LONDON = 'Europe/London';
const minute = 60_000;

const rules = (changes: Partial<HoursRules> = {}): HoursRules => ({ ...defaultHoursRules, ...changes });

/** A check-in at `startIso` and a check-out `millis` later. */
const span = (startIso: string, millis: number) => {
  const checkIn = new Date(startIso);
  return { checkIn, checkOut: new Date(checkIn.getTime() + millis) };
};
/** Worked minutes of a span of `millis` under `rounding`. */
const workedFor = (millis: number, roundingMinutes: HoursRules['roundingMinutes']) => {
  const { checkIn, checkOut } = span('2026-11-23T09:00:00Z', millis);
  return shiftMinutes(checkIn, checkOut, rules({ roundingMinutes })).workedMinutes;
};
const hm = (hours: number, minutes = 0, seconds = 0, millis = 0) => ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;

/** An occurrence on `date` (YYYY-MM-DD, UTC) from `startTime` for `hours` hours. */
const worked = (key: string, date: string, startTime: string, hours: number): WorkedOccurrence => ({
  key,
  date,
  ...span(`${date}T${startTime}:00Z`, hours * 60 * minute),
});

/** Each occurrence's hours as [key, worked, break, regular, overtime], in map order. */
const rows = (hours: Map<string, OccurrenceHours>) =>
  [...hours].map(([key, h]) => [key, h.workedMinutes, h.breakMinutes, h.regularMinutes, h.overtimeMinutes]);
const totalOvertime = (hours: Map<string, OccurrenceHours>) => [...hours.values()].reduce((sum, h) => sum + h.overtimeMinutes, 0);

// Monday 23 November 2026 … Sunday 29 November 2026; Sunday 22 November before it.
const weekdays = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];

// ---- shiftMinutes: worked time and rounding --------------------------------

test('defaults: no rounding, no break, no overtime, weeks from Monday', () => {
  assert.deepEqual([...roundingChoices], [0, 5, 6, 10, 15]);
  assert.deepEqual(defaultHoursRules, { roundingMinutes: 0, breakMinutes: 0, breakAfterHours: null, overtimeDailyHours: null, overtimeWeeklyHours: null, weekStartsOn: 1 });
});

test('no rules: exact minutes, paid = worked', () => {
  const { checkIn, checkOut } = span('2026-11-23T09:00:00Z', hm(8, 17));
  assert.deepEqual(shiftMinutes(checkIn, checkOut, defaultHoursRules), { workedMinutes: 497, breakMinutes: 0, paidMinutes: 497 });
  assert.equal(workedFor(hm(0, 1), 0), 1);
  assert.equal(workedFor(hm(12, 59), 0), 779);
});

test('no rounding still rounds seconds to the nearest minute, 30 s up', () => {
  assert.equal(workedFor(hm(8, 0, 29, 999), 0), 480);
  assert.equal(workedFor(hm(8, 0, 30), 0), 481);
  assert.equal(workedFor(hm(7, 59, 30), 0), 480);
  assert.equal(workedFor(hm(7, 59, 29, 999), 0), 479);
  assert.equal(workedFor(hm(0, 0, 29), 0), 0, 'under half a minute is nothing');
  assert.equal(workedFor(hm(0, 0, 30), 0), 1);
});

test('5-minute rounding: to the nearest 5, 2 min 30 s goes up', () => {
  assert.equal(workedFor(hm(8, 2, 29, 999), 5), 480);
  assert.equal(workedFor(hm(8, 2, 30), 5), 485);
  assert.equal(workedFor(hm(8, 5), 5), 485);
  assert.equal(workedFor(hm(8, 7, 29, 999), 5), 485);
  assert.equal(workedFor(hm(8, 7, 30), 5), 490);
  assert.equal(workedFor(hm(7, 57, 30), 5), 480, 'rounds up to the hour too');
  assert.equal(workedFor(hm(0, 2, 29), 5), 0);
});

test('6-minute rounding (tenths of an hour): 3 min goes up', () => {
  assert.equal(workedFor(hm(8, 2, 59, 999), 6), 480);
  assert.equal(workedFor(hm(8, 3), 6), 486);
  assert.equal(workedFor(hm(8, 8, 59), 6), 486);
  assert.equal(workedFor(hm(8, 9), 6), 492);
  assert.equal(workedFor(hm(7, 57), 6), 480);
});

test('6-minute rounding rounds once, from the exact time: 2 min 30 s is 0, not 3 then 6', () => {
  assert.equal(workedFor(hm(0, 2, 30), 6), 0);
  assert.equal(workedFor(hm(8, 2, 30), 6), 480);
});

test('10-minute rounding: 5 min goes up', () => {
  assert.equal(workedFor(hm(8, 4, 59, 999), 10), 480);
  assert.equal(workedFor(hm(8, 5), 10), 490);
  assert.equal(workedFor(hm(8, 14, 59), 10), 490);
  assert.equal(workedFor(hm(8, 15), 10), 500);
  assert.equal(workedFor(hm(7, 55), 10), 480);
});

test('15-minute rounding: 7 min 30 s goes up', () => {
  assert.equal(workedFor(hm(8, 7, 29, 999), 15), 480);
  assert.equal(workedFor(hm(8, 7, 30), 15), 495);
  assert.equal(workedFor(hm(8, 22, 29), 15), 495);
  assert.equal(workedFor(hm(8, 22, 30), 15), 510);
  assert.equal(workedFor(hm(7, 52, 30), 15), 480);
  assert.equal(workedFor(hm(7, 52, 29), 15), 465);
});

test('zero and negative durations are 0 worked, with no break, under every rounding', () => {
  const at = new Date('2026-11-23T09:00:00Z');
  const before = new Date('2026-11-23T08:00:00Z');
  const breakFromZero = rules({ breakMinutes: 30, breakAfterHours: 0 });
  const none = { workedMinutes: 0, breakMinutes: 0, paidMinutes: 0 };
  assert.deepEqual(shiftMinutes(at, at, breakFromZero), none, 'zero');
  assert.deepEqual(shiftMinutes(at, before, breakFromZero), none, 'check-out an hour before check-in');
  for (const roundingMinutes of roundingChoices) {
    assert.equal(workedFor(0, roundingMinutes), 0, `zero, rounding ${roundingMinutes}`);
    assert.equal(workedFor(-hm(0, 10), roundingMinutes), 0, `negative, rounding ${roundingMinutes}`);
    assert.equal(workedFor(-1, roundingMinutes), 0, `a millisecond negative, rounding ${roundingMinutes}`);
  }
  const occurrence = { key: 'backwards', date: '2026-11-23', checkIn: at, checkOut: before };
  assert.deepEqual(rows(computeHours([occurrence], rules({ breakMinutes: 30, breakAfterHours: 0, overtimeDailyHours: 0, overtimeWeeklyHours: 0 }))), [
    ['backwards', 0, 0, 0, 0],
  ]);
});

test('an invalid instant is refused, not counted as 0', () => {
  assert.throws(() => shiftMinutes(new Date('nonsense'), new Date('2026-11-23T09:00:00Z'), defaultHoursRules), RangeError);
});

// ---- shiftMinutes: the break -----------------------------------------------

test('break: deducted only when worked time is strictly more than the threshold', () => {
  const sixHourRule = rules({ breakMinutes: 30, breakAfterHours: 6 });
  const at = (millis: number) => {
    const { checkIn, checkOut } = span('2026-11-23T09:00:00Z', millis);
    return shiftMinutes(checkIn, checkOut, sixHourRule);
  };
  assert.deepEqual(at(hm(5, 59)), { workedMinutes: 359, breakMinutes: 0, paidMinutes: 359 });
  assert.deepEqual(at(hm(6)), { workedMinutes: 360, breakMinutes: 0, paidMinutes: 360 }, 'exactly 6 h: no break');
  assert.deepEqual(at(hm(6, 0, 29)), { workedMinutes: 360, breakMinutes: 0, paidMinutes: 360 }, '6 h 29 s rounds to 6 h: no break');
  assert.deepEqual(at(hm(6, 1)), { workedMinutes: 361, breakMinutes: 30, paidMinutes: 331 });
  assert.deepEqual(at(hm(9)), { workedMinutes: 540, breakMinutes: 30, paidMinutes: 510 });
});

test('break: the threshold is compared with the rounded worked time', () => {
  const rule = rules({ roundingMinutes: 15, breakMinutes: 45, breakAfterHours: 8 });
  const at = (millis: number) => {
    const { checkIn, checkOut } = span('2026-11-23T09:00:00Z', millis);
    return shiftMinutes(checkIn, checkOut, rule);
  };
  assert.deepEqual(at(hm(8, 7)), { workedMinutes: 480, breakMinutes: 0, paidMinutes: 480 }, '8 h 07 rounds to 8 h');
  assert.deepEqual(at(hm(8, 7, 30)), { workedMinutes: 495, breakMinutes: 45, paidMinutes: 450 }, '8 h 07 30 rounds to 8 h 15');
  assert.deepEqual(at(hm(7, 53)), { workedMinutes: 480, breakMinutes: 0, paidMinutes: 480 }, 'rounded up to exactly 8 h');
});

test('break: none without a threshold, a fractional threshold, and never more than the worked time', () => {
  const { checkIn, checkOut } = span('2026-11-23T09:00:00Z', hm(12));
  assert.deepEqual(shiftMinutes(checkIn, checkOut, rules({ breakMinutes: 30, breakAfterHours: null })), { workedMinutes: 720, breakMinutes: 0, paidMinutes: 720 });
  const halfPast = rules({ breakMinutes: 20, breakAfterHours: 4.5 });
  const atFourAndAHalf = span('2026-11-23T09:00:00Z', hm(4, 30));
  const justOver = span('2026-11-23T09:00:00Z', hm(4, 31));
  assert.equal(shiftMinutes(atFourAndAHalf.checkIn, atFourAndAHalf.checkOut, halfPast).breakMinutes, 0);
  assert.equal(shiftMinutes(justOver.checkIn, justOver.checkOut, halfPast).breakMinutes, 20);
  const short = span('2026-11-23T09:00:00Z', hm(0, 10));
  assert.deepEqual(shiftMinutes(short.checkIn, short.checkOut, rules({ breakMinutes: 30, breakAfterHours: 0 })), {
    workedMinutes: 10,
    breakMinutes: 10,
    paidMinutes: 0,
  });
});

// ---- computeHours: daily overtime ------------------------------------------

test('daily overtime: paid time over the daily limit in one occurrence', () => {
  const hours = computeHours(
    [worked('long', '2026-11-23', '09:00', 9.5), worked('exact', '2026-11-24', '09:00', 8), worked('short', '2026-11-25', '09:00', 6)],
    rules({ overtimeDailyHours: 8 }),
  );
  assert.deepEqual(rows(hours), [
    ['long', 570, 0, 480, 90],
    ['exact', 480, 0, 480, 0],
    ['short', 360, 0, 360, 0],
  ]);
});

test('daily overtime is counted on paid time, after the break', () => {
  const hours = computeHours([worked('a', '2026-11-23', '08:00', 9), worked('b', '2026-11-24', '08:00', 8.25)], rules({ breakMinutes: 30, breakAfterHours: 6, overtimeDailyHours: 8 }));
  assert.deepEqual(rows(hours), [
    ['a', 540, 30, 480, 30],
    ['b', 495, 30, 465, 0],
  ]);
});

test('daily overtime with a fractional limit (7.5 h, and 7.1 h without a fraction of a minute)', () => {
  assert.deepEqual(rows(computeHours([worked('a', '2026-11-23', '09:00', 8)], rules({ overtimeDailyHours: 7.5 }))), [['a', 480, 0, 450, 30]]);
  assert.deepEqual(rows(computeHours([worked('a', '2026-11-23', '09:00', 8)], rules({ overtimeDailyHours: 7.1 }))), [['a', 480, 0, 426, 54]]);
});

// ---- computeHours: weekly overtime -----------------------------------------

test('weekly overtime: whatever takes the week past the limit, on the later shifts', () => {
  const fiveNines = weekdays.slice(0, 5).map((date, i) => worked(`d${i + 1}`, date, '09:00', 9));
  assert.deepEqual(rows(computeHours(fiveNines, rules({ overtimeWeeklyHours: 40 }))), [
    ['d1', 540, 0, 540, 0],
    ['d2', 540, 0, 540, 0],
    ['d3', 540, 0, 540, 0],
    ['d4', 540, 0, 540, 0],
    ['d5', 540, 0, 240, 300],
  ]);
});

test('weekly overtime: six 8-hour days over 40 h make the sixth all overtime', () => {
  const sixEights = weekdays.slice(0, 6).map((date, i) => worked(`d${i + 1}`, date, '09:00', 8));
  const hours = computeHours(sixEights, rules({ overtimeDailyHours: 8, overtimeWeeklyHours: 40 }));
  assert.deepEqual(rows(hours), [
    ['d1', 480, 0, 480, 0],
    ['d2', 480, 0, 480, 0],
    ['d3', 480, 0, 480, 0],
    ['d4', 480, 0, 480, 0],
    ['d5', 480, 0, 480, 0],
    ['d6', 480, 0, 0, 480],
  ]);
});

test('weekly overtime follows check-in order, not the order the occurrences are given in', () => {
  const sixEights = weekdays.slice(0, 6).map((date, i) => worked(`d${i + 1}`, date, '09:00', 8));
  const hours = computeHours([...sixEights].reverse(), rules({ overtimeWeeklyHours: 40 }));
  assert.deepEqual(rows(hours), [
    ['d6', 480, 0, 0, 480],
    ['d5', 480, 0, 480, 0],
    ['d4', 480, 0, 480, 0],
    ['d3', 480, 0, 480, 0],
    ['d2', 480, 0, 480, 0],
    ['d1', 480, 0, 480, 0],
  ]);
});

test('daily and weekly overtime together: five 10-hour days are 10 h overtime, not 20', () => {
  const fiveTens = weekdays.slice(0, 5).map((date, i) => worked(`d${i + 1}`, date, '08:00', 10));
  const hours = computeHours(fiveTens, rules({ overtimeDailyHours: 8, overtimeWeeklyHours: 40 }));
  assert.deepEqual(rows(hours), [
    ['d1', 600, 0, 480, 120],
    ['d2', 600, 0, 480, 120],
    ['d3', 600, 0, 480, 120],
    ['d4', 600, 0, 480, 120],
    ['d5', 600, 0, 480, 120],
  ]);
  assert.equal(totalOvertime(hours), 600);
});

test('daily and weekly overtime together: only the regular minutes count towards the weekly limit', () => {
  // Four 12-hour days: 4 × 4 h daily overtime, 32 h regular; a 6-hour day: 38 h; then 4 h: 2 of them over 40.
  const shifts = [...weekdays.slice(0, 4).map((date, i) => worked(`d${i + 1}`, date, '06:00', 12)), worked('d5', weekdays[4]!, '09:00', 6), worked('d6', weekdays[5]!, '09:00', 4)];
  const hours = computeHours(shifts, rules({ overtimeDailyHours: 8, overtimeWeeklyHours: 40 }));
  assert.deepEqual(rows(hours), [
    ['d1', 720, 0, 480, 240],
    ['d2', 720, 0, 480, 240],
    ['d3', 720, 0, 480, 240],
    ['d4', 720, 0, 480, 240],
    ['d5', 360, 0, 360, 0],
    ['d6', 240, 0, 120, 120],
  ]);
  assert.equal(totalOvertime(hours), 18 * 60);
});

test('weekly overtime is over paid time: breaks do not count towards the limit', () => {
  // Five 8.5-hour shifts with a 30-minute break are 40 h paid: no overtime.
  const shifts = weekdays.slice(0, 5).map((date, i) => worked(`d${i + 1}`, date, '09:00', 8.5));
  const hours = computeHours(shifts, rules({ breakMinutes: 30, breakAfterHours: 6, overtimeWeeklyHours: 40 }));
  assert.deepEqual(rows(hours)[4], ['d5', 510, 30, 480, 0]);
  assert.equal(totalOvertime(hours), 0);
});

test('every occurrence: regular + overtime = paid and worked − break = paid', () => {
  const shifts = weekdays.flatMap((date, i) => [worked(`a${i}`, date, '06:00', 5 + i * 1.25), worked(`b${i}`, date, '14:07', 3 + (i % 3) * 2.3)]);
  const rule = rules({ roundingMinutes: 15, breakMinutes: 30, breakAfterHours: 6, overtimeDailyHours: 8, overtimeWeeklyHours: 40 });
  const hours = computeHours(shifts, rule);
  assert.equal(hours.size, 14);
  for (const occurrence of shifts) {
    const h = hours.get(occurrence.key)!;
    const { paidMinutes } = shiftMinutes(occurrence.checkIn, occurrence.checkOut, rule);
    assert.equal(h.regularMinutes + h.overtimeMinutes, paidMinutes, occurrence.key);
    assert.equal(h.workedMinutes - h.breakMinutes, paidMinutes, occurrence.key);
    assert.ok(h.regularMinutes >= 0 && h.overtimeMinutes >= 0, occurrence.key);
  }
  const regularTotal = [...hours.values()].reduce((sum, h) => sum + h.regularMinutes, 0);
  assert.equal(regularTotal, 40 * 60, 'the week is over 40 h, so exactly 40 h is regular');
});

test('a key listed twice is refused rather than dropping one occurrence from the pay', () => {
  assert.throws(() => computeHours([worked('same', '2026-11-23', '09:00', 8), worked('same', '2026-11-24', '09:00', 8)], defaultHoursRules), /listed twice/);
});

test('no occurrences, no hours', () => {
  assert.equal(computeHours([], rules({ overtimeDailyHours: 8, overtimeWeeklyHours: 40 })).size, 0);
});

// ---- weeks ----------------------------------------------------------------

test('weekStartOf: weeks starting on Monday (1)', () => {
  assert.equal(weekStartOf('2026-11-23', 1), '2026-11-23', 'a Monday starts its own week');
  assert.equal(weekStartOf('2026-11-26', 1), '2026-11-23');
  assert.equal(weekStartOf('2026-11-29', 1), '2026-11-23', 'Sunday is the last day');
  assert.equal(weekStartOf('2026-11-30', 1), '2026-11-30');
  assert.equal(weekStartOf('2027-01-01', 1), '2026-12-28', 'across a year end');
  assert.equal(weekStartOf('2028-03-01', 1), '2028-02-28', 'across 29 February');
});

test('weekStartOf: weeks starting on Sunday (7) and on other days', () => {
  assert.equal(weekStartOf('2026-11-22', 7), '2026-11-22');
  assert.equal(weekStartOf('2026-11-28', 7), '2026-11-22', 'Saturday is the last day');
  assert.equal(weekStartOf('2026-11-29', 7), '2026-11-29');
  assert.equal(weekStartOf('2026-11-23', 7), '2026-11-22');
  assert.equal(weekStartOf('2026-11-25', 3), '2026-11-25', 'Wednesday');
  assert.equal(weekStartOf('2026-11-24', 3), '2026-11-18');
  assert.equal(weekStartOf('2026-11-27', 6), '2026-11-21', 'Saturday');
});

test('weekStartOf: a DST change in the date does not move the week (dates are calendar days)', () => {
  assert.equal(weekStartOf('2026-03-29', 1), '2026-03-23');
  assert.equal(weekStartOf('2026-03-30', 1), '2026-03-30');
  assert.equal(weekStartOf('2026-10-25', 7), '2026-10-25');
  assert.equal(weekStartOf('2026-10-31', 7), '2026-10-25');
});

test('weekStartOf: refuses a weekday outside 1–7 and a malformed date', () => {
  for (const day of [0, 8, 1.5, Number.NaN]) assert.throws(() => weekStartOf('2026-11-23', day), RangeError, String(day));
  for (const date of ['2026-02-30', '23/11/2026', '2026-11-23T09:00', '']) assert.throws(() => weekStartOf(date, 1), RangeError, date);
});

test('week boundaries with weeks from Monday: Monday–Sunday is one week, the next Monday starts again', () => {
  // Mon 23 … Sat 28 are six 8-hour days (the sixth over 40 h); Sunday 29 too; Monday 30 is a new week.
  const shifts = [...weekdays, '2026-11-30'].map((date) => worked(date, date, '09:00', 8));
  const hours = computeHours(shifts, rules({ overtimeWeeklyHours: 40, weekStartsOn: 1 }));
  assert.deepEqual(
    rows(hours).map(([key, , , regular, overtime]) => [key, regular, overtime]),
    [
      ['2026-11-23', 480, 0],
      ['2026-11-24', 480, 0],
      ['2026-11-25', 480, 0],
      ['2026-11-26', 480, 0],
      ['2026-11-27', 480, 0],
      ['2026-11-28', 0, 480],
      ['2026-11-29', 0, 480],
      ['2026-11-30', 480, 0],
    ],
  );
});

test('week boundaries with weeks from Sunday: Sunday–Saturday is one week, the next Sunday starts again', () => {
  const dates = ['2026-11-22', ...weekdays];
  const shifts = dates.map((date) => worked(date, date, '09:00', 8));
  const hours = computeHours(shifts, rules({ overtimeWeeklyHours: 40, weekStartsOn: 7 }));
  assert.deepEqual(
    rows(hours).map(([key, , , regular, overtime]) => [key, regular, overtime]),
    [
      ['2026-11-22', 480, 0],
      ['2026-11-23', 480, 0],
      ['2026-11-24', 480, 0],
      ['2026-11-25', 480, 0],
      ['2026-11-26', 480, 0],
      ['2026-11-27', 0, 480],
      ['2026-11-28', 0, 480],
      ['2026-11-29', 480, 0],
    ],
  );
});

test('an overnight shift belongs to the week of the date it starts on (Sunday 22:00 → Monday 06:00)', () => {
  const weekdayShifts = weekdays.slice(0, 5).map((date) => worked(date, date, '09:00', 8)); // Mon–Fri, 40 h
  const sundayNight = worked('sunday-night', '2026-11-29', '22:00', 8);
  assert.equal(sundayNight.checkOut.toISOString(), '2026-11-30T06:00:00.000Z');
  const nextMonday = worked('next-monday', '2026-11-30', '09:00', 8);
  const fromMonday = computeHours([...weekdayShifts, sundayNight, nextMonday], rules({ overtimeWeeklyHours: 40, weekStartsOn: 1 }));
  assert.deepEqual(fromMonday.get('sunday-night'), { workedMinutes: 480, breakMinutes: 0, regularMinutes: 0, overtimeMinutes: 480 }, 'the earlier week: over 40 h');
  assert.deepEqual(fromMonday.get('next-monday'), { workedMinutes: 480, breakMinutes: 0, regularMinutes: 480, overtimeMinutes: 0 });
  // With weeks from Sunday, the same night starts the new week, together with Monday 30.
  const fromSunday = computeHours([...weekdayShifts, sundayNight, nextMonday], rules({ overtimeWeeklyHours: 40, weekStartsOn: 7 }));
  assert.equal(fromSunday.get('sunday-night')!.overtimeMinutes, 0);
  assert.equal(fromSunday.get('next-monday')!.overtimeMinutes, 0);
  assert.equal(totalOvertime(fromSunday), 0);
});

// ---- daylight saving time --------------------------------------------------

/** Real instants for a wall-clock shift in London from `date` `start` to `endDate` `end`. */
const london = (key: string, date: string, start: string, endDate: string, end: string): WorkedOccurrence => ({
  key,
  date,
  checkIn: DateTime.fromISO(`${date}T${start}`, { zone: LONDON }).toJSDate(),
  checkOut: DateTime.fromISO(`${endDate}T${end}`, { zone: LONDON }).toJSDate(),
});

test('spring forward in London (29 March 2026): 00:00–08:00 on the wall clock is 7 h', () => {
  const shift = london('spring', '2026-03-29', '00:00', '2026-03-29', '08:00');
  assert.equal(shift.checkIn.toISOString(), '2026-03-29T00:00:00.000Z', '00:00 GMT');
  assert.equal(shift.checkOut.toISOString(), '2026-03-29T07:00:00.000Z', '08:00 BST');
  assert.deepEqual(shiftMinutes(shift.checkIn, shift.checkOut, defaultHoursRules), { workedMinutes: 420, breakMinutes: 0, paidMinutes: 420 });
  assert.deepEqual(rows(computeHours([shift], rules({ overtimeDailyHours: 7 }))), [['spring', 420, 0, 420, 0]]);
  const night = london('night', '2026-03-28', '22:00', '2026-03-29', '06:00');
  assert.equal(shiftMinutes(night.checkIn, night.checkOut, defaultHoursRules).workedMinutes, 420, 'overnight 22:00–06:00 is 7 h too');
});

test('fall back in London (25 October 2026): 00:00–08:00 on the wall clock is 9 h, and 1 h of it daily overtime', () => {
  const shift = london('fall', '2026-10-25', '00:00', '2026-10-25', '08:00');
  assert.equal(shift.checkIn.toISOString(), '2026-10-24T23:00:00.000Z', '00:00 BST');
  assert.equal(shift.checkOut.toISOString(), '2026-10-25T08:00:00.000Z', '08:00 GMT');
  assert.deepEqual(shiftMinutes(shift.checkIn, shift.checkOut, defaultHoursRules), { workedMinutes: 540, breakMinutes: 0, paidMinutes: 540 });
  assert.deepEqual(rows(computeHours([shift], rules({ overtimeDailyHours: 8 }))), [['fall', 540, 0, 480, 60]]);
  const night = london('night', '2026-10-24', '22:00', '2026-10-25', '06:00');
  assert.equal(shiftMinutes(night.checkIn, night.checkOut, defaultHoursRules).workedMinutes, 540, 'overnight 22:00–06:00 is 9 h too');
});

test('a fall-back night shift counts its real 9 h towards the week of its start date', () => {
  // Mon 19 … Thu 22 October 2026, four 8-hour days (32 h), then Saturday night 24 → Sunday 25: 9 h, 1 h over 40.
  const days = ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22'].map((date) => london(date, date, '09:00', date, '17:00'));
  const night = london('night', '2026-10-24', '22:00', '2026-10-25', '06:00');
  const hours = computeHours([...days, night], rules({ overtimeWeeklyHours: 40, weekStartsOn: 1 }));
  assert.deepEqual(hours.get('night'), { workedMinutes: 540, breakMinutes: 0, regularMinutes: 480, overtimeMinutes: 60 });
});

test.run();
