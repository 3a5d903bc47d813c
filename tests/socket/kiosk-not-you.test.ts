/**
 * *Not you?*: the kiosk that just took a punch voids it within a minute
 * (`attendance:void`). The punch stays in the record as voided, the ledger
 * names the kiosk, managers see the board row without it and an alert
 * naming the person; later, from another kiosk, twice, or with bad input,
 * it is refused and nothing changes. Organisation time zone UTC; Monday 23
 * November 2026, a 09:00–17:00 shift.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { eventually } from '../helpers/assertions.js';
import { createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, checkInAtKiosk, closeSockets, connectKiosk, connectManager, nextEvent, pairKiosk } from '../helpers/sockets.js';

const ctx = useSocketSuite(test, { now: '2026-11-23T08:57:00Z', timezone: 'UTC', kiosk: 'Front desk' });

async function ashaChecksIn() {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  return checkInAtKiosk(ctx.kiosk, '111111', await makeFrame(640, 480));
}

const mondayEntry = async () => {
  const reply = await ctx.client.get('/api/timesheets/?from=2026-11-23&to=2026-11-23', ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  return reply.body[0];
};

const ledgerOf = async (entity: string) => {
  const reply = await ctx.client.get(`/api/audit/?entity=${entity}`, ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  return reply.body.entries as { action: string; actor: unknown; data: any }[];
};

test('within a minute the kiosk takes its punch back: voided, in the ledger as the kiosk, the board row empty again, and an alert', async () => {
  const { socket: manager } = await connectManager(ctx.server.url, ctx.cookie);
  try {
    const punch = await ashaChecksIn();
    const voidedEvent = nextEvent(manager, 'attendance:voided');
    const alerted = nextEvent(manager, 'alert');
    ctx.server.clock.advance(20_000);
    assert.deepEqual(await ask(ctx.kiosk, 'attendance:void', { attendanceId: punch.id }), { ok: true, attendanceId: punch.id });

    const voided = await voidedEvent;
    assert.equal(voided.id, punch.id);
    assert.equal(voided.staffName, 'asha');
    assert.deepEqual(voided.voidedBy, { kind: 'kiosk', id: ctx.kioskId, name: 'Front desk' });
    assert.equal(voided.occurrence.checkIn, null, 'the board row has no check-in');
    assert.equal(voided.occurrence.state, 'open', 'she can still check in herself');
    const alert = await alerted;
    assert.equal(alert.type, 'punch_cancelled');
    assert.equal(alert.message, `asha's check-in at 08:57 on kiosk "Front desk" was cancelled with "Not you?": someone else may have used asha's PIN.`);

    const entry = await mondayEntry();
    assert.equal(entry.checkIn.final, null);
    assert.equal(entry.checkIn.original.voided.byKiosk, ctx.kioskId);
    assert.equal(entry.checkIn.original.voided.by, null);
    assert.match(entry.checkIn.original.voided.reason, /^Cancelled with "Not you\?" at kiosk "Front desk" 20 seconds after it was taken\.$/);
    const [latest] = await ledgerOf(`attendance:${punch.id}`);
    assert.equal(latest!.action, 'attendance.voided');
    assert.deepEqual(latest!.actor, { kind: 'kiosk', id: ctx.kioskId });
    assert.equal(latest!.data.voidedByKiosk, ctx.kioskId);
    const verified = await ctx.client.get('/api/audit/verify', ctx.managerAuth);
    assert.equal(verified.body.ok, true, verified.text);

    // The person whose PIN it is can now check in for real.
    const again = await ask(ctx.kiosk, 'identify', { pin: '111111' });
    assert.equal(again.windows[0].state, 'none', JSON.stringify(again));
    await checkInAtKiosk(ctx.kiosk, '111111', await makeFrame(640, 480));
    assert.notEqual((await mondayEntry()).checkIn.final, null);
  } finally {
    closeSockets(manager);
  }
});

test('after a minute, from another kiosk, twice, or for no such punch: refused with a sentence, and nothing is voided', async () => {
  const punch = await ashaChecksIn();
  const other = await pairKiosk(ctx.client, ctx.managerAuth, 'Back door');
  const back = await ctx.track(connectKiosk(ctx.server.url, other.token));
  assert.deepEqual(await ask(back, 'attendance:void', { attendanceId: punch.id }), { ok: false, error: { code: 'invalid_request', message: 'This kiosk did not take that punch.' } });
  assert.deepEqual(await ask(ctx.kiosk, 'attendance:void', { attendanceId: punch.id + 1000 }), { ok: false, error: { code: 'invalid_request', message: 'This kiosk did not take that punch.' } });
  for (const bad of [undefined, {}, { attendanceId: 'one' }, { attendanceId: -1 }, { attendanceId: 1.5 }, { attendanceId: 2 ** 40 }]) {
    const reply = await ask(ctx.kiosk, 'attendance:void', bad);
    assert.equal(reply.error?.code, 'invalid_request', `${JSON.stringify(bad)}: ${JSON.stringify(reply)}`);
  }
  ctx.server.clock.advance(61_000);
  assert.deepEqual(await ask(ctx.kiosk, 'attendance:void', { attendanceId: punch.id }), {
    ok: false,
    error: { code: 'too_late', message: 'It is too late to cancel this punch here; ask a manager.' },
  });
  assert.equal((await mondayEntry()).checkIn.final.id, punch.id, 'the punch still counts');
  assert.deepEqual((await ledgerOf(`attendance:${punch.id}`)).map((e) => e.action), ['attendance.captured']);
});

test('a second Not you? for the same punch says it is already cancelled; the one void stands', async () => {
  const punch = await ashaChecksIn();
  assert.equal((await ask(ctx.kiosk, 'attendance:void', { attendanceId: punch.id })).ok, true);
  assert.deepEqual(await ask(ctx.kiosk, 'attendance:void', { attendanceId: punch.id }), { ok: false, error: { code: 'already_voided', message: 'This punch was already cancelled.' } });
  const voids = await eventually(
    () => ledgerOf(`attendance:${punch.id}`),
    (entries) => entries.length >= 2,
  );
  assert.deepEqual(voids.map((e) => e.action), ['attendance.voided', 'attendance.captured']);
});

test.run();
