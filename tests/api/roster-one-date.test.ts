/**
 * One-date changes beyond reassign and cancel: other times for one
 * occurrence (`PATCH /api/roster/occurrence` with `start` and `end`), and a
 * one-off shift for one person on one date (`POST /api/roster/one-off`,
 * `DELETE /api/roster/one-off/:id`). Both get check-in windows like any other
 * occurrence, obey the schedule rules, leave other dates alone and write the
 * ledger. Organisation time zone America/New_York: Monday 09:00 is 14:00Z.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// Friday 20 November 2026, 10:00 in New York.
const ctx = useApiSuite(test, { now: '2026-11-20T15:00:00Z', timezone: 'America/New_York' });
let asha: StaffAccount;
let ashaMonday: number;

const monday = '2026-11-23';
const wednesday = '2026-11-25';

test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const shifts = await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await ctx.auth(ctx.manager));
  ashaMonday = shifts.body[0].id;
});

async function patch(body: Record<string, unknown>, account: Account = ctx.manager): Promise<Reply> {
  return ctx.client.patch('/api/roster/occurrence', body, await ctx.auth(account));
}

async function addOneOff(body: Record<string, unknown>, account: Account = ctx.manager): Promise<Reply> {
  return ctx.client.post('/api/roster/one-off', body, await ctx.auth(account));
}

/** The manager's roster for Monday 23 to Monday 30 as [date, shift, staff, start, end]. */
async function week(): Promise<[string, number, number, string, string][]> {
  const reply = await ctx.client.get('/api/roster/?from=2026-11-23&to=2026-11-30', await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((entry: any) => [entry.date, entry.shiftId, entry.staff, entry.start, entry.end]);
}

async function ledgerEntries(entity: string): Promise<{ action: string; data: any }[]> {
  const reply = await ctx.client.get(`/api/audit/?entity=${encodeURIComponent(entity)}`, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
  return reply.body.entries;
}

async function checkIn(account: StaffAccount, at: string): Promise<Reply> {
  ctx.server.clock.set(at);
  const frame = toBase64(await makeFrame(320 + Math.floor(Math.random() * 200), 240));
  return ctx.client.post('/api/attendance/', { staff: account.staffId, captured_image: frame }, await ctx.auth(account));
}

test('other times for one date: the roster and its windows move, other dates do not; null times restore the template', async () => {
  const before = await week();
  const reply = await patch({ shiftId: ashaMonday, date: monday, start: '10:30', end: '19:00' });
  assert.equal(reply.status, 200, reply.text);
  const { occurrence } = reply.body;
  assert.deepEqual([occurrence.start, occurrence.end, occurrence.retimed, occurrence.reassigned, occurrence.staff], ['2026-11-23T10:30:00.000-05:00', '2026-11-23T19:00:00.000-05:00', true, false, asha.staffId]);
  assert.deepEqual(occurrence.checkIn, { opensAt: '2026-11-23T09:30:00.000-05:00', closesAt: '2026-11-23T11:30:00.000-05:00' });
  assert.deepEqual(await week(), [[monday, ashaMonday, asha.staffId, occurrence.start, occurrence.end], before[1]]);

  const [entry] = await ledgerEntries(`occurrence:${ashaMonday}@${monday}`);
  assert.equal(entry!.action, 'roster.occurrence_changed');
  assert.deepEqual(entry!.data, { shiftId: ashaMonday, date: monday, change: 'retimed', staffId: asha.staffId, previousStaffId: asha.staffId, start: '10:30:00', end: '19:00:00', previousStart: '09:00:00', previousEnd: '17:00:00' });

  const restored = await patch({ shiftId: ashaMonday, date: monday, start: null, end: null });
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.body.occurrence.retimed, false);
  assert.deepEqual(await week(), before);
  assert.equal((await ledgerEntries(`occurrence:${ashaMonday}@${monday}`))[0]!.data.change, 'restored');
});

test('the check-in window follows the new times: 10:25 counts for a 10:30 start, and would not have for 09:00', async () => {
  ok(await patch({ shiftId: ashaMonday, date: monday, start: '10:30', end: '19:00' }));
  const reply = await checkIn(asha, '2026-11-23T15:25:00Z');
  assert.equal(reply.status, 201, reply.text);
  // The timesheet holds the day's times, not the template's: on time, not late.
  const records = await ctx.client.get(`/api/timesheets/?from=${monday}&to=${monday}`, await ctx.auth(ctx.manager));
  assert.equal(records.status, 200, records.text);
  assert.deepEqual(records.body.map((entry: any) => [entry.start, entry.end, entry.late]), [['2026-11-23T10:30:00.000-05:00', '2026-11-23T19:00:00.000-05:00', false]]);
});

test('given to someone else with other times at once; then back to the usual person keeps the times', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const both = await patch({ shiftId: ashaMonday, date: monday, assignee: ben.staffId, start: '12:00', end: '20:00' });
  assert.equal(both.status, 200, both.text);
  assert.deepEqual([both.body.occurrence.staff, both.body.occurrence.start, both.body.occurrence.reassigned], [ben.staffId, '2026-11-23T12:00:00.000-05:00', true]);
  const back = await patch({ shiftId: ashaMonday, date: monday, assignee: null });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual([back.body.occurrence.staff, back.body.occurrence.start, back.body.occurrence.retimed], [asha.staffId, '2026-11-23T12:00:00.000-05:00', true]);
  const [latest] = await ledgerEntries(`occurrence:${ashaMonday}@${monday}`);
  assert.deepEqual([latest!.data.change, latest!.data.staffId, latest!.data.previousStaffId, latest!.data.start], ['reassigned', asha.staffId, ben.staffId, undefined]);
});

test('new times that overlap the person’s other shift, or leave too little rest, are a 409 naming both; nothing changes', async () => {
  const evening = await addOneOff({ staff: asha.staffId, date: monday, start: '18:00', end: '22:00' });
  assert.equal(evening.status, 201, evening.text);
  const before = await week();
  const overlap = await patch({ shiftId: ashaMonday, date: monday, start: '12:00', end: '19:00' });
  assertError(overlap, 409, 'shift_overlap');
  assert.match(overlap.body.error.message, /asha would work Monday 23 November 12:00–19:00 and Monday 23 November 18:00–22:00, which overlap/);

  ok(await ctx.client.patch('/api/settings/', { min_rest_hours: 11 }, await ctx.auth(ctx.manager)));
  const rest = await addOneOff({ staff: asha.staffId, date: '2026-11-24', start: '06:00', end: '10:00' });
  assertError(rest, 409, 'rest_too_short');
  assert.match(rest.body.error.message, /only 8 hours of rest.*minimum is 11 hours/);
  assert.deepEqual(await week(), before);
});

test('a one-off shift: in the roster marked with its note, not in the weekly template, and it opens a check-in window', async () => {
  const before = await week();
  const reply = await addOneOff({ staff: asha.staffId, date: wednesday, start: '07:00', end: '11:00', note: '  Stocktake ' });
  assert.equal(reply.status, 201, reply.text);
  const { id, occurrence } = reply.body;
  assert.deepEqual(
    [occurrence.shiftId, occurrence.staff, occurrence.date, occurrence.start, occurrence.end, occurrence.oneOff, occurrence.note],
    [id, asha.staffId, wednesday, '2026-11-25T07:00:00.000-05:00', '2026-11-25T11:00:00.000-05:00', true, 'Stocktake'],
  );
  assert.deepEqual(await week(), [before[0], [wednesday, id, asha.staffId, occurrence.start, occurrence.end], before[1]]);
  const template = await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await ctx.auth(ctx.manager));
  assert.deepEqual(template.body.map((shift: { id: number }) => shift.id), [ashaMonday]);
  assertError(await ctx.client.get(`/api/shifts/${id}/`, await ctx.auth(ctx.manager)), 404, 'not_found');
  const [added] = await ledgerEntries(`shift:${id}`);
  assert.deepEqual([added!.action, added!.data], ['shift.one_off_added', { staffId: asha.staffId, date: wednesday, start: '07:00:00', end: '11:00:00', note: 'Stocktake' }]);

  const early = await checkIn(asha, '2026-11-25T11:50:00Z'); // 06:50 in New York: inside the window.
  assert.equal(early.status, 201, early.text);
  assert.equal(early.body.shift, id);
});

test('a one-off shift is refused on a weekly day off, over another shift, in the past, before the person starts, for an inactive person', async () => {
  const before = await week();
  const dayOff = await addOneOff({ staff: asha.staffId, date: '2026-11-28', start: '09:00', end: '13:00' });
  assertError(dayOff, 409, 'shift_on_weekly_off');
  assert.match(dayOff.body.error.message, /asha has Saturday off every week/);
  const overlap = await addOneOff({ staff: asha.staffId, date: monday, start: '16:00', end: '20:00' });
  assertError(overlap, 409, 'shift_overlap');
  fieldError(await addOneOff({ staff: asha.staffId, date: '2026-11-19', start: '09:00', end: '13:00' }), 'date', /past/);
  const later = await createStaffMember(ctx.client, ctx.manager, 'later', { since: '2026-12-01' });
  fieldError(await addOneOff({ staff: later.staffId, date: wednesday, start: '09:00', end: '13:00' }), 'date', /before later starts/);
  const gone = await createStaffMember(ctx.client, ctx.manager, 'gone');
  ok(await ctx.client.patch(`/api/staff/${gone.staffId}/`, { active: false }, await ctx.auth(ctx.manager)));
  assertError(await addOneOff({ staff: gone.staffId, date: wednesday, start: '09:00', end: '13:00' }), 409, 'staff_inactive');
  assert.deepEqual(await week(), before);
});

test('bad bodies are 400 with a sentence and change nothing', async () => {
  const before = await week();
  const good = { staff: asha.staffId, date: wednesday, start: '07:00', end: '11:00' };
  fieldError(await addOneOff({ ...good, staff: 9999 }), 'staff', /no staff member/);
  fieldError(await addOneOff({ ...good, start: '25:00' }), 'start', /not a time of day/);
  fieldError(await addOneOff({ ...good, end: 7 }), 'end', /must be a time/);
  fieldError(await addOneOff({ ...good, date: '25/11/2026' }), 'date', /YYYY-MM-DD/);
  fieldError(await addOneOff({ ...good, note: 'x'.repeat(201) }), 'note', /at most 200/);
  fieldError(await addOneOff({ ...good, note: 5 }), 'note', /text/);
  assertError(await addOneOff({ date: wednesday }), 400, 'validation_failed');
  const startOnly = await patch({ shiftId: ashaMonday, date: monday, start: '10:00' });
  assertError(startOnly, 400, 'validation_failed');
  assert.match(startOnly.body.error.message, /"start" and "end" together/);
  fieldError(await patch({ shiftId: ashaMonday, date: monday, start: '9am', end: '5pm' }), 'start', /not a time of day/);
  assertError(await patch({ shiftId: ashaMonday, date: monday, cancelled: true, start: '10:00', end: '18:00' }), 400, 'validation_failed');
  assertError(await patch({ shiftId: ashaMonday, date: '2026-11-24', start: '10:00', end: '18:00' }), 400, 'validation_failed');
  assertError(await ctx.client.delete('/api/roster/one-off/9999', await ctx.auth(ctx.manager)), 404, 'not_found');
  assertError(await ctx.client.delete(`/api/roster/one-off/${ashaMonday}`, await ctx.auth(ctx.manager)), 404, 'not_found');
  assertError(await ctx.client.delete('/api/roster/one-off/abc', await ctx.auth(ctx.manager)), 400, 'validation_failed');
  assert.deepEqual(await week(), before);
});

test('removing a one-off shift: gone from the roster with a ledger entry; refused once someone checked in', async () => {
  const before = await week();
  const added = await addOneOff({ staff: asha.staffId, date: wednesday, start: '07:00', end: '11:00' });
  assert.equal(added.status, 201, added.text);
  const removed = await ctx.client.delete(`/api/roster/one-off/${added.body.id}`, await ctx.auth(ctx.manager));
  assert.equal(removed.status, 204, removed.text);
  assert.deepEqual(await week(), before);
  assert.deepEqual((await ledgerEntries(`shift:${added.body.id}`)).map((e) => e.action), ['shift.one_off_removed', 'shift.one_off_added']);

  const kept = await addOneOff({ staff: asha.staffId, date: wednesday, start: '07:00', end: '11:00' });
  assert.equal((await checkIn(asha, '2026-11-25T12:05:00Z')).status, 201);
  const refused = await ctx.client.delete(`/api/roster/one-off/${kept.body.id}`, await ctx.auth(ctx.manager));
  assertError(refused, 409, 'already_checked_in');
  assert.match(refused.body.error.message, /Wednesday 25 November 07:00–11:00/);
});

/** A 400 with a message on `field` that says `pattern`. */
function fieldError(reply: Reply, field: string, pattern: RegExp): void {
  assertFieldError(reply, field);
  assert.match(reply.body.error.fields[field].join(' '), pattern, reply.text);
}

function ok(reply: Reply): Reply {
  assert.ok(reply.status < 300, reply.text);
  return reply;
}

test.run();
