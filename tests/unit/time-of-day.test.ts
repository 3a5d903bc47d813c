/** Local times of day as shifts are written: `HH:MM` or `HH:MM:SS`, 00:00:00 … 23:59:59. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { formatTimeOfDay, parseTimeOfDay, secondsOfDay, shortTime } from '../../server/roster/time-of-day.js';

test('parseTimeOfDay reads HH:MM with zero seconds', () => {
  assert.deepEqual(parseTimeOfDay('09:00'), { hour: 9, minute: 0, second: 0 });
  assert.deepEqual(parseTimeOfDay('17:45'), { hour: 17, minute: 45, second: 0 });
});

test('parseTimeOfDay reads HH:MM:SS', () => {
  assert.deepEqual(parseTimeOfDay('09:00:00'), { hour: 9, minute: 0, second: 0 });
  assert.deepEqual(parseTimeOfDay('06:07:08'), { hour: 6, minute: 7, second: 8 });
});

test('parseTimeOfDay covers the whole day, midnight to 23:59:59', () => {
  assert.deepEqual(parseTimeOfDay('00:00'), { hour: 0, minute: 0, second: 0 });
  assert.deepEqual(parseTimeOfDay('00:00:00'), { hour: 0, minute: 0, second: 0 });
  assert.deepEqual(parseTimeOfDay('23:59:59'), { hour: 23, minute: 59, second: 59 });
  assert.deepEqual(parseTimeOfDay('19:59'), { hour: 19, minute: 59, second: 0 });
});

test('parseTimeOfDay trims surrounding spaces', () => {
  assert.deepEqual(parseTimeOfDay('  22:30 '), { hour: 22, minute: 30, second: 0 });
  assert.deepEqual(parseTimeOfDay('\t08:15:30\n'), { hour: 8, minute: 15, second: 30 });
});

test('parseTimeOfDay refuses out-of-range and malformed times', () => {
  const bad = [
    '', ' ', '24:00', '24:00:00', '25:00', '23:60', '09:60', '09:00:60', '9:00', '09:0', '0900', '09', '09:', '09:00:',
    '09:00:00.000', '09:00:00Z', '09:00+01:00', '-1:00', 'ab:cd', '9am', '09 00', '09:00:00:00', '１２:00', 'T09:00',
  ];
  for (const text of bad) assert.equal(parseTimeOfDay(text), undefined, JSON.stringify(text));
});

test('secondsOfDay counts seconds since local midnight', () => {
  assert.equal(secondsOfDay({ hour: 0, minute: 0, second: 0 }), 0);
  assert.equal(secondsOfDay({ hour: 9, minute: 30, second: 15 }), 34_215);
  assert.equal(secondsOfDay({ hour: 23, minute: 59, second: 59 }), 86_399);
});

test('formatTimeOfDay writes HH:MM:SS with leading zeros', () => {
  assert.equal(formatTimeOfDay({ hour: 9, minute: 5, second: 0 }), '09:05:00');
  assert.equal(formatTimeOfDay({ hour: 0, minute: 0, second: 0 }), '00:00:00');
  assert.equal(formatTimeOfDay({ hour: 23, minute: 59, second: 7 }), '23:59:07');
});

test('formatTimeOfDay(parseTimeOfDay(x)) normalises x to HH:MM:SS', () => {
  assert.equal(formatTimeOfDay(parseTimeOfDay('22:00')!), '22:00:00');
  assert.equal(formatTimeOfDay(parseTimeOfDay(' 06:30:45 ')!), '06:30:45');
});

test('shortTime drops zero seconds, keeps non-zero ones, and leaves other text alone', () => {
  assert.equal(shortTime('09:00:00'), '09:00');
  assert.equal(shortTime('09:00'), '09:00');
  assert.equal(shortTime('17:30:15'), '17:30:15');
  assert.equal(shortTime('not a time'), 'not a time');
  assert.equal(shortTime('24:00'), '24:00');
});

test.run();
