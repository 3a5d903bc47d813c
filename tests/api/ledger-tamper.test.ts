/**
 * Someone with the database's own powers edits the records behind the
 * application's back: `verify` finds it and names where. The trigger is
 * switched off first, as a superuser could (on PostgreSQL and on the
 * embedded database alike), to show the chain itself catches what the
 * trigger would have refused. UTC; the clock on Monday 30 November 2026.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { captureAt, createStaffMember, makeFrame, toBase64, type StaffAccount } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { now: '2026-11-30T12:00:00Z', timezone: 'UTC' });
const manager = () => ctx.auth(ctx.manager);
const db = () => ctx.server.database.db;

type Person = StaffAccount & { monday: number; tuesday: number };

/** Asha, Monday and Tuesday 09:00–17:00 since 16 November, checked in and out last Monday, sick last Tuesday. */
async function lastWeekRecorded(): Promise<{ person: Person; checkIn: number; checkOut: number; absence: number }> {
  const shifts = ['Monday', 'Tuesday'].map((day) => ({ day, start: '09:00', end: '17:00' }));
  const account = await createStaffMember(ctx.client, ctx.manager, 'asha', { since: '2026-11-16', shifts });
  const listed = await ctx.client.get(`/api/shifts/?staff=${account.staffId}`, await manager());
  const idOf = (day: string) => listed.body.find((s: { day_of_week: string }) => s.day_of_week === day).id;
  const person = { ...account, monday: idOf('Monday'), tuesday: idOf('Tuesday') };
  const photo = toBase64(await makeFrame(320, 240));
  const checkIn = (await captureAt(ctx, person, '2026-11-23T08:58:00Z', photo)).body.id;
  const checkOut = (await captureAt(ctx, person, '2026-11-23T17:02:00Z', photo)).body.id;
  ctx.server.clock.set('2026-11-30T12:00:00Z');
  const absence = await ctx.client.post('/api/absences/', { staff: person.staffId, shiftId: person.tuesday, date: '2026-11-24', type: 'sick', note: 'Flu' }, await manager());
  assert.equal(absence.status, 201, absence.text);
  return { person, checkIn, checkOut, absence: absence.body.id };
}

async function verify() {
  const reply = await ctx.client.get('/api/audit/verify', await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

/** The seq of the entry that recorded `entity` with `action`. */
async function seqOf(entity: string, action: string): Promise<number> {
  const reply = await ctx.client.get(`/api/audit/?entity=${entity}`, await manager());
  const entry = reply.body.entries.find((e: { action: string }) => e.action === action);
  assert.ok(entry, `no ${action} entry for ${entity}: ${reply.text}`);
  return entry.seq;
}

/** As a superuser could: switch the append-only trigger off, do `work`, switch it on again. */
async function withTriggerOff(work: () => Promise<unknown>) {
  await db().execute(sql`alter table ledger disable trigger ledger_append_only`);
  try {
    await work();
  } finally {
    await db().execute(sql`alter table ledger enable trigger ledger_append_only`);
  }
}

test('untouched, verify says ok and names the head', async () => {
  await lastWeekRecorded();
  const verdict = await verify();
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
  const [head] = (await ctx.client.get('/api/audit/?limit=1', await manager())).body.entries;
  assert.deepEqual(verdict, { ok: true, entries: head.seq, head: head.hash });
});

test('a punch’s time changed in SQL: verify names the entry that recorded it and what changed', async () => {
  const { checkOut } = await lastWeekRecorded();
  await db().execute(sql`update attendance set at = at + interval '2 hours' where id = ${checkOut}`);
  const verdict = await verify();
  assert.deepEqual(
    { ok: verdict.ok, firstBroken: verdict.firstBroken },
    { ok: false, firstBroken: await seqOf(`attendance:${checkOut}`, 'attendance.captured') },
  );
  assert.equal(verdict.reason, `Punch ${checkOut} no longer matches ledger entry ${verdict.firstBroken}: at changed.`);
});

test('an entry’s content changed with the trigger off: verify names that entry', async () => {
  const { checkIn } = await lastWeekRecorded();
  const seq = await seqOf(`attendance:${checkIn}`, 'attendance.captured');
  await withTriggerOff(() => db().execute(sql`update ledger set data = replace(data, '08:58', '09:00') where seq = ${seq}`));
  const verdict = await verify();
  assert.deepEqual(verdict, { ok: false, entries: seq - 1, firstBroken: seq, reason: `Entry ${seq} was altered: its content no longer matches its hash.` });
});

test('an entry deleted with the trigger off: verify names the gap', async () => {
  const { checkIn } = await lastWeekRecorded();
  const seq = await seqOf(`attendance:${checkIn}`, 'attendance.captured');
  await withTriggerOff(() => db().execute(sql`delete from ledger where seq = ${seq}`));
  const verdict = await verify();
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken, seq);
  assert.equal(verdict.reason, `Entry ${seq} is missing: the entry after ${seq - 1} is ${seq + 1}.`);
});

test('rows added or removed behind the application’s back are named too', async () => {
  const { person, checkOut, absence } = await lastWeekRecorded();
  await db().execute(sql`update absences set type = 'leave' where id = ${absence}`);
  let verdict = await verify();
  assert.equal(verdict.reason, `Absence ${absence} no longer matches ledger entry ${await seqOf(`absence:${absence}`, 'absence.recorded')}: type changed.`);
  await db().execute(sql`update absences set type = 'sick' where id = ${absence}`);
  assert.equal((await verify()).ok, true);

  await db().execute(sql`delete from kiosk_requests where attendance_id = ${checkOut}`);
  await db().execute(sql`delete from attendance where id = ${checkOut}`);
  verdict = await verify();
  assert.deepEqual(
    { ok: verdict.ok, firstBroken: verdict.firstBroken, reason: verdict.reason },
    {
      ok: false,
      firstBroken: await seqOf(`attendance:${checkOut}`, 'attendance.captured'),
      reason: `Punch ${checkOut}, recorded in ledger entry ${await seqOf(`attendance:${checkOut}`, 'attendance.captured')}, has been deleted behind the application's back.`,
    },
  );

  const [forged] = (
    (await db().execute(sql`insert into attendance (staff_id, shift_id, occurrence_date, kind, at, status, scheduled_start, scheduled_end, source)
      values (${person.staffId}, ${person.monday}, '2026-11-23', 'check_out', '2026-11-23T19:00:00Z', 'on_time', '2026-11-23T09:00:00Z', '2026-11-23T17:00:00Z', 'api')
      returning id`)) as unknown as { rows: { id: number }[] }
  ).rows;
  verdict = await verify();
  assert.deepEqual({ ok: verdict.ok, reason: verdict.reason }, { ok: false, reason: `Punch ${forged!.id} has no ledger entry: it was added behind the application's back.` });
});

test.run();
