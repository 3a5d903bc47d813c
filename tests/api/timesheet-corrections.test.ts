/**
 * A manager takes last week's mess to an approved timesheet: a forgotten
 * check-out added, a wrong check-in superseded, a punch voided, a sick day
 * excused, the week approved (and then locked), reopened with a reason. The
 * ledger records each change and `verify` proves the rows still match it.
 * UTC; the clock on Monday 30 November 2026 at noon.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import type { Auth } from '../helpers/http.js';
import { captureAt, createStaffMember, makeFrame, registerAndSignIn, toBase64, type StaffAccount } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { now: '2026-11-30T12:00:00Z', timezone: 'UTC' });
const manager = () => ctx.auth(ctx.manager);
const lastWeek = { from: '2026-11-23', to: '2026-11-29' };

type Person = StaffAccount & { shiftIds: Record<string, number> };

/** Asha works weekdays 09:00–17:00 since 16 November. */
async function asha(): Promise<Person> {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  const person = await createStaffMember(ctx.client, ctx.manager, 'asha', { since: '2026-11-16', shifts: days.map((day) => ({ day, start: '09:00', end: '17:00' })) });
  const shifts = await ctx.client.get(`/api/shifts/?staff=${person.staffId}`, await manager());
  return { ...person, shiftIds: Object.fromEntries(shifts.body.map((s: { id: number; day_of_week: string }) => [s.day_of_week, s.id])) };
}

let photo: string;
/** Checks in or out through the original API at an instant, then puts the clock back to Monday noon. */
async function punch(person: Person, instant: string): Promise<number> {
  photo ??= toBase64(await makeFrame(320, 240));
  const reply = await captureAt(ctx, person, instant, photo);
  assert.equal(reply.status, 201, reply.text);
  ctx.server.clock.set('2026-11-30T12:00:00Z');
  return reply.body.id;
}

async function timesheet(range = lastWeek) {
  const reply = await ctx.client.get(`/api/timesheets/?from=${range.from}&to=${range.to}`, await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body as any[];
}
const entryOn = async (date: string) => (await timesheet()).find((e) => e.date === date);

const correct = async (body: Record<string, unknown>, as?: Auth) => ctx.client.post('/api/attendance/corrections', body, as ?? (await manager()));

async function verify() {
  const reply = await ctx.client.get('/api/audit/verify', await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

test('a forgotten check-out is added with a reason; the hours count and the entry says who and why', async () => {
  const person = await asha();
  await punch(person, '2026-11-23T08:58:00Z');
  assert.equal((await entryOn('2026-11-23')).outcome, 'missing_check_out');

  const added = await correct({ staff: person.staffId, shiftId: person.shiftIds.Monday, date: '2026-11-23', kind: 'check_out', at: '2026-11-23T17:00:00Z', reason: 'Forgot to check out' });
  assert.equal(added.status, 201, added.text);
  assert.deepEqual({ source: added.body.source, supersedes: added.body.supersedes, reason: added.body.reason }, { source: 'manager', supersedes: null, reason: 'Forgot to check out' });

  const monday = await entryOn('2026-11-23');
  assert.deepEqual(
    { outcome: monday.outcome, worked: monday.workedMinutes, regular: monday.regularMinutes, by: monday.correctedBy.username, reason: monday.reason },
    { outcome: 'complete', worked: 482, regular: 482, by: 'manager', reason: 'Forgot to check out' },
  );
  assert.equal(monday.checkOut.final.id, added.body.id);
  const entries = await ctx.client.get('/api/audit/?entity=attendance', await manager());
  assert.deepEqual(entries.body.entries.map((e: { action: string }) => e.action), ['attendance.added', 'attendance.captured']);
  assert.equal((await verify()).ok, true);
});

test('a wrong check-in is superseded, not edited: the original stays in the history and in the list of punches', async () => {
  const person = await asha();
  const original = await punch(person, '2026-11-23T08:58:00Z');
  await punch(person, '2026-11-23T17:02:00Z');
  const fixed = await correct({ staff: person.staffId, shiftId: person.shiftIds.Monday, date: '2026-11-23', kind: 'check_in', at: '2026-11-23T09:30:00Z', reason: 'Checked in for a colleague first' });
  assert.equal(fixed.status, 201, fixed.text);
  assert.equal(fixed.body.supersedes, original);
  assert.equal(fixed.body.status, 'late');

  const monday = await entryOn('2026-11-23');
  assert.equal(monday.checkIn.original.at, '2026-11-23T08:58:00.000Z');
  assert.equal(monday.checkIn.final.at, '2026-11-23T09:30:00.000Z');
  assert.deepEqual(monday.checkIn.history.map((p: { id: number }) => p.id), [original, fixed.body.id]);
  assert.equal(monday.workedMinutes, 452);
  assert.equal(monday.late, true);
  const punches = await ctx.client.get('/api/attendance/', await manager());
  assert.equal(punches.body.length, 3);
  assert.ok(punches.body.some((p: { id: number; timestamp: string }) => p.id === original && p.timestamp === '2026-11-23T08:58:00.000Z'));

  // Superseding again must name the latest version when it names one.
  const stale = await correct({ staff: person.staffId, shiftId: person.shiftIds.Monday, date: '2026-11-23', kind: 'check_in', at: '2026-11-23T09:00:00Z', reason: 'Again', supersedes: original });
  assertError(stale, 409, 'punch_changed');
});

test('a voided check-in leaves a check-out without a check-in: kept, no hours, needing attention', async () => {
  const person = await asha();
  const checkIn = await punch(person, '2026-11-23T08:58:00Z');
  await punch(person, '2026-11-23T17:02:00Z');
  const voided = await ctx.client.post(`/api/attendance/${checkIn}/void`, { reason: 'Not her: the photo shows someone else' }, await manager());
  assert.equal(voided.status, 200, voided.text);
  const monday = await entryOn('2026-11-23');
  assert.deepEqual({ outcome: monday.outcome, final: monday.checkIn.final, worked: monday.workedMinutes }, { outcome: 'missing_check_in', final: null, worked: 0 });
  assert.equal(monday.checkIn.original.voided.reason, 'Not her: the photo shows someone else');
  assertError(await ctx.client.post(`/api/attendance/${checkIn}/void`, { reason: 'Twice' }, await manager()), 409, 'already_voided');

  const exceptions = await ctx.client.get(`/api/exceptions/?from=${lastWeek.from}&to=${lastWeek.to}`, await manager());
  assert.equal(exceptions.status, 200, exceptions.text);
  assert.deepEqual(
    exceptions.body.filter((e: { date: string }) => e.date === '2026-11-23').map((e: { type: string }) => e.type),
    ['missing_check_in'],
  );
  assert.equal((await verify()).ok, true);
});

test('after a void the person can punch again: the new punch continues the chain', async () => {
  const person = await asha();
  const first = await punch(person, '2026-11-30T08:58:00Z');
  assert.equal((await ctx.client.post(`/api/attendance/${first}/void`, { reason: 'Checked in for someone else' }, await manager())).status, 200);
  photo = toBase64(await makeFrame(320, 240));
  const again = await captureAt(ctx, person, '2026-11-30T09:03:00Z', photo);
  assert.equal(again.status, 201, again.text);
  assert.equal(again.body.supersedes, first);
  // A repeat now returns that punch rather than a third.
  const repeat = await captureAt(ctx, person, '2026-11-30T09:04:00Z', photo);
  assert.deepEqual({ status: repeat.status, id: repeat.body.id }, { status: 200, id: again.body.id });
  ctx.server.clock.set('2026-11-30T12:00:00Z');
  const today = (await timesheet({ from: '2026-11-30', to: '2026-11-30' }))[0];
  assert.deepEqual(today.checkIn.history.map((p: { id: number }) => p.id), [first, again.body.id]);
  assert.equal((await verify()).ok, true);
});

test('an absence excuses a missed day; removing it needs a reason and brings the miss back', async () => {
  const person = await asha();
  assert.equal((await entryOn('2026-11-24')).outcome, 'missed');
  const body = { staff: person.staffId, shiftId: person.shiftIds.Tuesday, date: '2026-11-24', type: 'sick', note: 'Called in with flu' };
  const absence = await ctx.client.post('/api/absences/', body, await manager());
  assert.equal(absence.status, 201, absence.text);
  const tuesday = await entryOn('2026-11-24');
  assert.deepEqual({ outcome: tuesday.outcome, absence: tuesday.absence }, { outcome: 'excused', absence: { id: absence.body.id, type: 'sick', note: 'Called in with flu' } });
  assertError(await ctx.client.post('/api/absences/', body, await manager()), 409, 'absence_exists');
  assertFieldError(await ctx.client.post('/api/absences/', { ...body, type: 'holiday' }, await manager()), 'type');

  assertFieldError(await ctx.client.request('DELETE', `/api/absences/${absence.body.id}/`, {}, await manager()), 'reason');
  const removed = await ctx.client.request('DELETE', `/api/absences/${absence.body.id}/`, { reason: 'Entered for the wrong day' }, await manager());
  assert.equal(removed.status, 204, removed.text);
  assert.equal((await entryOn('2026-11-24')).outcome, 'missed');
  assert.equal((await verify()).ok, true);
});

test('an approved week is locked until reopened with a reason', async () => {
  const person = await asha();
  const checkIn = await punch(person, '2026-11-25T09:20:00Z');
  const approved = await ctx.client.post('/api/timesheets/approve', lastWeek, await manager());
  assert.equal(approved.status, 201, approved.text);
  assert.deepEqual(approved.body.approved, [person.staffId]);
  assert.ok((await timesheet()).every((e) => e.approved));
  assertError(await ctx.client.post('/api/timesheets/approve', lastWeek, await manager()), 409, 'period_approved');

  const checkOut = { staff: person.staffId, shiftId: person.shiftIds.Wednesday, date: '2026-11-25', kind: 'check_out', at: '2026-11-25T17:00:00Z', reason: 'Forgot' };
  assertError(await correct(checkOut), 409, 'period_approved');
  assertError(await ctx.client.post(`/api/attendance/${checkIn}/void`, { reason: 'x' }, await manager()), 409, 'period_approved');
  assertError(
    await ctx.client.post('/api/absences/', { staff: person.staffId, shiftId: person.shiftIds.Tuesday, date: '2026-11-24', type: 'leave', note: '' }, await manager()),
    409,
    'period_approved',
  );

  assertFieldError(await ctx.client.post('/api/timesheets/reopen', lastWeek, await manager()), 'reason');
  const reopened = await ctx.client.post('/api/timesheets/reopen', { ...lastWeek, reason: 'Wednesday check-out was missing' }, await manager());
  assert.equal(reopened.status, 200, reopened.text);
  assertError(await ctx.client.post('/api/timesheets/reopen', { ...lastWeek, reason: 'Again' }, await manager()), 409, 'not_approved');
  assert.equal((await correct(checkOut)).status, 201);
  const actions = (await ctx.client.get('/api/audit/?entity=approval', await manager())).body.entries.map((e: { action: string }) => e.action);
  assert.deepEqual(actions, ['timesheet.reopened', 'timesheet.approved']);
  assert.equal((await verify()).ok, true);
});

// Each names the punch they saw, as the admin app does: whichever lands second is correcting a punch that is no longer current.
test('two managers correcting the same punch at once: one wins, the other hears 409, the chain stays whole', async () => {
  const person = await asha();
  const original = await punch(person, '2026-11-23T08:58:00Z');
  const second = await registerAndSignIn(ctx.client, 'second-manager', 'Manager', ctx.manager.token);
  const body = (minute: string) => ({ staff: person.staffId, shiftId: person.shiftIds.Monday, date: '2026-11-23', kind: 'check_in', at: `2026-11-23T09:${minute}:00Z`, reason: 'Fix', supersedes: original });
  const replies = await Promise.all([correct(body('00'), await manager()), correct(body('01'), await ctx.auth(second))]);
  assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409], replies.map((r) => r.text).join('\n'));
  assertError(replies.find((r) => r.status === 409)!, 409, 'punch_changed');
  assert.equal((await entryOn('2026-11-23')).checkIn.history.length, 2);
  assert.equal((await verify()).ok, true);
});

test('corrections that make no sense are refused with a sentence and change nothing', async () => {
  const person = await asha();
  await punch(person, '2026-11-23T08:58:00Z');
  const base = { staff: person.staffId, shiftId: person.shiftIds.Monday, date: '2026-11-23', kind: 'check_out', at: '2026-11-23T17:00:00Z', reason: 'Forgot' };
  const other = await createStaffMember(ctx.client, ctx.manager, 'bo', { since: '2026-11-16' });
  const before = await verify();
  assertFieldError(await correct({ ...base, at: '2026-12-01T17:00:00Z' }), 'at');
  assertFieldError(await correct({ ...base, at: '2026-11-23T08:00:00Z' }), 'at');
  assertFieldError(await correct({ ...base, at: '2026-11-20T17:00:00Z' }), 'at');
  assertFieldError(await correct({ ...base, at: 'five o’clock' }), 'at');
  assertFieldError(await correct({ ...base, reason: '   ' }), 'reason');
  assertFieldError(await correct({ ...base, kind: 'lunch' }), 'kind');
  assertFieldError(await correct({ ...base, date: '2026-11-28' }), 'shiftId');
  assertFieldError(await correct({ ...base, shiftId: 999999 }), 'shiftId');
  assertFieldError(await correct({ ...base, staff: other.staffId }), 'staff');
  assertError(await correct(base, await ctx.auth(person)), 403, 'forbidden');
  assertError(await ctx.client.post('/api/attendance/corrections', base), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/attendance/999999/void', { reason: 'x' }, await manager()), 404, 'not_found');
  assert.deepEqual(await verify(), before);
});

test('the CSV exports end with the ledger head that verify reports; payroll has one row per person', async () => {
  const person = await asha();
  await punch(person, '2026-11-23T08:58:00Z');
  await punch(person, '2026-11-23T17:02:00Z');
  await ctx.client.patch('/api/settings/', { break_minutes: 30, break_after_hours: 6 }, await manager());
  const { head } = await verify();
  const sheet = await ctx.client.get(`/api/timesheets.csv?from=${lastWeek.from}&to=${lastWeek.to}`, await manager());
  const lines = sheet.text.trimEnd().split('\n');
  assert.equal(lines.at(-1), `# ledger head: entry ${(await verify()).entries}, ${head}`);
  assert.match(lines[1]!, /^\d+,asha,2026-11-23,2026-11-23 09:00,2026-11-23 17:00,2026-11-23 08:58,2026-11-23 17:02,on_time,7\.57,complete,2026-11-23 08:58,2026-11-23 17:02,484,30,454,0,no,,$/);

  const payroll = await ctx.client.get(`/api/payroll.csv?from=${lastWeek.from}&to=${lastWeek.to}`, await manager());
  assert.equal(payroll.status, 200, payroll.text);
  const rows = payroll.text.trimEnd().split('\n');
  assert.equal(rows[0], 'staff_id,staff,from,to,shifts,worked,late,missed,excused,needs_attention,worked_hours,break_hours,regular_hours,overtime_hours,paid_hours,approved');
  assert.equal(rows[1], `${person.staffId},asha,2026-11-23,2026-11-29,5,1,0,4,0,0,8.07,0.50,7.57,0.00,7.57,no`);
  assert.equal(rows.at(-1), `# ledger head: entry ${(await verify()).entries}, ${head}`);
  assert.equal(rows.length, 3);
});

test('the ledger refuses UPDATE and DELETE, on the embedded database as on PostgreSQL', async () => {
  const person = await asha();
  await punch(person, '2026-11-23T08:58:00Z');
  const { db } = ctx.server.database;
  // drizzle wraps the database's error; the trigger's sentence is its cause.
  const refused = (operation: string) => (error: Error) => new RegExp(`append-only: ${operation} of entry 1 refused`).test(String((error.cause as Error | undefined)?.message));
  await assert.rejects(db.execute(sql`update ledger set actor = 'system' where seq = 1`), refused('UPDATE'));
  await assert.rejects(db.execute(sql`delete from ledger where seq = 1`), refused('DELETE'));
  assert.equal((await verify()).ok, true);
});

test('the audit log and verify are for managers only', async () => {
  const person = await asha();
  for (const path of ['/api/audit/', '/api/audit/verify', `/api/exceptions/?from=${lastWeek.from}&to=${lastWeek.to}`, `/api/payroll.csv?from=${lastWeek.from}&to=${lastWeek.to}`]) {
    assertError(await ctx.client.get(path, await ctx.auth(person)), 403, 'forbidden');
    assertError(await ctx.client.get(path), 401, 'unauthorized');
  }
  assertError(await ctx.client.post('/api/timesheets/approve', lastWeek, await ctx.auth(person)), 403, 'forbidden');
  // Staff read their own hours, and only theirs.
  const own = await ctx.client.get(`/api/timesheets/?from=${lastWeek.from}&to=${lastWeek.to}`, await ctx.auth(person));
  assert.equal(own.status, 200, own.text);
  assert.ok(own.body.length > 0 && own.body.every((e: { staff: number }) => e.staff === person.staffId));
  const other = await createStaffMember(ctx.client, ctx.manager, 'bo', { since: '2026-11-16' });
  assertError(await ctx.client.get(`/api/timesheets/?from=${lastWeek.from}&to=${lastWeek.to}&staff=${other.staffId}`, await ctx.auth(person)), 403, 'forbidden');
});

test('API check-ins need a look only where the site has a kiosk; accepted, they leave the queue', async () => {
  const person = await asha();
  await punch(person, '2026-11-23T08:58:00Z');
  const typesOn23 = async () =>
    (await ctx.client.get(`/api/exceptions/?from=${lastWeek.from}&to=${lastWeek.to}`, await manager())).body
      .filter((e: { date: string }) => e.date === '2026-11-23')
      .map((e: { type: string }) => e.type);
  assert.deepEqual(await typesOn23(), ['missing_check_out']);
  const code = await ctx.client.post('/api/kiosks/pairing-codes', {}, await manager());
  assert.equal((await ctx.client.post('/api/kiosks/pair', { code: code.body.code, name: 'Front desk' })).status, 201);
  assert.deepEqual(await typesOn23(), ['missing_check_out', 'api_check_in']);
  const accepted = await ctx.client.post('/api/exceptions/accept', { shiftId: person.shiftIds.Monday, date: '2026-11-23', type: 'api_check_in', note: 'Kiosk was down' }, await manager());
  assert.equal(accepted.status, 201, accepted.text);
  assert.deepEqual(await typesOn23(), ['missing_check_out']);
  assertError(await ctx.client.post('/api/exceptions/accept', { shiftId: person.shiftIds.Monday, date: '2026-11-23', type: 'api_check_in', note: 'Again' }, await manager()), 409, 'already_accepted');
  assertFieldError(await ctx.client.post('/api/exceptions/accept', { shiftId: person.shiftIds.Monday, date: '2026-11-23', type: 'missed', note: 'x' }, await manager()), 'type');
});

test('pay and hours settings: validated, off by default, and the pay period follows them', async () => {
  const person = await asha();
  const settings = async (body: Record<string, unknown>) => ctx.client.patch('/api/settings/', body, await manager());
  const refused: [string, unknown][] = [
    ['rounding_minutes', 7], ['rounding_minutes', '5'], ['break_minutes', 181], ['break_minutes', -1],
    ['break_after_hours', 25], ['break_after_hours', 6.1], ['overtime_daily_hours', 0], ['overtime_weekly_hours', 169],
    ['week_starts_on', 'Funday'], ['week_starts_on', 3], ['pay_period', 'yearly'], ['pay_period_anchor', '2026-02-30'],
  ];
  for (const [field, value] of refused) assertFieldError(await settings({ [field]: value }), field);
  assertFieldError(await settings({ break_minutes: 30, break_after_hours: null }), 'break_after_hours');
  const saved = await settings({ rounding_minutes: 15, break_minutes: 30, break_after_hours: 6, overtime_daily_hours: 7.5, overtime_weekly_hours: 40, week_starts_on: 'sunday', pay_period: 'fortnightly', pay_period_anchor: '2026-11-16' });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(
    [saved.body.rounding_minutes, saved.body.break_minutes, saved.body.break_after_hours, saved.body.overtime_daily_hours, saved.body.overtime_weekly_hours, saved.body.week_starts_on, saved.body.pay_period],
    [15, 30, 6, 7.5, 40, 'Sunday', 'fortnightly'],
  );
  // Anyone signed in may ask which pay period a date is in.
  const period = await ctx.client.get('/api/timesheets/period', await ctx.auth(person));
  assert.deepEqual(period.body, { from: '2026-11-30', to: '2026-12-13', payPeriod: 'fortnightly' });
  assert.deepEqual((await ctx.client.get('/api/timesheets/period?date=2026-11-29', await ctx.auth(person))).body, { from: '2026-11-16', to: '2026-11-29', payPeriod: 'fortnightly' });
  assertError(await ctx.client.get('/api/timesheets/period'), 401, 'unauthorized');
  assertFieldError(await ctx.client.get('/api/timesheets/period?date=someday', await ctx.auth(person)), 'date');
});

test.run();
