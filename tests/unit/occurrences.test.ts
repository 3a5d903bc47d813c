/**
 * From the weekly template to dated occurrences with real instants, in the
 * organisation's time zone (DESIGN.md, "Windows"): a local time that does not
 * exist moves forward by the gap; an ambiguous one takes the earlier instant.
 *
 * America/New_York in 2027: spring forward Sunday 14 March (02:00 EST → 03:00
 * EDT, 07:00Z), fall back Sunday 7 November (02:00 EDT → 01:00 EST, 06:00Z).
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { candidateDates, occurrenceWindows, windowBounds } from '../../server/roster/windows.js';
import {
  datesBetween,
  listOccurrences,
  localInstant,
  occurrenceOf,
  weekdayOf,
  type DatedShift,
  type Occurrence,
} from '../../server/roster/occurrences.js';

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

const shift = (id: number, dayOfWeek: number, startTime: string, endTime: string, staffId = 100): DatedShift => ({
  id,
  staffId,
  dayOfWeek,
  startTime,
  endTime,
});

/** An occurrence as plain strings: local ISO with offset, and UTC. */
function view(o: Occurrence) {
  return {
    shiftId: o.shiftId,
    staffId: o.staffId,
    date: o.date,
    startTime: o.startTime,
    endTime: o.endTime,
    start: o.start.toISO(),
    end: o.end.toISO(),
    startUtc: o.start.toUTC().toISO(),
    endUtc: o.end.toUTC().toISO(),
  };
}

const hours = (o: Occurrence) => (o.end.toMillis() - o.start.toMillis()) / 3_600_000;

// ---- localInstant ----------------------------------------------------------

test('localInstant: UTC', () => {
  const at = localInstant('2026-11-23', '09:00', 'UTC');
  assert.equal(at.toISO(), '2026-11-23T09:00:00.000Z');
  assert.equal(at.zoneName, 'UTC');
});

test('localInstant: Asia/Kolkata is UTC+05:30 all year (09:00 local = 03:30Z)', () => {
  assert.equal(localInstant('2027-03-14', '09:00', KOLKATA).toISO(), '2027-03-14T09:00:00.000+05:30');
  assert.equal(localInstant('2027-03-14', '09:00', KOLKATA).toUTC().toISO(), '2027-03-14T03:30:00.000Z');
  assert.equal(localInstant('2027-07-01', '09:00', KOLKATA).toUTC().toISO(), '2027-07-01T03:30:00.000Z');
  // 02:00 local is the previous UTC day
  assert.equal(localInstant('2027-11-07', '02:00', KOLKATA).toUTC().toISO(), '2027-11-06T20:30:00.000Z');
});

test('localInstant: New York in winter and in summer', () => {
  assert.equal(localInstant('2027-01-15', '09:00', NY).toISO(), '2027-01-15T09:00:00.000-05:00');
  assert.equal(localInstant('2027-07-15', '09:00', NY).toISO(), '2027-07-15T09:00:00.000-04:00');
  assert.equal(localInstant('2027-07-15', '09:00', NY).toUTC().toISO(), '2027-07-15T13:00:00.000Z');
});

test('localInstant keeps the organisation zone on the result', () => {
  assert.equal(localInstant('2027-03-14', '02:30', NY).zoneName, NY);
  assert.equal(localInstant('2027-11-07', '01:30', NY).zoneName, NY);
});

test('localInstant: spring forward, 02:30 does not exist and moves forward to 03:30 EDT (07:30Z)', () => {
  const at = localInstant('2027-03-14', '02:30', NY);
  assert.equal(at.toISO(), '2027-03-14T03:30:00.000-04:00');
  assert.equal(at.toUTC().toISO(), '2027-03-14T07:30:00.000Z');
});

test('localInstant: spring forward, the edges of the gap', () => {
  assert.equal(localInstant('2027-03-14', '01:59:59', NY).toUTC().toISO(), '2027-03-14T06:59:59.000Z', 'last EST second');
  assert.equal(localInstant('2027-03-14', '02:00', NY).toISO(), '2027-03-14T03:00:00.000-04:00', 'first missing minute');
  assert.equal(localInstant('2027-03-14', '02:59:59', NY).toISO(), '2027-03-14T03:59:59.000-04:00', 'last missing second');
  assert.equal(localInstant('2027-03-14', '03:00', NY).toUTC().toISO(), '2027-03-14T07:00:00.000Z', 'first EDT minute');
});

test('localInstant: fall back, 01:30 happens twice and takes the earlier instant, 01:30 EDT (05:30Z)', () => {
  const at = localInstant('2027-11-07', '01:30', NY);
  assert.equal(at.toISO(), '2027-11-07T01:30:00.000-04:00');
  assert.equal(at.toUTC().toISO(), '2027-11-07T05:30:00.000Z');
});

test('localInstant: fall back, the edges of the repeated hour', () => {
  assert.equal(localInstant('2027-11-07', '00:59:59', NY).toUTC().toISO(), '2027-11-07T04:59:59.000Z');
  assert.equal(localInstant('2027-11-07', '01:00', NY).toISO(), '2027-11-07T01:00:00.000-04:00');
  assert.equal(localInstant('2027-11-07', '01:59:59', NY).toISO(), '2027-11-07T01:59:59.000-04:00');
  assert.equal(localInstant('2027-11-07', '02:00', NY).toISO(), '2027-11-07T02:00:00.000-05:00');
  assert.equal(localInstant('2027-11-07', '02:00', NY).toUTC().toISO(), '2027-11-07T07:00:00.000Z');
});

test('localInstant: other zones with other gaps (Europe/London, Lord Howe\'s 30-minute shift, midnight gap in São Paulo 2018)', () => {
  assert.equal(localInstant('2027-03-28', '01:30', 'Europe/London').toISO(), '2027-03-28T02:30:00.000+01:00');
  assert.equal(localInstant('2027-10-31', '01:30', 'Europe/London').toUTC().toISO(), '2027-10-31T00:30:00.000Z');
  assert.equal(localInstant('2027-10-03', '02:15', 'Australia/Lord_Howe').toISO(), '2027-10-03T02:45:00.000+11:00');
  assert.equal(localInstant('2027-04-04', '01:45', 'Australia/Lord_Howe').toISO(), '2027-04-04T01:45:00.000+11:00');
  assert.equal(localInstant('2018-11-04', '00:30', 'America/Sao_Paulo').toISO(), '2018-11-04T01:30:00.000-02:00');
});

test('localInstant refuses a bad date, time or zone', () => {
  for (const [date, time, zone] of [
    ['2027-02-30', '09:00', NY],
    ['not a date', '09:00', NY],
    ['2027-03-14', '24:00', NY],
    ['2027-03-14', '9am', NY],
    ['2027-03-14', '09:00', 'Mars/Olympus_Mons'],
  ] as const) {
    assert.throws(() => localInstant(date, time, zone), RangeError, `${date} ${time} ${zone}`);
  }
});

// ---- occurrenceOf ----------------------------------------------------------

test('occurrenceOf: a day shift in UTC', () => {
  assert.deepEqual(view(occurrenceOf(shift(5, 1, '09:00:00', '17:00:00', 42), '2026-11-23', 'UTC')), {
    shiftId: 5,
    staffId: 42,
    date: '2026-11-23',
    startTime: '09:00:00',
    endTime: '17:00:00',
    start: '2026-11-23T09:00:00.000Z',
    end: '2026-11-23T17:00:00.000Z',
    startUtc: '2026-11-23T09:00:00.000Z',
    endUtc: '2026-11-23T17:00:00.000Z',
  });
});

test('occurrenceOf: Asia/Kolkata, 09:00–17:00 is 03:30Z–11:30Z', () => {
  const o = occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', KOLKATA);
  assert.equal(o.start.toISO(), '2026-11-23T09:00:00.000+05:30');
  assert.equal(o.start.toUTC().toISO(), '2026-11-23T03:30:00.000Z');
  assert.equal(o.end.toUTC().toISO(), '2026-11-23T11:30:00.000Z');
});

test('occurrenceOf: an overnight shift ends on the next date, across a month and a year', () => {
  const o = occurrenceOf(shift(1, 5, '22:00', '06:00'), '2027-12-31', 'UTC');
  assert.equal(o.date, '2027-12-31');
  assert.equal(o.start.toISO(), '2027-12-31T22:00:00.000Z');
  assert.equal(o.end.toISO(), '2028-01-01T06:00:00.000Z');
});

test('occurrenceOf: a 24-hour 00:00–00:00 shift ends at the next midnight', () => {
  const o = occurrenceOf(shift(1, 3, '00:00', '00:00'), '2027-01-13', NY);
  assert.equal(o.start.toISO(), '2027-01-13T00:00:00.000-05:00');
  assert.equal(o.end.toISO(), '2027-01-14T00:00:00.000-05:00');
  assert.equal(hours(o), 24);
});

test('occurrenceOf: a shift ending at midnight ends on the next date', () => {
  const o = occurrenceOf(shift(1, 1, '16:00', '00:00'), '2026-11-23', 'UTC');
  assert.equal(o.end.toISO(), '2026-11-24T00:00:00.000Z');
});

test('occurrenceOf: spring forward, a 02:30 start moves to 03:30 EDT (07:30Z)', () => {
  const o = occurrenceOf(shift(1, 7, '02:30', '10:00'), '2027-03-14', NY);
  assert.equal(o.start.toISO(), '2027-03-14T03:30:00.000-04:00');
  assert.equal(o.start.toUTC().toISO(), '2027-03-14T07:30:00.000Z');
  assert.equal(o.end.toISO(), '2027-03-14T10:00:00.000-04:00');
  assert.equal(hours(o), 6.5);
  assert.equal(o.startTime, '02:30', 'the scheduled time of day is kept as written');
});

test('occurrenceOf: spring forward, overnight 22:00–06:00 from 13 March ends 06:00 EDT (10:00Z) and lasts 7 hours', () => {
  const o = occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-03-13', NY);
  assert.equal(o.date, '2027-03-13');
  assert.equal(o.start.toISO(), '2027-03-13T22:00:00.000-05:00');
  assert.equal(o.start.toUTC().toISO(), '2027-03-14T03:00:00.000Z');
  assert.equal(o.end.toISO(), '2027-03-14T06:00:00.000-04:00');
  assert.equal(o.end.toUTC().toISO(), '2027-03-14T10:00:00.000Z');
  assert.equal(hours(o), 7);
});

test('occurrenceOf: fall back, a 01:30 start takes the earlier instant, 01:30 EDT (05:30Z)', () => {
  const o = occurrenceOf(shift(1, 7, '01:30', '09:30'), '2027-11-07', NY);
  assert.equal(o.start.toISO(), '2027-11-07T01:30:00.000-04:00');
  assert.equal(o.start.toUTC().toISO(), '2027-11-07T05:30:00.000Z');
  assert.equal(o.end.toISO(), '2027-11-07T09:30:00.000-05:00');
  assert.equal(hours(o), 9);
});

test('occurrenceOf: fall back, overnight 22:00–06:00 from 6 November ends 06:00 EST (11:00Z) and lasts 9 hours', () => {
  const o = occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-11-06', NY);
  assert.equal(o.start.toISO(), '2027-11-06T22:00:00.000-04:00');
  assert.equal(o.start.toUTC().toISO(), '2027-11-07T02:00:00.000Z');
  assert.equal(o.end.toISO(), '2027-11-07T06:00:00.000-05:00');
  assert.equal(o.end.toUTC().toISO(), '2027-11-07T11:00:00.000Z');
  assert.equal(hours(o), 9);
});

test('occurrenceOf: a 24-hour shift on a DST day lasts 23 or 25 real hours', () => {
  assert.equal(hours(occurrenceOf(shift(1, 7, '00:00', '00:00'), '2027-03-14', NY)), 23);
  assert.equal(hours(occurrenceOf(shift(1, 7, '00:00', '00:00'), '2027-11-07', NY)), 25);
});

test('occurrenceOf: a shift inside the repeated hour, 01:00–02:00 on 7 November, lasts 2 hours', () => {
  const o = occurrenceOf(shift(1, 7, '01:00', '02:00'), '2027-11-07', NY);
  assert.equal(o.start.toUTC().toISO(), '2027-11-07T05:00:00.000Z');
  assert.equal(o.end.toUTC().toISO(), '2027-11-07T07:00:00.000Z');
});

// ---- listOccurrences -------------------------------------------------------

test('listOccurrences: each date gets the shifts of its weekday, in start order', () => {
  // Week of Monday 8 March 2027 to Sunday 14 March 2027 (the spring-forward day).
  const shifts = [
    shift(10, 1, '09:00', '17:00', 1), // Monday
    shift(11, 3, '09:00', '17:00', 1), // Wednesday
    shift(12, 6, '22:00', '06:00', 2), // Saturday night
    shift(13, 7, '02:30', '10:00', 3), // Sunday, in the gap
  ];
  const list = listOccurrences(shifts, '2027-03-08', '2027-03-14', NY);
  assert.deepEqual(
    list.map((o) => [o.shiftId, o.staffId, o.date, o.start.toISO(), o.end.toISO()]),
    [
      [10, 1, '2027-03-08', '2027-03-08T09:00:00.000-05:00', '2027-03-08T17:00:00.000-05:00'],
      [11, 1, '2027-03-10', '2027-03-10T09:00:00.000-05:00', '2027-03-10T17:00:00.000-05:00'],
      [12, 2, '2027-03-13', '2027-03-13T22:00:00.000-05:00', '2027-03-14T06:00:00.000-04:00'],
      [13, 3, '2027-03-14', '2027-03-14T03:30:00.000-04:00', '2027-03-14T10:00:00.000-04:00'],
    ],
  );
});

test('listOccurrences: both ends of the range are included; a weekday repeats every week', () => {
  const list = listOccurrences([shift(1, 1, '09:00', '17:00')], '2026-11-23', '2026-12-07', 'UTC');
  assert.deepEqual(
    list.map((o) => o.date),
    ['2026-11-23', '2026-11-30', '2026-12-07'],
  );
});

test('listOccurrences: dates without shifts, a single date, and a reversed range', () => {
  const shifts = [shift(1, 1, '09:00', '17:00')];
  assert.deepEqual(listOccurrences(shifts, '2026-11-24', '2026-11-29', 'UTC'), []);
  assert.equal(listOccurrences(shifts, '2026-11-23', '2026-11-23', 'UTC').length, 1);
  assert.deepEqual(listOccurrences(shifts, '2026-11-30', '2026-11-23', 'UTC'), []);
  assert.deepEqual(listOccurrences([], '2026-11-23', '2026-11-30', 'UTC'), []);
});

test('listOccurrences: only occurrences that START in the range are listed (an overnight one from the day before is not)', () => {
  const list = listOccurrences([shift(1, 1, '22:00', '06:00')], '2026-11-24', '2026-11-24', 'UTC');
  assert.deepEqual(list, []);
});

test('listOccurrences: equal starts are ordered by shift id; staff sharing times each get their own occurrence', () => {
  const shifts = [shift(9, 1, '09:00', '17:00', 3), shift(4, 1, '09:00', '13:00', 1), shift(6, 1, '08:00', '12:00', 2)];
  const list = listOccurrences(shifts, '2026-11-23', '2026-11-23', KOLKATA);
  assert.deepEqual(
    list.map((o) => [o.shiftId, o.staffId, o.start.toUTC().toISO(), o.end.toUTC().toISO()]),
    [
      [6, 2, '2026-11-23T02:30:00.000Z', '2026-11-23T06:30:00.000Z'],
      [4, 1, '2026-11-23T03:30:00.000Z', '2026-11-23T07:30:00.000Z'],
      [9, 3, '2026-11-23T03:30:00.000Z', '2026-11-23T11:30:00.000Z'],
    ],
  );
});

test('listOccurrences: the fall-back weekend', () => {
  const shifts = [shift(1, 6, '22:00', '06:00'), shift(2, 7, '01:30', '05:00')];
  const list = listOccurrences(shifts, '2027-11-06', '2027-11-07', NY);
  assert.deepEqual(
    list.map((o) => [o.shiftId, o.start.toUTC().toISO(), o.end.toUTC().toISO()]),
    [
      [1, '2027-11-07T02:00:00.000Z', '2027-11-07T11:00:00.000Z'],
      [2, '2027-11-07T05:30:00.000Z', '2027-11-07T10:00:00.000Z'],
    ],
  );
});

test('listOccurrences: spring forward, a start in the gap moves past a later time of day, and the list stays in start order', () => {
  // 14 March 2027 is a Sunday: 02:30 does not exist and is 03:30 EDT (07:30Z), after 03:00 EDT (07:00Z) and with 03:30 itself.
  const shifts = [shift(1, 7, '02:30', '06:00'), shift(2, 7, '03:00', '07:00'), shift(3, 7, '03:30', '08:00'), shift(4, 7, '01:00', '05:00')];
  const list = listOccurrences(shifts, '2027-03-14', '2027-03-15', NY);
  assert.deepEqual(
    list.map((o) => [o.shiftId, o.start.toUTC().toISO()]),
    [
      [4, '2027-03-14T06:00:00.000Z'],
      [2, '2027-03-14T07:00:00.000Z'],
      [1, '2027-03-14T07:30:00.000Z'],
      [3, '2027-03-14T07:30:00.000Z'],
    ],
  );
});

test('datesBetween and weekdayOf', () => {
  assert.deepEqual(datesBetween('2027-02-27', '2027-03-02'), ['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']);
  assert.deepEqual(datesBetween('2027-03-13', '2027-03-15'), ['2027-03-13', '2027-03-14', '2027-03-15']);
  assert.deepEqual(datesBetween('2027-03-15', '2027-03-13'), []);
  assert.equal(weekdayOf('2027-03-14'), 7);
  assert.equal(weekdayOf('2026-11-23'), 1);
  assert.equal(weekdayOf('2027-11-06'), 6);
});

// ---- windows ---------------------------------------------------------------

test('windowBounds: fixed spans around start and end, in epoch milliseconds', () => {
  assert.deepEqual(windowBounds(10_000_000, 20_000_000, 60), {
    checkIn: { opensAt: 6_400_000, closesAt: 13_600_000 },
    checkOut: { opensAt: 16_400_000, closesAt: 23_600_000 },
  });
  assert.deepEqual(windowBounds(0, 0, 5), {
    checkIn: { opensAt: -300_000, closesAt: 300_000 },
    checkOut: { opensAt: -300_000, closesAt: 300_000 },
  });
});

function windowsView(o: Occurrence, minutes: number) {
  const w = occurrenceWindows(o, minutes);
  return {
    checkIn: [w.checkIn.opensAt.toISO(), w.checkIn.closesAt.toISO()],
    checkOut: [w.checkOut.opensAt.toISO(), w.checkOut.closesAt.toISO()],
  };
}

test('occurrenceWindows: 60 minutes around start and end, in UTC', () => {
  assert.deepEqual(windowsView(occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', 'UTC'), 60), {
    checkIn: ['2026-11-23T08:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    checkOut: ['2026-11-23T16:00:00.000Z', '2026-11-23T18:00:00.000Z'],
  });
});

test('occurrenceWindows: Asia/Kolkata 09:00 start opens 08:00 local (02:30Z)', () => {
  const w = occurrenceWindows(occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', KOLKATA), 60);
  assert.equal(w.checkIn.opensAt.toISO(), '2026-11-23T08:00:00.000+05:30');
  assert.equal(w.checkIn.opensAt.toUTC().toISO(), '2026-11-23T02:30:00.000Z');
  assert.equal(w.checkIn.closesAt.toUTC().toISO(), '2026-11-23T04:30:00.000Z');
  assert.equal(w.checkOut.opensAt.toUTC().toISO(), '2026-11-23T10:30:00.000Z');
  assert.equal(w.checkOut.closesAt.toUTC().toISO(), '2026-11-23T12:30:00.000Z');
});

test('occurrenceWindows: window sizes other than 60 minutes', () => {
  const o = occurrenceOf(shift(1, 1, '09:00', '17:00'), '2026-11-23', 'UTC');
  assert.deepEqual(windowsView(o, 15), {
    checkIn: ['2026-11-23T08:45:00.000Z', '2026-11-23T09:15:00.000Z'],
    checkOut: ['2026-11-23T16:45:00.000Z', '2026-11-23T17:15:00.000Z'],
  });
  assert.deepEqual(windowsView(o, 180), {
    checkIn: ['2026-11-23T06:00:00.000Z', '2026-11-23T12:00:00.000Z'],
    checkOut: ['2026-11-23T14:00:00.000Z', '2026-11-23T20:00:00.000Z'],
  });
});

test('occurrenceWindows: a check-in window crossing midnight (00:30 start opens 23:30 the day before)', () => {
  const o = occurrenceOf(shift(1, 2, '00:30', '08:30'), '2026-11-24', KOLKATA);
  assert.deepEqual(windowsView(o, 60), {
    checkIn: ['2026-11-23T23:30:00.000+05:30', '2026-11-24T01:30:00.000+05:30'],
    checkOut: ['2026-11-24T07:30:00.000+05:30', '2026-11-24T09:30:00.000+05:30'],
  });
});

test('occurrenceWindows: spring forward, windows are real durations around 03:30 EDT, shown in local time', () => {
  const o = occurrenceOf(shift(1, 7, '02:30', '10:00'), '2027-03-14', NY);
  // 07:30Z ± 1 h: opens 06:30Z (01:30 EST), closes 08:30Z (04:30 EDT).
  assert.deepEqual(windowsView(o, 60), {
    checkIn: ['2027-03-14T01:30:00.000-05:00', '2027-03-14T04:30:00.000-04:00'],
    checkOut: ['2027-03-14T09:00:00.000-04:00', '2027-03-14T11:00:00.000-04:00'],
  });
});

test('occurrenceWindows: spring forward, overnight shift check-out around 06:00 EDT (10:00Z)', () => {
  const o = occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-03-13', NY);
  const w = occurrenceWindows(o, 60);
  assert.equal(w.checkOut.opensAt.toUTC().toISO(), '2027-03-14T09:00:00.000Z');
  assert.equal(w.checkOut.closesAt.toUTC().toISO(), '2027-03-14T11:00:00.000Z');
  assert.equal(w.checkOut.opensAt.toISO(), '2027-03-14T05:00:00.000-04:00');
});

test('occurrenceWindows: fall back, around 01:30 EDT the window closes at 01:30 EST', () => {
  const o = occurrenceOf(shift(1, 7, '01:30', '09:30'), '2027-11-07', NY);
  assert.deepEqual(windowsView(o, 60), {
    checkIn: ['2027-11-07T00:30:00.000-04:00', '2027-11-07T01:30:00.000-05:00'],
    checkOut: ['2027-11-07T08:30:00.000-05:00', '2027-11-07T10:30:00.000-05:00'],
  });
});

test('occurrenceWindows: fall back, overnight shift check-out around 06:00 EST (11:00Z)', () => {
  const w = occurrenceWindows(occurrenceOf(shift(1, 6, '22:00', '06:00'), '2027-11-06', NY), 90);
  assert.equal(w.checkIn.opensAt.toISO(), '2027-11-06T20:30:00.000-04:00');
  assert.equal(w.checkOut.opensAt.toUTC().toISO(), '2027-11-07T09:30:00.000Z');
  assert.equal(w.checkOut.closesAt.toUTC().toISO(), '2027-11-07T12:30:00.000Z');
});

// ---- candidateDates --------------------------------------------------------

test('candidateDates: local dates in the zone, two days back and one day ahead', () => {
  const now = DateTime.fromISO('2026-11-23T12:00:00Z', { setZone: true });
  assert.deepEqual(candidateDates(now, now, 'UTC'), { from: '2026-11-21', to: '2026-11-24' });
  const later = DateTime.fromISO('2026-11-30T12:00:00Z', { setZone: true });
  assert.deepEqual(candidateDates(now, later, 'UTC'), { from: '2026-11-21', to: '2026-12-01' });
});

test('candidateDates: uses the local date in the zone, not the UTC date', () => {
  // 04:45Z on 14 March is 23:45 EST on 13 March in New York.
  const ny = DateTime.fromISO('2027-03-14T04:45:00Z', { setZone: true });
  assert.deepEqual(candidateDates(ny, ny, NY), { from: '2027-03-11', to: '2027-03-14' });
  // 19:00Z on 22 November is 00:30 on 23 November in Kolkata.
  const kolkata = DateTime.fromISO('2026-11-22T19:00:00Z', { setZone: true });
  assert.deepEqual(candidateDates(kolkata, kolkata, KOLKATA), { from: '2026-11-21', to: '2026-11-24' });
});

test('candidateDates covers an occurrence tomorrow whose check-in window is already open (00:30 start, 23:45 now)', () => {
  const now = DateTime.fromISO('2027-03-14T04:45:00Z', { setZone: true }); // Saturday 13 March 23:45 EST
  const range = candidateDates(now, now, NY);
  const list = listOccurrences([shift(1, 7, '00:30', '08:30')], range.from, range.to, NY);
  const open = list.filter((o) => {
    const w = occurrenceWindows(o, 60).checkIn;
    return w.opensAt <= now && now <= w.closesAt;
  });
  assert.deepEqual(
    open.map((o) => [o.date, o.start.toISO()]),
    [['2027-03-14', '2027-03-14T00:30:00.000-05:00']],
  );
});

test('candidateDates covers the check-out of a 24-hour shift that began two local dates ago, with a 3-hour window', () => {
  // 24-hour shift from Monday 23 November 23:00 UTC ends Tuesday 23:00; check-out closes Wednesday 02:00.
  const now = DateTime.fromISO('2026-11-25T01:59:00Z', { setZone: true });
  const range = candidateDates(now, now, 'UTC');
  const list = listOccurrences([shift(1, 1, '23:00', '23:00')], range.from, range.to, 'UTC');
  const open = list.filter((o) => {
    const w = occurrenceWindows(o, 180).checkOut;
    return w.opensAt <= now && now <= w.closesAt;
  });
  assert.deepEqual(
    open.map((o) => o.date),
    ['2026-11-23'],
  );
});

test.run();
