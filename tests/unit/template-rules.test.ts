/**
 * Weekly template rules (DESIGN.md, "Weekly template", "Weekly offs"): one
 * person's shifts never overlap, overnight spill included (`end <= start`
 * runs into the next day, Sunday night into Monday), and no shift starts on
 * a weekly day off. Shifts that only touch (one ends when the next starts)
 * are allowed.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  checkTemplateShift,
  describeShift,
  findOverlappingShift,
  shiftsOnDays,
  weeklyInterval,
  type TemplateShift,
} from '../../server/roster/template-rules.js';

const hour = 3600;
const day = 24 * hour;
const week = 7 * day;
const [MON, TUE, WED, THU, FRI, SAT, SUN] = [1, 2, 3, 4, 5, 6, 7];

const shift = (id: number | undefined, dayOfWeek: number, startTime: string, endTime: string): TemplateShift =>
  id === undefined ? { dayOfWeek, startTime, endTime } : { id, dayOfWeek, startTime, endTime };

// ---- weeklyInterval --------------------------------------------------------

test('weeklyInterval: a Monday day shift, in seconds from Monday 00:00', () => {
  assert.deepEqual(weeklyInterval(shift(1, MON, '09:00', '17:00')), { start: 9 * hour, end: 17 * hour });
});

test('weeklyInterval: seconds in the times count', () => {
  assert.deepEqual(weeklyInterval(shift(1, TUE, '08:30:15', '12:00:45')), {
    start: day + 8 * hour + 30 * 60 + 15,
    end: day + 12 * hour + 45,
  });
});

test('weeklyInterval: an overnight shift ends on the next day', () => {
  assert.deepEqual(weeklyInterval(shift(1, WED, '22:00:00', '06:00:00')), { start: 2 * day + 22 * hour, end: 3 * day + 6 * hour });
});

test('weeklyInterval: a shift ending at midnight ends at the start of the next day', () => {
  assert.deepEqual(weeklyInterval(shift(1, MON, '16:00', '00:00')), { start: 16 * hour, end: day });
});

test('weeklyInterval: Sunday night runs past the end of the week', () => {
  assert.deepEqual(weeklyInterval(shift(1, SUN, '22:00', '06:00')), { start: 6 * day + 22 * hour, end: week + 6 * hour });
});

test('weeklyInterval: end equal to start is a 24-hour shift (00:00–00:00 and 09:00–09:00)', () => {
  assert.deepEqual(weeklyInterval(shift(1, MON, '00:00', '00:00')), { start: 0, end: day });
  assert.deepEqual(weeklyInterval(shift(1, FRI, '09:00', '09:00')), { start: 4 * day + 9 * hour, end: 5 * day + 9 * hour });
  assert.deepEqual(weeklyInterval(shift(1, SUN, '00:00:00', '00:00:00')), { start: 6 * day, end: week });
});

// ---- findOverlappingShift --------------------------------------------------

test('findOverlappingShift: overlap on the same day is found', () => {
  const existing = [shift(1, MON, '09:00', '17:00')];
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '16:00', '20:00')), existing[0]);
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '06:00', '09:01')), existing[0]);
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '10:00', '11:00')), existing[0], 'inside');
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '08:00', '18:00')), existing[0], 'around');
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '09:00', '17:00')), existing[0], 'identical');
});

test('findOverlappingShift: an overlap of one second counts', () => {
  const existing = [shift(1, MON, '09:00:00', '17:00:00')];
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '16:59:59', '18:00:00')), existing[0]);
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '17:00:00', '18:00:00')), undefined);
});

test('findOverlappingShift: shifts that only touch do not overlap', () => {
  const existing = [shift(1, MON, '09:00', '17:00')];
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '17:00', '22:00')), undefined);
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '05:00', '09:00')), undefined);
});

test('findOverlappingShift: the same times on different days do not overlap', () => {
  const existing = [shift(1, MON, '09:00', '17:00'), shift(2, WED, '09:00', '17:00')];
  assert.equal(findOverlappingShift(existing, shift(undefined, TUE, '09:00', '17:00')), undefined);
});

test('findOverlappingShift: an overnight shift spills into the next morning', () => {
  const night = shift(1, MON, '22:00', '06:00');
  assert.equal(findOverlappingShift([night], shift(undefined, TUE, '05:00', '13:00')), night);
  assert.equal(findOverlappingShift([night], shift(undefined, TUE, '00:00', '01:00')), night);
  // and the other way round: the morning shift exists, the night shift is new
  const morning = shift(2, TUE, '05:00', '13:00');
  assert.equal(findOverlappingShift([morning], shift(undefined, MON, '22:00', '06:00')), morning);
});

test('findOverlappingShift: an overnight shift touching the next morning shift is allowed', () => {
  assert.equal(findOverlappingShift([shift(1, MON, '22:00', '06:00')], shift(undefined, TUE, '06:00', '14:00')), undefined);
  assert.equal(findOverlappingShift([shift(1, TUE, '06:00', '14:00')], shift(undefined, MON, '22:00', '06:00')), undefined);
});

test('findOverlappingShift: an overnight shift overlaps the evening shift it starts inside', () => {
  const evening = shift(1, MON, '18:00', '23:00');
  assert.equal(findOverlappingShift([evening], shift(undefined, MON, '22:00', '06:00')), evening);
});

test('findOverlappingShift: Sunday night spills into Monday morning (the week wraps)', () => {
  const sundayNight = shift(1, SUN, '22:00', '06:00');
  const mondayMorning = shift(2, MON, '05:00', '09:00');
  assert.equal(findOverlappingShift([sundayNight], shift(undefined, MON, '05:00', '09:00')), sundayNight);
  assert.equal(findOverlappingShift([mondayMorning], shift(undefined, SUN, '22:00', '06:00')), mondayMorning);
  assert.equal(findOverlappingShift([sundayNight], shift(undefined, MON, '00:00', '00:30')), sundayNight);
});

test('findOverlappingShift: Sunday night touching Monday morning is allowed', () => {
  assert.equal(findOverlappingShift([shift(1, SUN, '22:00', '06:00')], shift(undefined, MON, '06:00', '14:00')), undefined);
  assert.equal(findOverlappingShift([shift(1, MON, '06:00', '14:00')], shift(undefined, SUN, '22:00', '06:00')), undefined);
  assert.equal(findOverlappingShift([shift(1, SUN, '16:00', '00:00')], shift(undefined, MON, '00:00', '08:00')), undefined);
});

test('findOverlappingShift: Sunday night does not reach Monday evening or Saturday', () => {
  const existing = [shift(1, MON, '18:00', '23:00'), shift(2, SAT, '22:00', '06:00')];
  // Saturday night ends Sunday 06:00; Sunday 22:00 is long after.
  assert.equal(findOverlappingShift(existing, shift(undefined, SUN, '22:00', '06:00')), undefined);
});

test('findOverlappingShift: a 24-hour 00:00–00:00 shift overlaps anything that day and touches the neighbours', () => {
  const allDay = shift(1, WED, '00:00', '00:00');
  assert.equal(findOverlappingShift([allDay], shift(undefined, WED, '12:00', '13:00')), allDay);
  assert.equal(findOverlappingShift([allDay], shift(undefined, WED, '23:00', '01:00')), allDay);
  assert.equal(findOverlappingShift([allDay], shift(undefined, TUE, '23:00', '01:00')), allDay, 'Tuesday night into Wednesday');
  assert.equal(findOverlappingShift([allDay], shift(undefined, TUE, '16:00', '00:00')), undefined, 'ends as it starts');
  assert.equal(findOverlappingShift([allDay], shift(undefined, THU, '00:00', '08:00')), undefined, 'starts as it ends');
  assert.equal(findOverlappingShift([allDay], shift(undefined, THU, '00:00', '00:00')), undefined, 'two whole days in a row');
});

test('findOverlappingShift: a Sunday 24-hour shift wraps onto Monday', () => {
  const allSunday = shift(1, SUN, '00:00', '00:00');
  assert.equal(findOverlappingShift([allSunday], shift(undefined, MON, '00:00', '08:00')), undefined);
  const lateSunday = shift(2, SUN, '00:30', '00:30'); // ends Monday 00:30
  assert.equal(findOverlappingShift([lateSunday], shift(undefined, MON, '00:00', '08:00')), lateSunday);
  assert.equal(findOverlappingShift([lateSunday], shift(undefined, MON, '00:30', '08:00')), undefined);
});

test('findOverlappingShift: a 24-hour shift starting mid-day spills into the next day', () => {
  const long = shift(1, SUN, '09:00', '09:00');
  assert.equal(findOverlappingShift([long], shift(undefined, MON, '08:00', '12:00')), long);
  assert.equal(findOverlappingShift([long], shift(undefined, MON, '09:00', '12:00')), undefined);
});

test('findOverlappingShift: a seven-day week of touching 24-hour shifts has no overlap', () => {
  const existing = [1, 2, 3, 4, 5, 6].map((d) => shift(d, d, '00:00', '00:00'));
  assert.equal(findOverlappingShift(existing, shift(undefined, SUN, '00:00', '00:00')), undefined);
  assert.equal(findOverlappingShift(existing, shift(undefined, SUN, '00:00', '00:00:01')), undefined);
  assert.equal(findOverlappingShift(existing, shift(undefined, SUN, '23:59:59', '00:00:01')), existing[0]);
});

test('findOverlappingShift: the candidate\'s own id is ignored (editing a shift in place)', () => {
  const existing = [shift(7, MON, '09:00', '17:00'), shift(8, TUE, '09:00', '17:00')];
  assert.equal(findOverlappingShift(existing, shift(7, MON, '10:00', '18:00')), undefined);
  assert.equal(findOverlappingShift(existing, shift(7, TUE, '10:00', '18:00')), existing[1], 'moved onto another shift');
  assert.equal(findOverlappingShift(existing, shift(9, MON, '10:00', '18:00')), existing[0], 'a different id still clashes');
});

test('findOverlappingShift: returns the first clash in the order given', () => {
  const existing = [shift(3, MON, '12:00', '14:00'), shift(1, MON, '08:00', '10:00'), shift(2, MON, '15:00', '16:00')];
  assert.equal(findOverlappingShift(existing, shift(undefined, MON, '09:00', '15:30')), existing[0]);
  assert.equal(findOverlappingShift([], shift(undefined, MON, '09:00', '17:00')), undefined);
});

// ---- checkTemplateShift ----------------------------------------------------

test('checkTemplateShift: a shift clear of the others and of the weekly offs is accepted', () => {
  const existing = [shift(1, MON, '09:00', '17:00'), shift(2, TUE, '22:00', '06:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, WED, '06:00', '14:00'), existing, [SAT, SUN]), { ok: true });
});

test('checkTemplateShift: a shift on a weekly off is refused', () => {
  assert.deepEqual(checkTemplateShift(shift(undefined, SAT, '09:00', '17:00'), [], [SAT, SUN]), {
    ok: false,
    code: 'shift_on_weekly_off',
    message: 'Saturday is a weekly day off for this staff member, so no shift can start on it.',
  });
  assert.deepEqual(checkTemplateShift(shift(undefined, SUN, '22:00', '06:00'), [], [SUN]), {
    ok: false,
    code: 'shift_on_weekly_off',
    message: 'Sunday is a weekly day off for this staff member, so no shift can start on it.',
  });
});

test('checkTemplateShift: an overnight shift may end on a weekly off (only the start day counts)', () => {
  assert.deepEqual(checkTemplateShift(shift(undefined, FRI, '22:00', '06:00'), [], [SAT, SUN]), { ok: true });
});

test('checkTemplateShift: the weekly off is reported before an overlap', () => {
  const existing = [shift(1, SAT, '09:00', '17:00')];
  const result = checkTemplateShift(shift(undefined, SAT, '10:00', '12:00'), existing, [SAT]);
  assert.equal(result.ok === false && result.code, 'shift_on_weekly_off');
});

test('checkTemplateShift: overlap on the same day is refused, naming both shifts', () => {
  const existing = [shift(1, MON, '09:00:00', '17:00:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, MON, '16:00', '20:00'), existing, [SUN]), {
    ok: false,
    code: 'shift_overlap',
    message: 'The shift Monday 16:00–20:00 overlaps the existing shift Monday 09:00–17:00.',
  });
});

test('checkTemplateShift: overnight spill into the next day is refused', () => {
  const existing = [shift(1, MON, '22:00', '06:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, TUE, '05:00', '13:00'), existing, [SUN]), {
    ok: false,
    code: 'shift_overlap',
    message: 'The shift Tuesday 05:00–13:00 overlaps the existing shift Monday 22:00–06:00.',
  });
});

test('checkTemplateShift: Sunday night spilling into Monday is refused (week wrap)', () => {
  const existing = [shift(1, MON, '05:00', '13:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, SUN, '22:00', '06:00'), existing, [SAT]), {
    ok: false,
    code: 'shift_overlap',
    message: 'The shift Sunday 22:00–06:00 overlaps the existing shift Monday 05:00–13:00.',
  });
});

test('checkTemplateShift: touching shifts are accepted, across midnight and across the week wrap', () => {
  const existing = [shift(1, SUN, '22:00', '06:00'), shift(2, MON, '14:00', '22:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, MON, '06:00', '14:00'), existing, [SAT]), { ok: true });
  assert.deepEqual(checkTemplateShift(shift(undefined, MON, '22:00', '06:00'), existing, [SAT]), { ok: true });
});

test('checkTemplateShift: a 24-hour 00:00–00:00 shift is accepted between touching neighbours and refused over one', () => {
  const existing = [shift(1, MON, '16:00', '00:00'), shift(2, WED, '00:00', '08:00')];
  assert.deepEqual(checkTemplateShift(shift(undefined, TUE, '00:00', '00:00'), existing, [SUN]), { ok: true });
  assert.deepEqual(checkTemplateShift(shift(undefined, TUE, '00:00', '00:00'), [...existing, shift(3, TUE, '12:00', '13:00')], [SUN]), {
    ok: false,
    code: 'shift_overlap',
    message: 'The shift Tuesday 00:00–00:00 overlaps the existing shift Tuesday 12:00–13:00.',
  });
});

test('checkTemplateShift: editing a shift does not clash with its own old version', () => {
  const existing = [shift(4, MON, '09:00', '17:00')];
  assert.deepEqual(checkTemplateShift(shift(4, MON, '08:00', '16:00'), existing, [SUN]), { ok: true });
});

test('checkTemplateShift: minimum rest between shifts, when set', () => {
  const existing = [shift(1, MON, '14:00', '22:00')];
  // Tuesday 06:00 is 8 hours after Monday 22:00.
  assert.deepEqual(checkTemplateShift(shift(undefined, TUE, '06:00', '14:00'), existing, [SUN], 8), { ok: true });
  assert.deepEqual(checkTemplateShift(shift(undefined, TUE, '06:00', '14:00'), existing, [SUN], 9), {
    ok: false,
    code: 'rest_too_short',
    message: 'The shift Tuesday 06:00–14:00 leaves less than the minimum rest of 9 hours after or before Monday 14:00–22:00.',
  });
  // Rest counts across the week wrap too: Sunday 16:00–00:00 then Monday 06:00.
  const result = checkTemplateShift(shift(undefined, MON, '06:00', '14:00'), [shift(2, SUN, '16:00', '00:00')], [SAT], 8);
  assert.equal(result.ok === false && result.code, 'rest_too_short');
  // With no minimum, touching shifts pass.
  assert.deepEqual(checkTemplateShift(shift(undefined, MON, '22:00', '06:00'), existing, [SUN], 0), { ok: true });
});

// ---- helpers ---------------------------------------------------------------

test('describeShift writes the weekday and short times', () => {
  assert.equal(describeShift(shift(1, THU, '22:00:00', '06:30:00')), 'Thursday 22:00–06:30');
  assert.equal(describeShift(shift(1, MON, '09:00:30', '17:00')), 'Monday 09:00:30–17:00');
});

test('shiftsOnDays lists the shifts that start on the given days', () => {
  const shifts = [shift(1, MON, '09:00', '17:00'), shift(2, FRI, '22:00', '06:00'), shift(3, SAT, '10:00', '14:00'), shift(4, SUN, '10:00', '14:00')];
  assert.deepEqual(shiftsOnDays(shifts, [6, 7]), [shifts[2], shifts[3]]);
  assert.deepEqual(shiftsOnDays(shifts, [2]), []);
});

test.run();
