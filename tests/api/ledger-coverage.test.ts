/**
 * Every change other than punches writes its ledger entry, in the
 * transaction that makes it (DESIGN.md, "Timesheets, corrections and the
 * ledger", Ledger): staff profiles and PINs, accounts, template shifts,
 * one-date overrides, swaps, settings, kiosks, and a manager's photo views.
 * Each change goes through the HTTP API; the `ledger` table is read directly,
 * in seq order. A refused change adds nothing, and no entry holds a PIN, a
 * password, a hash of either, or a token. Monday 23 November 2026, 08:55 UTC.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, desc, gt } from 'drizzle-orm';
import { test } from 'uvu';
import { createChainVerifier } from '../../server/ledger/chain.js';
import { ledgerPage } from '../../server/ledger/ledger.queries.js';
import { openDatabase, type Database } from '../../storage/database.js';
import { projectPath } from '../../storage/project-path.js';
import { kiosks, ledger, pairingCodes, staff, users } from '../../storage/schema.js';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, registerAndSignIn, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';
import { exitOf } from '../helpers/server-process.js';

// Monday: a 09:00 shift's check-in window is open.
const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
const manager = () => ctx.auth(ctx.manager);

type Entry = { action: string; entity: string; actor: string; data: Record<string, unknown> };

async function entriesAfter(seq: number, db: Database = ctx.server.database.db): Promise<Entry[]> {
  const rows = await db.select().from(ledger).where(gt(ledger.seq, seq)).orderBy(asc(ledger.seq));
  return rows.map((row) => ({ action: row.action, entity: row.entity, actor: row.actor, data: JSON.parse(row.data) }));
}

async function headSeq(): Promise<number> {
  const [head] = await ctx.server.database.db.select({ seq: ledger.seq }).from(ledger).orderBy(desc(ledger.seq)).limit(1);
  return head?.seq ?? 0;
}

/** An entry as "action entity actor", the three things each test names. */
const described = (entry: Entry) => `${entry.action} ${entry.entity} ${entry.actor}`;

/** Runs `change` and checks it added exactly `expected` (as `described`), in order; returns those entries. */
async function expectEntries(expected: string[], change: () => Promise<unknown>): Promise<Entry[]> {
  const before = await headSeq();
  await change();
  const added = await entriesAfter(before);
  assert.deepEqual(added.map(described), expected);
  return added;
}

/** `request` is refused with `status` (and `code`) and the ledger is as it was. */
async function expectRefused(status: number, code: string | undefined, request: () => Promise<Reply>): Promise<void> {
  const before = await headSeq();
  assertError(await request(), status, code);
  assert.deepEqual((await entriesAfter(before)).map(described), [], `a refused ${status} ${code ?? ''} wrote to the ledger`);
}

function ok(reply: Reply, status = 200): Reply {
  assert.equal(reply.status, status, reply.text);
  return reply;
}

const user = (account: { id: number }) => `user:${account.id}`;

/** Every key in a JSON value, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

test('the first manager is created by the system, with no password in the entry', async () => {
  const all = await entriesAfter(0);
  assert.deepEqual(all.map(described), [`user.created user:${ctx.manager.id} system`]);
  assert.deepEqual(all[0]!.data, { username: 'manager', role: 'manager', via: 'first_account' });
});

test('registering users: by the manager; a refused registration adds nothing', async () => {
  let ben!: Account;
  const [created] = await expectEntries([`user.created user:2 ${user(ctx.manager)}`], async () => {
    ben = await registerAndSignIn(ctx.client, 'ben', 'Employee', ctx.manager.token);
  });
  assert.equal(ben.id, 2);
  assert.deepEqual(created!.data, { username: 'ben', role: 'staff', via: 'register' });
  await expectRefused(409, 'username_taken', async () => ctx.client.post('/api/register/', { username: 'BEN', password: 'another-Passw0rd', role: 'Employee' }, await manager()));
  await expectRefused(403, undefined, async () => ctx.client.post('/api/register/', { username: 'carol', password: 'carol-Passw0rd!', role: 'Employee' }, await ctx.auth(ben)));
  await expectRefused(401, undefined, async () => ctx.client.post('/api/register/', { username: 'carol', password: 'carol-Passw0rd!', role: 'Manager' }));
});

test('staff profiles: created, edited, PIN changed, deactivated and reactivated', async () => {
  let asha!: StaffAccount;
  const created = await expectEntries([`user.created user:2 ${user(ctx.manager)}`, `staff.created staff:1 ${user(ctx.manager)}`], async () => {
    asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '123456', since: '2026-11-02' });
  });
  assert.deepEqual(created[1]!.data, { userId: asha.id, name: 'asha', weeklyOffDays: 'Saturday,Sunday', startedOn: '2026-11-02', hasPin: true });
  const by = user(ctx.manager);
  const entity = `staff:${asha.staffId}`;

  const [edited] = await expectEntries([`staff.updated ${entity} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { name: 'Asha K', weekly_off_days: 'Sunday', started_on: '2026-10-01' }, await manager())),
  );
  assert.deepEqual(edited!.data, { name: 'Asha K', weeklyOffDays: 'Sunday', startedOn: '2026-10-01' });

  const [pin] = await expectEntries([`staff.pin_changed ${entity} ${by}`], async () => ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { pin: '654321' }, await manager())));
  assert.deepEqual(pin!.data, {});
  await expectEntries([`staff.updated ${entity} ${by}`, `staff.pin_changed ${entity} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { name: 'Asha', pin: '111111' }, await manager())),
  );

  const [off] = await expectEntries([`staff.deactivated ${entity} ${by}`, `user.deactivated ${user(asha)} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: false }, await manager())),
  );
  assert.deepEqual(off!.data, { effectiveFrom: '2026-11-23' });
  // Already inactive: nothing changes, so nothing is recorded.
  await expectEntries([], async () => ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: false }, await manager())));
  await expectEntries([`staff.reactivated ${entity} ${by}`, `user.reactivated ${user(asha)} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: true }, await manager())),
  );

  const [account, profile] = await expectEntries([`user.created user:3 ${by}`, `staff.created staff:2 ${by}`], async () =>
    ok(await ctx.client.post('/api/staff/', { username: 'ben', password: 'ben-Passw0rd!', weekly_off_days: 'Saturday', name: 'Ben' }, await manager()), 201),
  );
  assert.deepEqual(account!.data, { username: 'ben', role: 'staff', via: 'staff_form' });
  assert.deepEqual(profile!.data, { userId: 3, name: 'Ben', weeklyOffDays: 'Saturday', startedOn: '2026-11-23', hasPin: false });
});

test('refused changes to staff profiles add nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '123456' });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222' });
  await expectRefused(409, 'pin_taken', async () => ctx.client.patch(`/api/staff/${ben.staffId}/`, { name: 'Ben', pin: '123456' }, await manager()));
  await expectRefused(409, 'staff_exists', async () => ctx.client.post('/api/staff/', { user: asha.id, weekly_off_days: 'Sunday' }, await manager()));
  await expectRefused(409, 'pin_taken', async () => ctx.client.post('/api/staff/', { username: 'carol', password: 'carol-Passw0rd!', weekly_off_days: 'Sunday', pin: '222222' }, await manager()));
  await expectRefused(409, 'username_taken', async () => ctx.client.post('/api/staff/', { username: 'asha', password: 'asha-Passw0rd!', weekly_off_days: 'Sunday' }, await manager()));
  const before = await headSeq();
  assertFieldError(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { weekly_off_days: 'Funday' }, await manager()), 'weekly_off_days');
  assert.equal(await headSeq(), before);
  await expectRefused(404, 'not_found', async () => ctx.client.patch('/api/staff/999/', { name: 'Nobody' }, await manager()));
  await expectRefused(403, undefined, async () => ctx.client.patch(`/api/staff/${ben.staffId}/`, { name: 'Ben!' }, await ctx.auth(asha)));
});

test('accounts: deactivated, reactivated, password reset and changed; refusals add nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const by = user(ctx.manager);
  await expectEntries([`user.deactivated ${user(asha)} ${by}`, `staff.deactivated staff:${asha.staffId} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/users/${asha.id}/`, { active: false }, await manager())),
  );
  await expectEntries([`user.reactivated ${user(asha)} ${by}`, `staff.reactivated staff:${asha.staffId} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/users/${asha.id}/`, { active: true }, await manager())),
  );
  await expectRefused(409, 'last_manager', async () => ctx.client.patch(`/api/users/${ctx.manager.id}/`, { active: false }, await manager()));
  await expectRefused(404, 'not_found', async () => ctx.client.patch('/api/users/999/', { active: false }, await manager()));

  // The person changes their own password: they are the actor.
  const ashaToken = await ctx.auth(asha);
  await expectRefused(400, 'wrong_password', async () => ctx.client.post('/api/auth/password', { current: 'not-her-password', password: 'asha-New-Passw0rd' }, ashaToken));
  await expectRefused(400, 'validation_failed', async () => ctx.client.post('/api/auth/password', { current: asha.password, password: 'short' }, ashaToken));
  const [changed] = await expectEntries([`user.password_changed ${user(asha)} ${user(asha)}`], async () =>
    ok(await ctx.client.post('/api/auth/password', { current: asha.password, password: 'asha-New-Passw0rd' }, ashaToken)),
  );
  assert.deepEqual(changed!.data, {});

  await expectRefused(400, 'validation_failed', async () => ctx.client.post(`/api/users/${asha.id}/password`, { password: 'short' }, await manager()));
  const [reset] = await expectEntries([`user.password_reset ${user(asha)} ${by}`], async () =>
    ok(await ctx.client.post(`/api/users/${asha.id}/password`, { password: 'asha-Reset-Passw0rd' }, await manager())),
  );
  assert.deepEqual(reset!.data, {});
});

test('template shifts: added, changed, ended and deleted, with staff, day, times and effective date', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { since: '2026-11-02', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const by = user(ctx.manager);
  const [monday] = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await manager())).body as { id: number }[];

  let tuesday = 0;
  const [added] = await expectEntries([`shift.added shift:2 ${by}`], async () => {
    tuesday = ok(await ctx.client.post('/api/shifts/', { staff: asha.staffId, day_of_week: 'Tuesday', shift_start: '09:00', shift_end: '17:00' }, await manager()), 201).body.id;
  });
  assert.equal(tuesday, 2);
  assert.deepEqual(added!.data, { staffId: asha.staffId, day: 'Tuesday', start: '09:00:00', end: '17:00:00', effectiveFrom: '2026-11-23' });

  const [changed] = await expectEntries([`shift.changed shift:${tuesday} ${by}`], async () =>
    ok(await ctx.client.patch(`/api/shifts/${tuesday}/`, { shift_end: '13:00', effective_from: '2026-12-01' }, await manager())),
  );
  assert.deepEqual(changed!.data, { staffId: asha.staffId, day: 'Tuesday', start: '09:00:00', end: '13:00:00', effectiveFrom: '2026-12-01' });

  // It never ran: removed from today it is gone altogether.
  const [deleted] = await expectEntries([`shift.deleted shift:${tuesday} ${by}`], async () => ok(await ctx.client.delete(`/api/shifts/${tuesday}/`, await manager()), 204));
  assert.deepEqual(deleted!.data, { staffId: asha.staffId, day: 'Tuesday', start: '09:00:00', end: '17:00:00', effectiveFrom: '2026-11-23' });
  // The Monday shift ran in November: it ends, and keeps its past.
  const [ended] = await expectEntries([`shift.ended shift:${monday!.id} ${by}`], async () =>
    ok(await ctx.client.delete(`/api/shifts/${monday!.id}/?effective_from=2026-12-07`, await manager()), 204),
  );
  assert.deepEqual(ended!.data, { staffId: asha.staffId, day: 'Monday', start: '09:00:00', end: '17:00:00', effectiveFrom: '2026-12-07' });
});

test('refused template changes add nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const [monday] = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await manager())).body as { id: number }[];
  await expectRefused(409, undefined, async () => ctx.client.post('/api/shifts/', { staff: asha.staffId, day_of_week: 'Monday', shift_start: '12:00', shift_end: '20:00' }, await manager()));
  await expectRefused(400, 'validation_failed', async () => ctx.client.post('/api/shifts/', { staff: asha.staffId, day_of_week: 'Monday', shift_start: '25:00', shift_end: '20:00' }, await manager()));
  await expectRefused(400, 'validation_failed', async () => ctx.client.post('/api/shifts/', { staff: 999, day_of_week: 'Monday', shift_start: '09:00', shift_end: '17:00' }, await manager()));
  await expectRefused(404, 'not_found', async () => ctx.client.patch('/api/shifts/999/', { shift_end: '18:00' }, await manager()));
  await expectRefused(404, 'not_found', async () => ctx.client.delete('/api/shifts/999/', await manager()));
  await expectRefused(403, undefined, async () => ctx.client.delete(`/api/shifts/${monday!.id}/`, await ctx.auth(asha)));
});

test('one-date overrides: reassigned, cancelled and restored; refusals and no-ops add nothing', async () => {
  const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const [monday] = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await manager())).body as { id: number }[];
  const shiftId = monday!.id;
  const by = user(ctx.manager);
  const change = async (body: object) => ctx.client.patch('/api/roster/occurrence', { shiftId, ...body }, await manager());

  const [moved] = await expectEntries([`roster.occurrence_changed occurrence:${shiftId}@2026-11-30 ${by}`], async () => ok(await change({ date: '2026-11-30', assignee: ben.staffId })));
  assert.deepEqual(moved!.data, { shiftId, date: '2026-11-30', change: 'reassigned', staffId: ben.staffId, previousStaffId: asha.staffId });
  const [restored] = await expectEntries([`roster.occurrence_changed occurrence:${shiftId}@2026-11-30 ${by}`], async () => ok(await change({ date: '2026-11-30', assignee: null })));
  assert.deepEqual(restored!.data, { shiftId, date: '2026-11-30', change: 'restored', staffId: asha.staffId, previousStaffId: ben.staffId });
  const [cancelled] = await expectEntries([`roster.occurrence_changed occurrence:${shiftId}@2026-12-07 ${by}`], async () => ok(await change({ date: '2026-12-07', cancelled: true })));
  assert.deepEqual(cancelled!.data, { shiftId, date: '2026-12-07', change: 'cancelled', staffId: null, previousStaffId: asha.staffId });

  // Nothing to restore, or given to the person who already works it: nothing changes.
  await expectEntries([], async () => ok(await change({ date: '2026-12-14', assignee: null })));
  await expectEntries([], async () => ok(await change({ date: '2026-12-14', assignee: asha.staffId })));
  await expectRefused(400, 'validation_failed', async () => change({ date: '2026-12-15', assignee: ben.staffId }));
  await expectRefused(409, 'shift_ended', async () => {
    ctx.server.clock.set('2026-11-23T17:00:00Z');
    return change({ date: '2026-11-23', cancelled: true });
  });
});

test('swaps: each step by the user who took it, and done when the occurrences move', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: [{ day: 'Wednesday', start: '09:00', end: '17:00' }] });
  const [monday] = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, await manager())).body as { id: number }[];
  const propose = async (date: string) => ok(await ctx.client.post('/api/swaps/', { shift: { shiftId: monday!.id, date }, withStaff: ben.staffId, note: 'dentist' }, await ctx.auth(asha)), 201).body.id as number;
  const act = async (account: Account, id: number, action: string) => ctx.client.post(`/api/swaps/${id}/${action}`, undefined, await ctx.auth(account));

  let first = 0;
  const [proposed] = await expectEntries([`swap.proposed swap:1 ${user(asha)}`], async () => (first = await propose('2026-11-30')));
  assert.deepEqual(proposed!.data, {
    proposerStaffId: asha.staffId,
    counterpartStaffId: ben.staffId,
    shiftId: monday!.id,
    shiftDate: '2026-11-30',
    returnShiftId: null,
    returnShiftDate: null,
    note: 'dentist',
  });
  await expectRefused(403, undefined, () => act(asha, first, 'accept'));
  const [accepted, done] = await expectEntries([`swap.accepted swap:${first} ${user(ben)}`, `swap.done swap:${first} ${user(ben)}`], async () => ok(await act(ben, first, 'accept')));
  assert.deepEqual(accepted!.data, { from: 'pending', to: 'done' });
  assert.deepEqual(done!.data, { moves: [{ shiftId: monday!.id, date: '2026-11-30', from: asha.staffId, to: ben.staffId }] });
  await expectRefused(409, 'swap_not_open', () => act(ben, first, 'decline'));

  const declined = await propose('2026-12-07');
  await expectEntries([`swap.declined swap:${declined} ${user(ben)}`], async () => ok(await act(ben, declined, 'decline')));
  const cancelled = await propose('2026-12-07');
  await expectEntries([`swap.cancelled swap:${cancelled} ${user(asha)}`], async () => ok(await act(asha, cancelled, 'cancel')));

  ok(await ctx.client.patch('/api/settings/', { swap_requires_approval: true }, await manager()));
  const approved = await propose('2026-12-07');
  await expectEntries([`swap.accepted swap:${approved} ${user(ben)}`], async () => ok(await act(ben, approved, 'accept')));
  await expectEntries([`swap.approved swap:${approved} ${user(ctx.manager)}`, `swap.done swap:${approved} ${user(ctx.manager)}`], async () => ok(await act(ctx.manager, approved, 'approve')));
  const rejected = await propose('2026-12-14');
  ok(await act(ben, rejected, 'accept'));
  const [rejection] = await expectEntries([`swap.rejected swap:${rejected} ${user(ctx.manager)}`], async () => ok(await act(ctx.manager, rejected, 'reject')));
  assert.deepEqual(rejection!.data, { from: 'awaiting_manager', to: 'rejected' });

  // The occurrence on 30 November is Ben's now: Asha cannot offer it again.
  await expectRefused(409, undefined, async () => ctx.client.post('/api/swaps/', { shift: { shiftId: monday!.id, date: '2026-11-30' }, withStaff: ben.staffId }, await ctx.auth(asha)));
  await expectRefused(400, 'validation_failed', async () => ctx.client.post('/api/swaps/', { shift: { shiftId: monday!.id, date: '2026-12-21' }, withStaff: asha.staffId }, await ctx.auth(asha)));
});

test('settings: the fields changed with their new values; a refused change adds nothing', async () => {
  const [changed] = await expectEntries([`settings.changed settings:1 ${user(ctx.manager)}`], async () =>
    ok(await ctx.client.patch('/api/settings/', { window_minutes: 30, break_after_hours: null, break_minutes: 0 }, await manager())),
  );
  assert.deepEqual(changed!.data, { windowMinutes: 30, breakAfterHours: null, breakMinutes: 0 });
  await expectRefused(400, 'validation_failed', async () => ctx.client.patch('/api/settings/', { window_minutes: 1 }, await manager()));
  await expectRefused(400, 'validation_failed', async () => ctx.client.patch('/api/settings/', {}, await manager()));
  await expectRefused(400, undefined, async () => ctx.client.patch('/api/settings/', { break_minutes: 30, break_after_hours: null }, await manager()));
});

test('kiosks: pairing code made, kiosk paired (by itself), unlocked and revoked; refusals add nothing', async () => {
  const by = user(ctx.manager);
  let code = '';
  const [made] = await expectEntries([`kiosk.pairing_code_created pairing_code:1 ${by}`], async () => {
    code = ok(await ctx.client.post('/api/kiosks/pairing-codes', {}, await manager()), 201).body.code;
  });
  assert.deepEqual(made!.data, { expiresAt: '2026-11-23T09:05:00.000Z' });

  await expectRefused(400, 'invalid_code', () => ctx.client.post('/api/kiosks/pair', { code: 'ZZZZZZZZ', name: 'Front desk' }));
  let kioskId = 0;
  const [paired] = await expectEntries(['kiosk.paired kiosk:1 kiosk:1'], async () => {
    kioskId = ok(await ctx.client.post('/api/kiosks/pair', { code, name: 'Front desk' }), 201).body.kioskId;
  });
  assert.deepEqual(paired!.data, { name: 'Front desk', pairingCodeId: 1, pairedBy: ctx.manager.id });
  await expectRefused(400, 'invalid_code', () => ctx.client.post('/api/kiosks/pair', { code, name: 'Second desk' }));

  await expectEntries([`kiosk.unlocked kiosk:${kioskId} ${by}`], async () => ok(await ctx.client.post(`/api/kiosks/${kioskId}/unlock`, undefined, await manager())));
  await expectEntries([`kiosk.revoked kiosk:${kioskId} ${by}`], async () => ok(await ctx.client.delete(`/api/kiosks/${kioskId}/`, await manager()), 204));
  // Revoked already: nothing changes.
  await expectEntries([], async () => ok(await ctx.client.delete(`/api/kiosks/${kioskId}/`, await manager()), 204));
  await expectRefused(409, 'kiosk_revoked', async () => ctx.client.post(`/api/kiosks/${kioskId}/unlock`, undefined, await manager()));
  await expectRefused(404, 'not_found', async () => ctx.client.delete('/api/kiosks/999/', await manager()));
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  await expectRefused(403, undefined, async () => ctx.client.post('/api/kiosks/pairing-codes', {}, await ctx.auth(asha)));
});

test('photos: a manager viewing one is recorded; the staff member viewing their own is not', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const captured = ok(await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(640, 480)) }, await ctx.auth(asha)), 201);
  const url: string = captured.body.captured_image;
  const photoId = url.split('/').pop()!;
  const view = async (account: Account) => fetch(`${ctx.server.url}${url}`, { headers: { Authorization: `Bearer ${(await ctx.auth(account)).token}` } });

  const [viewed] = await expectEntries([`photo.viewed photo:${photoId} ${user(ctx.manager)}`], async () => assert.equal((await view(ctx.manager)).status, 200));
  assert.deepEqual(viewed!.data, { photoId, day: '2026-11-23' });
  await expectEntries([], async () => assert.equal((await view(ctx.manager)).status, 200));
  await expectEntries([], async () => assert.equal((await view(asha)).status, 200));
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  await expectEntries([], async () => assert.equal((await view(ben)).status, 403));
  await expectEntries([], async () => assert.equal((await fetch(`${ctx.server.url}/api/photos/${'0'.repeat(64)}`, { headers: { Authorization: `Bearer ${ctx.manager.token}` } })).status, 404));
});

test('no entry holds a PIN, a password, a hash of either, a code or a token; the chain verifies', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '123456' });
  ok(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { pin: '654321' }, await manager()));
  ok(await ctx.client.post('/api/staff/', { username: 'ben', password: 'ben-Passw0rd!', weekly_off_days: 'Sunday', pin: '777777' }, await manager()), 201);
  ok(await ctx.client.post(`/api/users/${asha.id}/password`, { password: 'asha-Reset-Passw0rd' }, await manager()));
  const ashaToken = (await ctx.client.post('/api/token/', { username: 'asha', password: 'asha-Reset-Passw0rd' })).body.access as string;
  ok(await ctx.client.post('/api/auth/password', { current: 'asha-Reset-Passw0rd', password: 'asha-Own-Passw0rd' }, { token: ashaToken }));
  const code = ok(await ctx.client.post('/api/kiosks/pairing-codes', {}, await manager()), 201).body.code as string;
  const kiosk = ok(await ctx.client.post('/api/kiosks/pair', { code, name: 'Front desk' }), 201).body as { token: string };

  const db = ctx.server.database.db;
  const stored = [
    ...(await db.select({ hash: users.passwordHash }).from(users)).map((row) => row.hash),
    ...(await db.select({ hmac: staff.pinHmac }).from(staff)).flatMap((row) => (row.hmac ? [row.hmac] : [])),
    ...(await db.select({ hash: pairingCodes.codeHash }).from(pairingCodes)).map((row) => row.hash),
    ...(await db.select({ hash: kiosks.tokenHash }).from(kiosks)).map((row) => row.hash),
  ];
  const secrets = [
    '123456',
    '654321',
    '777777',
    ctx.manager.password,
    asha.password,
    'ben-Passw0rd!',
    'asha-Reset-Passw0rd',
    'asha-Own-Passw0rd',
    code,
    kiosk.token,
    ashaToken,
    asha.token,
    ctx.manager.token,
    ...stored,
  ];
  const entries = await entriesAfter(0);
  assert.ok(entries.length >= 9, `entries: ${entries.map(described).join(', ')}`);
  const secretKey = /^(pin|pinHmac|password|passwordHash|hash|token|tokenHash|code|codeHash)$/i;
  for (const entry of entries) {
    const text = JSON.stringify(entry.data);
    for (const secret of secrets) assert.ok(!text.includes(secret), `${described(entry)} holds a secret: ${text}`);
    assert.doesNotMatch(text, /\$argon2/, described(entry));
    assert.deepEqual(keysOf(entry.data).filter((key) => secretKey.test(key)), [], described(entry));
  }
  const verifier = createChainVerifier();
  verifier.add(await ledgerPage(db, 0, 1000));
  const verdict = verifier.verdict();
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
  assert.equal(verdict.entries, entries.length);
});

test('npm run create-manager records the new manager, by the system', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-cli-'));
  try {
    // On PostgreSQL the command uses this file's database; otherwise its own PGlite under DATA_DIR.
    const databaseUrl = ctx.server.database.url;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    const before = databaseUrl ? await headSeq() : 0;
    const child = spawn(process.execPath, ['--import', 'tsx', projectPath('server', 'auth', 'create-manager-cli.ts'), '--username', 'boss'], { cwd: projectPath(), env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdin.end('boss-Passw0rd-123\n');
    assert.equal(await exitOf(child), 0, output);

    const database = databaseUrl ? undefined : await openDatabase({ databaseUrl: undefined, pgliteDir: path.join(dataDir, 'db') });
    try {
      const added = await entriesAfter(before, database?.db);
      assert.deepEqual(added.map((entry) => `${entry.action} ${entry.actor}`), ['user.created system']);
      assert.match(added[0]!.entity, /^user:\d+$/);
      assert.deepEqual(added[0]!.data, { username: 'boss', role: 'manager', via: 'command_line' });
    } finally {
      await database?.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test.run();
