/**
 * Weekday names and weekly days off (DESIGN.md, "Weekly offs": 1 or 2
 * distinct weekdays per staff member), as the original API writes them:
 * `"Saturday,Sunday"`. ISO numbers inside: 1 = Monday … 7 = Sunday.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { formatWeeklyOffs, parseWeekday, parseWeeklyOffs, weekdayName, weekdayNames } from '../../server/roster/weekdays.js';

test('weekdayNames runs Monday to Sunday', () => {
  assert.deepEqual([...weekdayNames], ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
});

test('parseWeekday maps every full name to its ISO number, Monday = 1, Sunday = 7', () => {
  assert.deepEqual(
    weekdayNames.map((name) => parseWeekday(name)),
    [1, 2, 3, 4, 5, 6, 7],
  );
});

test('parseWeekday ignores case and surrounding spaces', () => {
  assert.equal(parseWeekday('monday'), 1);
  assert.equal(parseWeekday('SATURDAY'), 6);
  assert.equal(parseWeekday('  Sunday\t'), 7);
  assert.equal(parseWeekday('wEdNeSdAy'), 3);
});

test('parseWeekday accepts three-letter abbreviations', () => {
  assert.deepEqual(
    ['Mon', 'tue', 'WED', 'Thu', 'fri', 'Sat', ' sun '].map((text) => parseWeekday(text)),
    [1, 2, 3, 4, 5, 6, 7],
  );
});

test('parseWeekday refuses anything else', () => {
  for (const text of ['', '   ', 'M', 'Mo', 'Su', 'Mond', 'Tues', 'Thurs', 'Sundays', 'Funday', '1', '7', 'Monday,', 'Mon day']) {
    assert.equal(parseWeekday(text), undefined, JSON.stringify(text));
  }
});

test('weekdayName is the inverse of parseWeekday and refuses numbers outside 1…7', () => {
  assert.equal(weekdayName(1), 'Monday');
  assert.equal(weekdayName(7), 'Sunday');
  for (const day of [0, 8, -1, 1.5, Number.NaN]) {
    assert.throws(() => weekdayName(day), (error: unknown) => error instanceof RangeError && error.message === `Not an ISO weekday: ${day}`);
  }
});

test('parseWeeklyOffs reads the original API form "Saturday,Sunday"', () => {
  assert.deepEqual(parseWeeklyOffs('Saturday,Sunday'), { ok: true, days: [6, 7] });
});

test('parseWeeklyOffs accepts a single day', () => {
  assert.deepEqual(parseWeeklyOffs('Wednesday'), { ok: true, days: [3] });
  assert.deepEqual(parseWeeklyOffs(['Friday']), { ok: true, days: [5] });
});

test('parseWeeklyOffs returns the days in week order whatever order they were written in', () => {
  assert.deepEqual(parseWeeklyOffs('Sunday,Monday'), { ok: true, days: [1, 7] });
  assert.deepEqual(parseWeeklyOffs(['Sunday', 'Saturday']), { ok: true, days: [6, 7] });
});

test('parseWeeklyOffs trims spaces, ignores case and empty parts, and accepts abbreviations', () => {
  assert.deepEqual(parseWeeklyOffs(' saturday , SUNDAY '), { ok: true, days: [6, 7] });
  assert.deepEqual(parseWeeklyOffs('Tue,,Thu,'), { ok: true, days: [2, 4] });
  assert.deepEqual(parseWeeklyOffs(['  mon ', '']), { ok: true, days: [1] });
});

test('parseWeeklyOffs refuses no days at all', () => {
  const expected = { ok: false, message: 'must name one or two weekdays, such as "Saturday,Sunday"' };
  assert.deepEqual(parseWeeklyOffs(''), expected);
  assert.deepEqual(parseWeeklyOffs(' , ,'), expected);
  assert.deepEqual(parseWeeklyOffs([]), expected);
  assert.deepEqual(parseWeeklyOffs(['', '  ']), expected);
});

test('parseWeeklyOffs refuses an unknown weekday, naming it', () => {
  assert.deepEqual(parseWeeklyOffs('Saturday,Funday'), { ok: false, message: '"Funday" is not a weekday (use Monday … Sunday)' });
  assert.deepEqual(parseWeeklyOffs(['Mo']), { ok: false, message: '"Mo" is not a weekday (use Monday … Sunday)' });
});

test('parseWeeklyOffs refuses the same day twice, also when spelled differently', () => {
  assert.deepEqual(parseWeeklyOffs('Monday,Monday'), { ok: false, message: 'Monday is listed twice' });
  assert.deepEqual(parseWeeklyOffs(['sun', 'Sunday']), { ok: false, message: 'Sunday is listed twice' });
});

test('parseWeeklyOffs refuses three or more days', () => {
  assert.deepEqual(parseWeeklyOffs('Friday,Saturday,Sunday'), {
    ok: false,
    message: 'a staff member has one or two weekly days off, not 3',
  });
  assert.deepEqual(parseWeeklyOffs(['Mon', 'Tue', 'Wed', 'Thu']), {
    ok: false,
    message: 'a staff member has one or two weekly days off, not 4',
  });
});

test('formatWeeklyOffs writes the original API form', () => {
  assert.equal(formatWeeklyOffs([6, 7]), 'Saturday,Sunday');
  assert.equal(formatWeeklyOffs([3]), 'Wednesday');
  assert.equal(formatWeeklyOffs([]), '');
});

test('formatWeeklyOffs refuses a number that is not an ISO weekday', () => {
  assert.throws(() => formatWeeklyOffs([6, 0]), RangeError);
  assert.throws(() => formatWeeklyOffs([8]), RangeError);
});

test('formatWeeklyOffs(parseWeeklyOffs(x)) normalises x', () => {
  const parsed = parseWeeklyOffs(' sun, mon ');
  assert.ok(parsed.ok);
  assert.equal(formatWeeklyOffs(parsed.days), 'Monday,Sunday');
  const again = parseWeeklyOffs(formatWeeklyOffs(parsed.days));
  assert.deepEqual(again, { ok: true, days: [1, 7] });
});

test.run();
