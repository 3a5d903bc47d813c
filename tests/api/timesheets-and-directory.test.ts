/**
 * The endpoints the admin app added: the timesheet CSV (compared line by
 * line with the week it describes), creating a staff member's account and
 * profile in one request (all or nothing), the staff directory staff use to
 * pick a colleague, and a colleague's coming shifts to swap for.
 * Organisation time zone America/New_York (UTC−5 in November); week of
 * Monday 23 November 2026.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';

/** A New York wall-clock time in the week of 23 November 2026, as an instant (EST is UTC−5). */
const local = (date: string, time: string) => new Date(`2026-11-${date}T${time}:00-05:00`).toISOString();

const ctx = useApiSuite(test, { now: local('23', '07:00'), timezone: 'America/New_York' });
let asha: StaffAccount;
let bo: StaffAccount;
let photo: string;

test.before(async () => {
  photo = toBase64(await makeFrame(320, 240));
});
test.before.each(async () => {
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })) });
  bo = await createStaffMember(ctx.client, ctx.manager, 'bo', {
    pin: '222222',
    weeklyOffs: 'Friday,Saturday',
    shifts: [
      { day: 'Monday', start: '22:00', end: '06:00' },
      { day: 'Wednesday', start: '22:00', end: '06:00' },
      { day: 'Sunday', start: '10:00', end: '14:00' },
    ],
  });
  // A comma in a name: the CSV must quote it rather than shift the columns.
  const renamed = await ctx.client.patch(`/api/staff/${bo.staffId}/`, { name: 'Lee, Bo' }, { token: ctx.manager.token });
  assert.equal(renamed.status, 200, renamed.text);
});

/** Fresh access tokens: they last 5 minutes of the server's clock, which the tests move by days. */
async function refreshTokens(...accounts: Account[]): Promise<void> {
  for (const account of accounts) {
    const reply = await ctx.client.post('/api/token/', { username: account.username, password: account.password });
    assert.equal(reply.status, 200, reply.text);
    account.token = reply.body.access;
  }
}

async function setClock(instant: string): Promise<void> {
  ctx.server.clock.set(instant);
  await refreshTokens(ctx.manager, asha, bo);
}

/** Checks in or out through the original API at a New York time, expecting the record's kind and status. */
async function clock(who: StaffAccount, date: string, time: string, kind: 'check_in' | 'check_out', status?: string): Promise<void> {
  await setClock(local(date, time));
  const reply = await ctx.client.post('/api/attendance/', { staff: who.staffId, captured_image: photo }, { token: who.token });
  assert.equal(reply.status, 201, `${who.username} ${date} ${time}: ${reply.text}`);
  assert.equal(reply.body.kind, kind, `${who.username} ${date} ${time}`);
  if (status) assert.equal(reply.body.status, status, `${who.username} ${date} ${time}`);
}

const csvPath = '/api/timesheets.csv?from=2026-11-23&to=2026-11-29';

test('the week’s timesheet: a header, one row per occurrence, local times, statuses and hours', async () => {
  await clock(asha, '23', '08:58', 'check_in', 'on_time');
  await clock(asha, '23', '17:03', 'check_out');
  await clock(bo, '23', '21:55', 'check_in', 'on_time');
  await clock(bo, '24', '06:05', 'check_out');
  await clock(asha, '24', '09:12', 'check_in', 'late');
  await clock(asha, '24', '17:00', 'check_out');
  await clock(asha, '25', '09:00', 'check_in', 'on_time');
  // Bo misses Wednesday night; Asha never checks out on Wednesday.
  await clock(asha, '26', '08:45', 'check_in', 'on_time');
  await setClock(local('26', '12:00'));

  const reply = await ctx.client.get(csvPath, { token: ctx.manager.token });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(reply.headers.get('content-disposition'), 'attachment; filename="timesheet-2026-11-23-to-2026-11-29.csv"');
  const a = asha.staffId;
  const b = bo.staffId;
  const expected = [
    // The original export's nine columns first, unchanged; then the outcome, the original punches, minutes, approval and corrections.
    'staff_id,staff,date,scheduled_start,scheduled_end,check_in,check_out,status,hours,outcome,original_check_in,original_check_out,worked_minutes,break_minutes,regular_minutes,overtime_minutes,approved,corrected_by,reason',
    `${a},asha,2026-11-23,2026-11-23 09:00,2026-11-23 17:00,2026-11-23 08:58,2026-11-23 17:03,on_time,8.08,complete,2026-11-23 08:58,2026-11-23 17:03,485,0,485,0,no,,`,
    `${a},asha,2026-11-24,2026-11-24 09:00,2026-11-24 17:00,2026-11-24 09:12,2026-11-24 17:00,late,7.80,complete,2026-11-24 09:12,2026-11-24 17:00,468,0,468,0,no,,`,
    `${a},asha,2026-11-25,2026-11-25 09:00,2026-11-25 17:00,2026-11-25 09:00,,no_check_out,,missing_check_out,2026-11-25 09:00,,0,0,0,0,no,,`,
    `${a},asha,2026-11-26,2026-11-26 09:00,2026-11-26 17:00,2026-11-26 08:45,,in_progress,,in_progress,2026-11-26 08:45,,0,0,0,0,no,,`,
    `${a},asha,2026-11-27,2026-11-27 09:00,2026-11-27 17:00,,,scheduled,,scheduled,,,0,0,0,0,no,,`,
    `${b},"Lee, Bo",2026-11-23,2026-11-23 22:00,2026-11-24 06:00,2026-11-23 21:55,2026-11-24 06:05,on_time,8.17,complete,2026-11-23 21:55,2026-11-24 06:05,490,0,490,0,no,,`,
    `${b},"Lee, Bo",2026-11-25,2026-11-25 22:00,2026-11-26 06:00,,,missed,,missed,,,0,0,0,0,no,,`,
    `${b},"Lee, Bo",2026-11-29,2026-11-29 10:00,2026-11-29 14:00,,,scheduled,,scheduled,,,0,0,0,0,no,,`,
  ];
  const lines = reply.text.split('\n');
  assert.deepEqual(lines.slice(0, -2), expected);
  assert.match(lines.at(-2)!, /^# ledger head: entry \d+, [0-9a-f]{64}$/);
  assert.equal(lines.at(-1), '');
});

test('a one-day timesheet holds that day’s occurrences only, the overnight one under the day it starts', async () => {
  await clock(bo, '23', '21:55', 'check_in');
  await clock(bo, '24', '06:05', 'check_out');
  const monday = await ctx.client.get('/api/timesheets.csv?from=2026-11-23&to=2026-11-23', { token: ctx.manager.token });
  assert.equal(monday.status, 200, monday.text);
  assert.deepEqual(monday.text.trimEnd().split('\n').slice(1, -1), [
    `${asha.staffId},asha,2026-11-23,2026-11-23 09:00,2026-11-23 17:00,,,missed,,missed,,,0,0,0,0,no,,`,
    `${bo.staffId},"Lee, Bo",2026-11-23,2026-11-23 22:00,2026-11-24 06:00,2026-11-23 21:55,2026-11-24 06:05,on_time,8.17,complete,2026-11-23 21:55,2026-11-24 06:05,490,0,490,0,no,,`,
  ]);
  const tuesday = await ctx.client.get('/api/timesheets.csv?from=2026-11-24&to=2026-11-24', { token: ctx.manager.token });
  assert.deepEqual(tuesday.text.trimEnd().split('\n').slice(1, -1), [`${asha.staffId},asha,2026-11-24,2026-11-24 09:00,2026-11-24 17:00,,,scheduled,,scheduled,,,0,0,0,0,no,,`]);
});

test('the timesheet is for managers: staff 403, anonymous 401', async () => {
  assertError(await ctx.client.get(csvPath, { token: asha.token }), 403, 'forbidden');
  assertError(await ctx.client.get(csvPath), 401, 'unauthorized');
  assertError(await ctx.client.get(csvPath, { token: 'not-a-token' }), 401, 'unauthorized');
});

test('bad timesheet ranges are 400 with the field named', async () => {
  const asManager = { token: ctx.manager.token };
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=2026-11-29&to=2026-11-23', asManager), 'from');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=2026-11-23', asManager), 'to');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?to=2026-11-23', asManager), 'from');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=2026-02-30&to=2026-03-02', asManager), 'from');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=yesterday&to=2026-11-23', asManager), 'from');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=2026-11-23&to=23/11/2026', asManager), 'to');
  assertFieldError(await ctx.client.get('/api/timesheets.csv?from=2026-01-01&to=2026-12-31', asManager), 'to');
  // 62 days is the most, and allowed.
  assert.equal((await ctx.client.get('/api/timesheets.csv?from=2026-11-01&to=2027-01-01', asManager)).status, 200);
});

const newStaff = (changes: Record<string, unknown> = {}) => ({
  username: 'cy',
  password: 'cy-Passw0rd!',
  name: 'Cy Young',
  weekly_off_days: 'Sunday',
  pin: '333333',
  ...changes,
});

async function staffUsernames(): Promise<string[]> {
  const reply = await ctx.client.get('/api/staff/', { token: ctx.manager.token });
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((person: { username: string }) => person.username).sort();
}

test('a manager creates a staff account and its profile in one request', async () => {
  const reply = await ctx.client.post('/api/staff/', newStaff(), { token: ctx.manager.token });
  assert.equal(reply.status, 201, reply.text);
  assert.deepEqual(reply.body, { id: reply.body.id, user: reply.body.user, username: 'cy', name: 'Cy Young', weekly_off_days: 'Sunday', active: true, has_pin: true, started_on: '2026-11-23' });
  const tokens = await ctx.client.post('/api/token/', { username: 'cy', password: 'cy-Passw0rd!' });
  assert.equal(tokens.status, 200, tokens.text);
  const me = await ctx.client.get('/api/me/', { token: tokens.body.access });
  assert.equal(me.body.role, 'staff', me.text);
  assert.equal(me.body.staff?.id, reply.body.id, me.text);
  assert.deepEqual(await staffUsernames(), ['asha', 'bo', 'cy']);
});

test('a taken username is 409 username_taken and creates nothing', async () => {
  for (const username of ['asha', 'ASHA', 'manager']) {
    assertError(await ctx.client.post('/api/staff/', newStaff({ username }), { token: ctx.manager.token }), 409, 'username_taken');
  }
  assert.deepEqual(await staffUsernames(), ['asha', 'bo']);
  // The password sent with the refused request opens no account.
  assertError(await ctx.client.post('/api/token/', { username: 'asha', password: 'cy-Passw0rd!' }), 401, 'unauthorized');
  // The PIN it asked for was not kept either.
  const cy = await ctx.client.post('/api/staff/', newStaff(), { token: ctx.manager.token });
  assert.equal(cy.status, 201, cy.text);
});

test('a taken PIN is 409 pin_taken and leaves no orphan account behind', async () => {
  assertError(await ctx.client.post('/api/staff/', newStaff({ pin: '111111' }), { token: ctx.manager.token }), 409, 'pin_taken');
  assert.deepEqual(await staffUsernames(), ['asha', 'bo']);
  assertError(await ctx.client.post('/api/token/', { username: 'cy', password: 'cy-Passw0rd!' }), 401, 'unauthorized');
  // The username is still free.
  const cy = await ctx.client.post('/api/staff/', newStaff({ pin: '444444' }), { token: ctx.manager.token });
  assert.equal(cy.status, 201, cy.text);
});

test('creating staff: bad input is 400 and changes nothing; staff 403, anonymous 401', async () => {
  assertFieldError(await ctx.client.post('/api/staff/', newStaff({ password: undefined }), { token: ctx.manager.token }), 'user');
  assertFieldError(await ctx.client.post('/api/staff/', newStaff({ pin: '12345' }), { token: ctx.manager.token }), 'pin');
  assertFieldError(await ctx.client.post('/api/staff/', newStaff({ weekly_off_days: 'Mon,Tue,Wed' }), { token: ctx.manager.token }), 'weekly_off_days');
  assertFieldError(await ctx.client.post('/api/staff/', newStaff({ password: 'short' }), { token: ctx.manager.token }), 'password');
  assertError(await ctx.client.post('/api/staff/', newStaff(), { token: asha.token }), 403, 'forbidden');
  assertError(await ctx.client.post('/api/staff/', newStaff()), 401, 'unauthorized');
  assert.deepEqual(await staffUsernames(), ['asha', 'bo']);
  assertError(await ctx.client.post('/api/token/', { username: 'cy', password: 'cy-Passw0rd!' }), 401, 'unauthorized');
});

test('the directory: any signed-in user sees active colleagues, by id and name only', async () => {
  const expected = [
    { id: asha.staffId, name: 'asha' },
    { id: bo.staffId, name: 'Lee, Bo' },
  ];
  for (const who of [asha, bo, ctx.manager]) {
    const reply = await ctx.client.get('/api/staff/directory', { token: who.token });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, expected, who.username);
  }
  const deactivated = await ctx.client.patch(`/api/staff/${bo.staffId}/`, { active: false }, { token: ctx.manager.token });
  assert.equal(deactivated.status, 200, deactivated.text);
  assert.deepEqual((await ctx.client.get('/api/staff/directory', { token: asha.token })).body, [{ id: asha.staffId, name: 'asha' }]);
  assertError(await ctx.client.get('/api/staff/directory'), 401, 'unauthorized');
});

test('swap candidates: the colleague’s coming occurrences for four weeks, none already started', async () => {
  await setClock(local('25', '12:00'));
  const reply = await ctx.client.get(`/api/swaps/candidates?withStaff=${asha.staffId}`, { token: bo.token });
  assert.equal(reply.status, 200, reply.text);
  const dates = reply.body.map((o: { date: string }) => o.date);
  // Wednesday's 09:00 shift has started; Thursday 26 November to Tuesday 22 December remain (weekdays only).
  assert.equal(dates[0], '2026-11-26');
  assert.equal(dates.at(-1), '2026-12-22');
  assert.equal(dates.length, 19, dates.join(' '));
  for (const o of reply.body) {
    assert.equal(o.staff, asha.staffId);
    assert.ok(Date.parse(o.start) > Date.parse(local('25', '12:00')), `${o.start} is not in the future`);
    assert.match(o.start, /T09:00:00\.000-05:00$/);
  }
  const fromAsha = await ctx.client.get(`/api/swaps/candidates?withStaff=${bo.staffId}`, { token: asha.token });
  assert.deepEqual(
    fromAsha.body.slice(0, 3).map((o: { date: string; start: string }) => [o.date, o.start]),
    [
      ['2026-11-25', '2026-11-25T22:00:00.000-05:00'],
      ['2026-11-29', '2026-11-29T10:00:00.000-05:00'],
      ['2026-11-30', '2026-11-30T22:00:00.000-05:00'],
    ],
  );
});

test('swap candidates: a manager without a staff profile 403, anonymous 401, a bad id 400', async () => {
  assertError(await ctx.client.get(`/api/swaps/candidates?withStaff=${asha.staffId}`, { token: ctx.manager.token }), 403, 'forbidden');
  assertError(await ctx.client.get(`/api/swaps/candidates?withStaff=${asha.staffId}`), 401, 'unauthorized');
  assertFieldError(await ctx.client.get('/api/swaps/candidates?withStaff=abc', { token: bo.token }), 'withStaff');
  assertFieldError(await ctx.client.get('/api/swaps/candidates', { token: bo.token }), 'withStaff');
});

test.run();
