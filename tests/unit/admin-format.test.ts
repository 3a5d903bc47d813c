/**
 * The admin app's formats (admin/format.js): one locale and clock for the
 * whole app, en-GB and 24-hour unless the organisation chooses otherwise,
 * always in the organisation's zone.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createFormat, parseDate } from '../../admin/format.js';

const instant = '2026-11-23T17:05:00Z';

test('by default: 24-hour times and "Mon 23 Nov" days, in the zone given', () => {
  const format = createFormat('Europe/London');
  assert.equal(format.time(instant), '17:05');
  assert.equal(format.day(instant), 'Mon 23 Nov');
  assert.equal(format.calendarDay('2026-11-23'), 'Mon 23 Nov');
  assert.equal(createFormat('America/New_York').time(instant), '12:05');
});

test('the organisation’s choice applies to every format: en-US with a 12-hour clock, de-DE with 24 hours', () => {
  const us = createFormat('America/New_York', { locale: 'en-US', clock: '12h' });
  assert.match(us.time(instant), /^12:05\s?PM$/);
  assert.equal(us.day(instant), 'Mon, Nov 23');
  assert.match(us.dateTime(instant), /^Nov 23, 12:05\s?PM$/);
  const de = createFormat('Europe/Berlin', { locale: 'de-DE', clock: '24h' });
  assert.equal(de.time(instant), '18:05');
  assert.equal(de.calendarDay('2026-11-23'), 'Mo., 23. Nov.');
});

test('a date field shows the year in the organisation’s locale', () => {
  assert.equal(createFormat('Europe/London').fullDate('2026-12-01'), '1 Dec 2026');
  assert.equal(createFormat('America/New_York', { locale: 'en-US' }).fullDate('2026-12-01'), 'Dec 1, 2026');
});

test('a typed date is read in the locale’s order, with month names, a missing year or as ISO', () => {
  const gb = (text: string) => parseDate(text, { locale: 'en-GB', year: 2026 });
  const us = (text: string) => parseDate(text, { locale: 'en-US', year: 2026 });
  const de = (text: string) => parseDate(text, { locale: 'de-DE', year: 2026 });
  assert.equal(gb('2026-12-01'), '2026-12-01');
  assert.equal(gb('1 Dec 2026'), '2026-12-01');
  assert.equal(gb('Tue 1 December'), '2026-12-01');
  assert.equal(gb('1/12/2026'), '2026-12-01');
  assert.equal(gb('1.12'), '2026-12-01');
  assert.equal(us('12/1/2026'), '2026-12-01');
  assert.equal(us('Dec 1, 2026'), '2026-12-01');
  assert.equal(de('1. Dez. 2026'), '2026-12-01');
  assert.equal(de('1.12.2026'), '2026-12-01');
  assert.equal(gb('2027-1-5'), '2027-01-05');
});

test('a date that cannot be read, or does not exist, is null', () => {
  const gb = (text: string) => parseDate(text, { locale: 'en-GB', year: 2026 });
  for (const text of ['', '1', 'tomorrow', 'hello 1 Dec', '31 Nov 2026', '2026-02-30', '1 Dec 26', '1 Dec Jan', '13/13/2026', '1/2/3/4', '99999 Dec'])
    assert.equal(gb(text), null, text);
});

test.run();
