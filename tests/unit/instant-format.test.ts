/** The fast instant formatter writes exactly what luxon writes, across DST changes and odd offsets. */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { createInstantFormatter } from '../../server/roster/instant-format.js';

const zones = ['UTC', 'Etc/UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];

test('every 7 minutes 13 seconds through 2026, in zones with DST, half-hour and 45-minute offsets', () => {
  for (const zone of zones) {
    const iso = createInstantFormatter(zone);
    const local = createInstantFormatter(zone, 'local-minute');
    for (let millis = Date.UTC(2026, 0, 1); millis < Date.UTC(2027, 0, 1); millis += 433_123) {
      const expected = DateTime.fromMillis(millis, { zone });
      assert.equal(iso(millis), expected.toISO(), `${zone} ${new Date(millis).toISOString()}`);
      assert.equal(local(new Date(millis)), expected.toFormat('yyyy-MM-dd HH:mm'), `${zone} ${new Date(millis).toISOString()}`);
    }
  }
});

test('the instants either side of a DST change', () => {
  const iso = createInstantFormatter('Europe/London');
  // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
  for (const edge of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
    for (const millis of [edge - 1, edge, edge + 1]) assert.equal(iso(millis), DateTime.fromMillis(millis, { zone: 'Europe/London' }).toISO());
  }
  assert.equal(iso(Date.UTC(2026, 2, 29, 0, 59, 59, 999)), '2026-03-29T00:59:59.999+00:00');
  assert.equal(iso(Date.UTC(2026, 2, 29, 1)), '2026-03-29T02:00:00.000+01:00');
});

test.run();
