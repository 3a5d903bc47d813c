/**
 * The admin app's formats (admin/format.js): one locale and clock for the
 * whole app, en-GB and 24-hour unless the organisation chooses otherwise,
 * always in the organisation's zone.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createFormat } from '../../admin/format.js';

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

test.run();
