/**
 * The template is dated: a change takes effect from a date (today unless
 * `effective_from` says otherwise) and every earlier date keeps the shift it
 * had; nobody is scheduled before they started or after they were
 * deactivated. Checked through the roster and the timesheet CSV, in UTC,
 * with the clock on Monday 30 November 2026 at noon.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, type StaffAccount } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { now: '2026-11-30T12:00:00Z', timezone: 'UTC' });
const lastWeek = { from: '2026-11-23', to: '2026-11-29' };

/** Signs in again when needed: a test moves the clock past the access token's life. */
const manager = () => ctx.auth(ctx.manager);
const csv = async (range: { from: string; to: string }) => {
  const reply = await ctx.client.get(`/api/timesheets.csv?from=${range.from}&to=${range.to}`, await manager());
  assert.equal(reply.status, 200, reply.text);
  // The last line names the ledger's head, which moves with every change (the edit itself is one); the rows are what must not.
  const lines = reply.text.trimEnd().split('\n');
  assert.match(lines.at(-1)!, /^# ledger head: entry \d+, [0-9a-f]{64}$/);
  return lines.slice(0, -1).join('\n');
};
/** The roster's shifts of one person as "date start–end", local UTC times. */
async function rosterOf(person: StaffAccount, from: string, to: string): Promise<string[]> {
  const reply = await ctx.client.get(`/api/roster/?from=${from}&to=${to}&staff=${person.staffId}`, await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body.map((o: { date: string; start: string; end: string }) => `${o.date} ${o.start.slice(11, 16)}–${o.end.slice(11, 16)}`);
}

/** Asha works weekdays 09:00–17:00 and has since 16 November. */
async function asha(): Promise<StaffAccount & { shiftIds: number[] }> {
  const person = await createStaffMember(ctx.client, ctx.manager, 'asha', {
    since: '2026-11-16',
    shifts: ['Monday', 'Tuesday', 'Wednesday'].map((day) => ({ day, start: '09:00', end: '17:00' })),
  });
  const shifts = await ctx.client.get(`/api/shifts/?staff=${person.staffId}`, await manager());
  return { ...person, shiftIds: shifts.body.map((s: { id: number }) => s.id) };
}

test('a shift edited today leaves last week byte-identical and changes today on', async () => {
  const person = await asha();
  const before = await csv(lastWeek);
  const monday = person.shiftIds[0]!;
  const edited = await ctx.client.patch(`/api/shifts/${monday}/`, { shift_start: '10:00', shift_end: '18:00' }, await manager());
  assert.equal(edited.status, 200, edited.text);
  assert.deepEqual({ id: edited.body.id, start: edited.body.shift_start, from: edited.body.valid_from }, { id: monday, start: '10:00:00', from: '2026-11-30' });
  assert.equal(await csv(lastWeek), before);
  assert.deepEqual(await rosterOf(person, '2026-11-23', '2026-11-30'), ['2026-11-23 09:00–17:00', '2026-11-24 09:00–17:00', '2026-11-25 09:00–17:00', '2026-11-30 10:00–18:00']);
});

test('a change with a later effective_from keeps the old times until then', async () => {
  const person = await asha();
  const tuesday = person.shiftIds[1]!;
  const edited = await ctx.client.patch(`/api/shifts/${tuesday}/`, { shift_end: '13:00', effective_from: '2026-12-08' }, await manager());
  assert.equal(edited.status, 200, edited.text);
  assert.deepEqual(
    (await rosterOf(person, '2026-12-01', '2026-12-09')).filter((line) => ['2026-12-01', '2026-12-08'].includes(line.slice(0, 10))),
    ['2026-12-01 09:00–17:00', '2026-12-08 09:00–13:00'],
  );
  // The template shows the shift as it is today.
  const today = await ctx.client.get(`/api/shifts/${tuesday}/`, await manager());
  assert.deepEqual({ end: today.body.shift_end, to: today.body.valid_to }, { end: '17:00:00', to: '2026-12-07' });
});

test('removing a shift from a date ends it the day before; earlier dates keep it', async () => {
  const person = await asha();
  const wednesday = person.shiftIds[2]!;
  const removed = await ctx.client.delete(`/api/shifts/${wednesday}/?effective_from=2026-12-09`, await manager());
  assert.equal(removed.status, 204, removed.text);
  const wednesdays = (await rosterOf(person, '2026-11-25', '2026-12-16')).filter((line) => ['2026-11-25', '2026-12-02', '2026-12-09', '2026-12-16'].includes(line.slice(0, 10)));
  assert.deepEqual(wednesdays, ['2026-11-25 09:00–17:00', '2026-12-02 09:00–17:00']);
  // Removed from today, with nothing recorded: the shift is gone from the template.
  assert.equal((await ctx.client.delete(`/api/shifts/${person.shiftIds[0]}/`, await manager())).status, 204);
  assert.equal((await ctx.client.get(`/api/shifts/${person.shiftIds[0]}/`, await manager())).status, 404);
});

test('a staff member created today has no occurrences before today', async () => {
  const newcomer = await createStaffMember(ctx.client, ctx.manager, 'newcomer', { shifts: [{ day: 'Monday', start: '06:00', end: '14:00' }] });
  assert.deepEqual(await rosterOf(newcomer, '2026-11-16', '2026-12-07'), ['2026-11-30 06:00–14:00', '2026-12-07 06:00–14:00']);
  assert.doesNotMatch(await csv(lastWeek), /newcomer/);
  // Onboarding existing staff: a manager sets when they started, and the template from when it ran.
  const started = await ctx.client.patch(`/api/staff/${newcomer.staffId}/`, { started_on: '2026-11-01' }, await manager());
  assert.equal(started.body.started_on, '2026-11-01');
  assert.deepEqual(await rosterOf(newcomer, '2026-11-16', '2026-11-30'), ['2026-11-30 06:00–14:00']);
});

test('deactivated staff keep their past rows and have none from the day they left', async () => {
  const person = await asha();
  const before = await csv(lastWeek);
  assert.match(before, /asha/);
  const deactivated = await ctx.client.patch(`/api/staff/${person.staffId}/`, { active: false }, await manager());
  assert.equal(deactivated.status, 200, deactivated.text);
  assert.equal(await csv(lastWeek), before);
  assert.deepEqual(await rosterOf(person, '2026-11-30', '2026-12-08'), []);
  // Back a week later: the week away stays empty, the days from their return are scheduled again.
  ctx.server.clock.set('2026-12-07T08:00:00Z');
  assert.equal((await ctx.client.patch(`/api/staff/${person.staffId}/`, { active: true }, await manager())).status, 200);
  assert.deepEqual(await rosterOf(person, '2026-11-30', '2026-12-08'), ['2026-12-07 09:00–17:00', '2026-12-08 09:00–17:00']);
});

test('effective_from and started_on must be real dates in the accepted years', async () => {
  const person = await asha();
  assertFieldError(await ctx.client.patch(`/api/shifts/${person.shiftIds[0]}/`, { shift_start: '08:00', effective_from: '2026-02-30' }, await manager()), 'effective_from');
  assertFieldError(await ctx.client.post('/api/shifts/', { staff: person.staffId, day_of_week: 'Thursday', shift_start: '09:00', shift_end: '17:00', effective_from: '1999-12-31' }, await manager()), 'effective_from');
  assertFieldError(await ctx.client.patch(`/api/staff/${person.staffId}/`, { started_on: 'soon' }, await manager()), 'started_on');
  assert.deepEqual(await rosterOf(person, '2026-11-30', '2026-11-30'), ['2026-11-30 09:00–17:00']);
});

test.run();
