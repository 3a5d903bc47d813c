/**
 * `GET /api/roster/`: the dated roster with exact instants, on a server whose
 * organisation time zone is America/New_York, across both 2027 DST changes,
 * and in Asia/Kolkata and UTC after a manager changes the zone; who sees
 * what; the range rules.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { defaultFaceThreshold } from '../../server/settings/face-settings.js';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Friday 20 November 2026, 10:00 in New York.
const ctx = useApiSuite(test, { now: '2026-11-20T15:00:00Z', timezone: 'America/New_York' });

type Shift = { day: string; start: string; end: string };
const weekdays = (start: string, end: string): Shift[] => ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => ({ day, start, end }));

async function roster(account: Account | null, query: string): Promise<Reply> {
  return ctx.client.get(`/api/roster/${query}`, account ? await ctx.auth(account) : undefined);
}

async function rosterOk(account: Account, query: string): Promise<any[]> {
  const reply = await roster(account, query);
  assert.equal(reply.status, 200, `${query}: ${reply.text}`);
  return reply.body;
}

async function shiftId(staff: StaffAccount, day: string): Promise<number> {
  const reply = await ctx.client.get(`/api/shifts/?staff=${staff.staffId}`, await ctx.auth(ctx.manager));
  const shift = reply.body.find((row: { day_of_week: string }) => row.day_of_week === day);
  assert.ok(shift, `${staff.username} has a ${day} shift: ${reply.text}`);
  return shift.id;
}

async function setSettings(changes: Record<string, unknown>): Promise<void> {
  const reply = await ctx.client.patch('/api/settings/', changes, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
}

test('managers see everyone, staff only themselves; ?staff=<other> is 403 for staff; anonymous is 401', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }, { day: 'Tuesday', start: '09:00', end: '17:00' }] });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Monday', start: '12:00', end: '20:00' }] });
  const range = '?from=2026-11-23&to=2026-11-24';
  const who = (entries: any[]) => entries.map((entry) => [entry.date, entry.staff]);

  assert.deepEqual(who(await rosterOk(ctx.manager, range)), [['2026-11-23', asha.staffId], ['2026-11-23', ben.staffId], ['2026-11-24', asha.staffId]]);
  assert.deepEqual(who(await rosterOk(ctx.manager, `${range}&staff=${ben.staffId}`)), [['2026-11-23', ben.staffId]]);
  assert.deepEqual(who(await rosterOk(asha, range)), [['2026-11-23', asha.staffId], ['2026-11-24', asha.staffId]]);
  assert.deepEqual(who(await rosterOk(asha, `${range}&staff=${asha.staffId}`)), [['2026-11-23', asha.staffId], ['2026-11-24', asha.staffId]]);
  assert.deepEqual(who(await rosterOk(ben, range)), [['2026-11-23', ben.staffId]]);
  assertError(await roster(asha, `${range}&staff=${ben.staffId}`), 403, 'forbidden');
  assertError(await roster(null, range), 401, 'unauthorized');
  assertError(await ctx.client.get(`/api/roster/${range}`, { token: 'not-a-token' }), 401, 'unauthorized');
});

test('an entry carries date, staff, shift, start, end and both windows as ISO instants with the offset', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const entries = await rosterOk(ctx.manager, '?from=2026-11-23&to=2026-11-23');
  assert.deepEqual(entries, [
    {
      date: '2026-11-23',
      staff: asha.staffId,
      shiftId: await shiftId(asha, 'Monday'),
      start: '2026-11-23T09:00:00.000-05:00',
      end: '2026-11-23T17:00:00.000-05:00',
      checkIn: { opensAt: '2026-11-23T08:00:00.000-05:00', closesAt: '2026-11-23T10:00:00.000-05:00' },
      checkOut: { opensAt: '2026-11-23T16:00:00.000-05:00', closesAt: '2026-11-23T18:00:00.000-05:00' },
      swap: null,
      reassigned: false,
      retimed: false,
      oneOff: false,
      note: null,
    },
  ]);
});

test('spring forward, 14 March 2027: a 02:30 start does not exist and moves to 03:30 EDT; windows are real hours', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { weeklyOffs: 'Monday,Tuesday', shifts: [{ day: 'Sunday', start: '02:30', end: '10:30' }] });
  const entries = await rosterOk(asha, '?from=2027-03-07&to=2027-03-14');
  assert.deepEqual(entries.map((entry) => [entry.date, entry.start, entry.end]), [
    ['2027-03-07', '2027-03-07T02:30:00.000-05:00', '2027-03-07T10:30:00.000-05:00'],
    ['2027-03-14', '2027-03-14T03:30:00.000-04:00', '2027-03-14T10:30:00.000-04:00'],
  ]);
  // An hour either side of 07:30Z, whatever the wall clock did in between.
  assert.deepEqual(entries[1].checkIn, { opensAt: '2027-03-14T01:30:00.000-05:00', closesAt: '2027-03-14T04:30:00.000-04:00' });
  assert.deepEqual(entries[1].checkOut, { opensAt: '2027-03-14T09:30:00.000-04:00', closesAt: '2027-03-14T11:30:00.000-04:00' });
});

test('fall back, 7 November 2027: an overnight shift ends at 06:00 EST, 9 hours on; an ambiguous 01:30 is the earlier one', async () => {
  const night = await createStaffMember(ctx.client, ctx.manager, 'night', { weeklyOffs: 'Monday,Tuesday', shifts: [{ day: 'Saturday', start: '22:00', end: '06:00' }] });
  const early = await createStaffMember(ctx.client, ctx.manager, 'early', { weeklyOffs: 'Monday,Tuesday', shifts: [{ day: 'Sunday', start: '01:30', end: '09:30' }] });
  const entries = await rosterOk(ctx.manager, '?from=2027-11-06&to=2027-11-07');
  assert.deepEqual(entries.map((entry) => [entry.date, entry.staff, entry.start, entry.end]), [
    ['2027-11-06', night.staffId, '2027-11-06T22:00:00.000-04:00', '2027-11-07T06:00:00.000-05:00'],
    ['2027-11-07', early.staffId, '2027-11-07T01:30:00.000-04:00', '2027-11-07T09:30:00.000-05:00'],
  ]);
  assert.equal(Date.parse(entries[0].end) - Date.parse(entries[0].start), 9 * 3600_000);
  assert.deepEqual(entries[0].checkOut, { opensAt: '2027-11-07T05:00:00.000-05:00', closesAt: '2027-11-07T07:00:00.000-05:00' });
  // The check-in window of the 01:30 EDT start closes at 01:30 EST: the clock went back an hour.
  assert.deepEqual(entries[1].checkIn, { opensAt: '2027-11-07T00:30:00.000-04:00', closesAt: '2027-11-07T01:30:00.000-05:00' });
});

test('changing the time zone moves every instant; the local times stay (Asia/Kolkata +05:30, UTC)', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', {
    shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }, { day: 'Wednesday', start: '22:00', end: '06:00' }],
  });
  const range = '?from=2026-11-23&to=2026-11-25';
  const instants = async () => (await rosterOk(asha, range)).map((entry) => [entry.date, entry.start, entry.end, entry.checkIn.opensAt]);
  assert.deepEqual(await instants(), [
    ['2026-11-23', '2026-11-23T09:00:00.000-05:00', '2026-11-23T17:00:00.000-05:00', '2026-11-23T08:00:00.000-05:00'],
    ['2026-11-25', '2026-11-25T22:00:00.000-05:00', '2026-11-26T06:00:00.000-05:00', '2026-11-25T21:00:00.000-05:00'],
  ]);
  await setSettings({ timezone: 'Asia/Kolkata' });
  const kolkata = await instants();
  assert.deepEqual(kolkata, [
    ['2026-11-23', '2026-11-23T09:00:00.000+05:30', '2026-11-23T17:00:00.000+05:30', '2026-11-23T08:00:00.000+05:30'],
    ['2026-11-25', '2026-11-25T22:00:00.000+05:30', '2026-11-26T06:00:00.000+05:30', '2026-11-25T21:00:00.000+05:30'],
  ]);
  assert.equal(Date.parse(kolkata[0]![1]!), Date.parse('2026-11-23T03:30:00Z'));
  await setSettings({ timezone: 'UTC' });
  assert.deepEqual(await instants(), [
    ['2026-11-23', '2026-11-23T09:00:00.000Z', '2026-11-23T17:00:00.000Z', '2026-11-23T08:00:00.000Z'],
    ['2026-11-25', '2026-11-25T22:00:00.000Z', '2026-11-26T06:00:00.000Z', '2026-11-25T21:00:00.000Z'],
  ]);
});

test('without from/to: seven days from today in the organisation’s zone; weekly offs have no occurrences', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { weeklyOffs: 'Saturday,Sunday', shifts: weekdays('09:00', '17:00') });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { weeklyOffs: 'Monday,Tuesday', shifts: [{ day: 'Sunday', start: '09:00', end: '17:00' }] });
  // 03:00Z on Monday is still Sunday 22 November, 22:00, in New York.
  ctx.server.clock.set('2026-11-23T03:00:00Z');
  const entries = await rosterOk(ctx.manager, '');
  const datesOf = (staffId: number) => entries.filter((entry) => entry.staff === staffId).map((entry) => entry.date);
  assert.deepEqual(datesOf(ben.staffId), ['2026-11-22']);
  assert.deepEqual(datesOf(asha.staffId), ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  // Only "from": seven days from there (Tuesday to Monday).
  const fromOnly = await rosterOk(ctx.manager, '?from=2026-12-01');
  assert.deepEqual(fromOnly.map((entry) => entry.date), ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-06', '2026-12-07']);
});

test('bad ranges are 400 naming the field; 62 days is the longest range', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  assertFieldError(await roster(ctx.manager, '?from=2026-11-25&to=2026-11-24'), 'from');
  assertFieldError(await roster(asha, '?from=2026-11-25&to=2026-11-24'), 'from');
  for (const bad of ['2026-02-30', 'tomorrow', '2026-13-01', '2026-1-5', '23/11/2026', '']) {
    assertFieldError(await roster(ctx.manager, `?from=${encodeURIComponent(bad)}&to=2026-11-24`), 'from');
    assertFieldError(await roster(ctx.manager, `?from=2026-11-23&to=${encodeURIComponent(bad)}`), 'to');
  }
  assertFieldError(await roster(ctx.manager, '?staff=abc'), 'staff');
  assertFieldError(await roster(ctx.manager, '?from=2027-01-01&to=2027-03-04'), 'to');
  const longest = await rosterOk(ctx.manager, '?from=2027-01-01&to=2027-03-03');
  assert.deepEqual(longest.map((entry) => entry.date), [
    '2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01',
  ]);
  assert.equal((await rosterOk(ctx.manager, '?from=2026-11-23&to=2026-11-23')).length, 1, 'a one-day range');
});

test('GET/PATCH /api/settings/: managers only; defaults; out-of-range values are 400 and change nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  // The pay and hours rules are off until set (tests/api/timesheet-corrections.test.ts checks them).
  const kioskDefaults = {
    kiosk_offline_alert_minutes: 10,
    face_check: 'off',
    face_match_threshold: defaultFaceThreshold,
    face_match_threshold_default: defaultFaceThreshold,
    photo_retention_days: 56,
    api_check_in: 'allow',
  };
  const hoursDefaults = { rounding_minutes: 0, break_minutes: 0, break_after_hours: null, overtime_daily_hours: null, overtime_weekly_hours: null, week_starts_on: 'Monday', pay_period: 'weekly', pay_period_anchor: '2024-01-01', locale: 'en-GB', clock: '24h' };
  const defaults = { timezone: 'America/New_York', window_minutes: 60, late_grace_minutes: 5, swap_requires_approval: false, min_rest_hours: 0, ...hoursDefaults, ...kioskDefaults };
  assertError(await ctx.client.get('/api/settings/'), 401, 'unauthorized');
  assertError(await ctx.client.patch('/api/settings/', { window_minutes: 30 }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/settings/', await ctx.auth(asha)), 403, 'forbidden');
  assertError(await ctx.client.patch('/api/settings/', { window_minutes: 30 }, await ctx.auth(asha)), 403, 'forbidden');
  const read = await ctx.client.get('/api/settings/', await ctx.auth(ctx.manager));
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.body, defaults);

  const refused: [string, unknown][] = [
    ['timezone', 'Mars/Base'], ['timezone', ''], ['timezone', 42],
    ['window_minutes', 4], ['window_minutes', 181], ['window_minutes', 30.5], ['window_minutes', '30'],
    ['late_grace_minutes', 61], ['late_grace_minutes', -1],
    ['min_rest_hours', 25], ['min_rest_hours', -1],
    ['swap_requires_approval', 'yes'],
    ['locale', 'not a locale'], ['locale', ''], ['locale', 'x'.repeat(40)], ['locale', 7],
    ['clock', '24'], ['clock', 'am/pm'],
    ['kiosk_offline_alert_minutes', 0], ['kiosk_offline_alert_minutes', 1441], ['kiosk_offline_alert_minutes', 2.5],
    ['face_check', 'on'], ['face_match_threshold', 0.05], ['face_match_threshold', 2], ['face_match_threshold', 'low'],
    ['photo_retention_days', -1], ['photo_retention_days', 3651], ['photo_retention_days', 1.5], ['api_check_in', 'never'],
  ];
  for (const [field, value] of refused) assertFieldError(await ctx.client.patch('/api/settings/', { [field]: value }, await ctx.auth(ctx.manager)), field);
  assertError(await ctx.client.patch('/api/settings/', {}, await ctx.auth(ctx.manager)), 400, 'validation_failed');
  assert.deepEqual((await ctx.client.get('/api/settings/', await ctx.auth(ctx.manager))).body, defaults);

  const lowest = { timezone: 'Asia/Kolkata', window_minutes: 5, late_grace_minutes: 0, swap_requires_approval: true, min_rest_hours: 0 };
  assert.deepEqual((await ctx.client.patch('/api/settings/', lowest, await ctx.auth(ctx.manager))).body, { ...lowest, ...hoursDefaults, ...kioskDefaults });
  const highest = { ...lowest, ...hoursDefaults, ...kioskDefaults, window_minutes: 180, late_grace_minutes: 60, min_rest_hours: 24 };
  assert.deepEqual((await ctx.client.patch('/api/settings/', { window_minutes: 180, late_grace_minutes: 60, min_rest_hours: 24 }, await ctx.auth(ctx.manager))).body, highest);
  assert.deepEqual((await ctx.client.get('/api/settings/', await ctx.auth(ctx.manager))).body, highest);
});

test('the date format and clock: one choice for the whole app, told to the kiosk and the admin app by /api/auth/status', async () => {
  assert.deepEqual(pick((await ctx.client.get('/api/auth/status')).body), { locale: 'en-GB', clock: '24h' });
  const changed = await ctx.client.patch('/api/settings/', { locale: 'en-US', clock: '12h' }, await ctx.auth(ctx.manager));
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(pick(changed.body), { locale: 'en-US', clock: '12h' });
  assert.deepEqual(pick((await ctx.client.get('/api/auth/status')).body), { locale: 'en-US', clock: '12h' });
  const refused = await ctx.client.patch('/api/settings/', { locale: 'Klingon please' }, await ctx.auth(ctx.manager));
  assertFieldError(refused, 'locale');
  assert.match(refused.body.error.message, /language and region such as "en-GB"/);
});

const pick = ({ locale, clock }: { locale: string; clock: string }) => ({ locale, clock });

test('window_minutes sets the roster’s windows', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  await setSettings({ window_minutes: 15 });
  const [entry] = await rosterOk(asha, '?from=2026-11-23&to=2026-11-23');
  assert.deepEqual(entry.checkIn, { opensAt: '2026-11-23T08:45:00.000-05:00', closesAt: '2026-11-23T09:15:00.000-05:00' });
  assert.deepEqual(entry.checkOut, { opensAt: '2026-11-23T16:45:00.000-05:00', closesAt: '2026-11-23T17:15:00.000-05:00' });
  await setSettings({ window_minutes: 180 });
  const [wide] = await rosterOk(asha, '?from=2026-11-23&to=2026-11-23');
  assert.deepEqual(wide.checkIn, { opensAt: '2026-11-23T06:00:00.000-05:00', closesAt: '2026-11-23T12:00:00.000-05:00' });
});

test('min_rest_hours refuses a template shift too close to another, naming both shifts', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const addShift = async (day_of_week: string, shift_start: string, shift_end: string) =>
    ctx.client.post('/api/shifts/', { staff: asha.staffId, day_of_week, shift_start, shift_end }, await ctx.auth(ctx.manager));
  // Without a minimum, 5 hours of rest is allowed.
  const allowed = await addShift('Monday', '22:00', '06:00');
  assert.equal(allowed.status, 201, allowed.text);
  assert.equal((await ctx.client.delete(`/api/shifts/${allowed.body.id}/`, await ctx.auth(ctx.manager))).status, 204);

  await setSettings({ min_rest_hours: 11 });
  const tooClose = await addShift('Monday', '22:00', '06:00');
  assertError(tooClose, 409, 'rest_too_short');
  assert.match(tooClose.body.error.message, /Monday 22:00–06:00/);
  assert.match(tooClose.body.error.message, /Monday 09:00–17:00/);
  const nextMorning = await addShift('Tuesday', '03:00', '11:00');
  assertError(nextMorning, 409, 'rest_too_short');
  assert.match(nextMorning.body.error.message, /Tuesday 03:00–11:00.*Monday 09:00–17:00/);
  // Exactly 11 hours is enough; then moving it an hour earlier is refused too.
  const exactly = await addShift('Tuesday', '04:00', '12:00');
  assert.equal(exactly.status, 201, exactly.text);
  assertError(await ctx.client.patch(`/api/shifts/${exactly.body.id}/`, { shift_start: '03:00' }, await ctx.auth(ctx.manager)), 409, 'rest_too_short');
  const template = await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await ctx.auth(ctx.manager));
  assert.deepEqual(template.body.map((shift: any) => [shift.day_of_week, shift.shift_start]), [['Monday', '09:00:00'], ['Tuesday', '04:00:00']]);
});

test('a roster longer than one written piece (2,000 occurrences) arrives whole: the same entries as its weeks asked one by one, gzipped or not', async () => {
  const manager = await ctx.auth(ctx.manager);
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  for (let i = 0; i < 40; i++) {
    const created = await ctx.client.post('/api/staff/', { name: `Person ${i}`, username: `person${i}`, password: `person${i}-Passw0rd!`, weekly_off_days: 'Sunday' }, manager);
    assert.equal(created.status, 201, created.text);
    for (const [d, day] of days.entries()) {
      const start = `${String(6 + ((i + d) % 12)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
      const reply = await ctx.client.post('/api/shifts/', { staff: created.body.id, day_of_week: day, shift_start: start, shift_end: '23:45' }, manager);
      assert.equal(reply.status, 201, reply.text);
    }
  }
  const from = '2026-11-23';
  const to = '2027-01-23'; // 62 days, the longest range
  const weeks: any[] = [];
  for (let start = DateTime.fromISO(from); start.toISODate()! <= to; start = start.plus({ days: 7 })) {
    const end = DateTime.min(start.plus({ days: 6 }), DateTime.fromISO(to)).toISODate();
    weeks.push(...(await rosterOk(ctx.manager, `?from=${start.toISODate()}&to=${end}`)));
  }
  assert.ok(weeks.length > 2000, `${weeks.length} occurrences: more than one piece`);
  const path = `/api/roster/?from=${from}&to=${to}`;
  const headers = { Authorization: `Bearer ${ctx.manager.token}` };
  const plain = await fetch(`${ctx.server.url}${path}`, { headers: { ...headers, 'Accept-Encoding': 'identity' } });
  const gzipped = await fetch(`${ctx.server.url}${path}`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
  assert.equal(plain.status, 200);
  assert.match(plain.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
  const text = await plain.text();
  assert.equal(await gzipped.text(), text, 'the same bytes once decoded');
  assert.deepEqual(JSON.parse(text), weeks);
});

test.run();
