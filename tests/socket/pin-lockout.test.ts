/**
 * The kiosk's wrong-PIN lockout over real Socket.IO, with the server's clock
 * moved instead of waiting: tries left, the lock and its end, escalation,
 * the managers' alert, guesses sent all at once, guesses too slow for the
 * short lockout (they meet the 24-hour cap, see pin-cap.test.ts), and the
 * lock told to a kiosk that connects during it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, closeSockets, connectKiosk, connectManager, kioskSocket, nextEvent, nextEventWhere, pairKiosk, type Socket } from '../helpers/sockets.js';

// Monday: asha's check-in window is open.
const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC', kiosk: 'Front desk' });
test.before.each(async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
});

const identify = (socket: Socket, pin: string) => ask(socket, 'identify', { pin });

test('identify: a wrong PIN answers invalid_pin with the tries left', async () => {
  for (const [pin, left] of [['999999', 4], ['11111', 3], ['abcdef', 2]] as const) {
    const reply = await identify(ctx.kiosk, pin);
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, 'invalid_pin');
    assert.equal(reply.error.attemptsLeft, left);
    assert.match(reply.error.message, new RegExp(`${left} tries left`));
    assert.equal(reply.attempt, undefined);
  }
});

test('a right PIN between guesses does not reset the count: the fifth wrong one still locks', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await identify(ctx.kiosk, '999999')).error.code, 'invalid_pin');
  const right = await identify(ctx.kiosk, '111111');
  assert.equal(right.ok, true);
  const fifth = await identify(ctx.kiosk, '999998');
  assert.equal(fifth.ok, false);
  assert.equal(fifth.error.code, 'locked');
  assert.ok(fifth.error.retryAfterSeconds > 0 && fifth.error.retryAfterSeconds <= 300);
});

test('identify: 5 wrong PINs lock this kiosk with retryAfterSeconds and alert the managers; the lock then ends', async () => {
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  const other = await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'Back office')).token);
  try {
    for (let i = 0; i < 4; i++) assert.equal((await identify(ctx.kiosk, '999999')).error.code, 'invalid_pin');
    const alert = nextEvent(admin, 'alert');
    const locked = await identify(ctx.kiosk, '999999');
    assert.equal(locked.error.code, 'locked');
    assert.equal(locked.error.retryAfterSeconds, 300);
    assert.match(locked.error.message, /locked for 5 minutes/);
    const received = await alert;
    assert.equal(received.type, 'pin_lockout');
    assert.equal(received.kioskId, ctx.kioskId);
    assert.match(received.message, /Front desk/);

    // The right PIN is refused while locked, on this kiosk only.
    ctx.server.clock.advance(60_000);
    const still = await identify(ctx.kiosk, '111111');
    assert.equal(still.error.code, 'locked');
    assert.equal(still.error.retryAfterSeconds, 240);
    assert.equal((await identify(other, '111111')).ok, true);

    ctx.server.clock.advance(239_000);
    assert.equal((await identify(ctx.kiosk, '111111')).error.retryAfterSeconds, 1);
    ctx.server.clock.advance(1000);
    assert.equal((await identify(ctx.kiosk, '111111')).ok, true);
  } finally {
    closeSockets(admin, other);
  }
});

test('identify: a second lockout lasts longer; failures older than 5 minutes no longer count', async () => {
  for (let i = 0; i < 4; i++) await identify(ctx.kiosk, '999999');
  ctx.server.clock.advance(5 * 60_000 + 1000);
  assert.equal((await identify(ctx.kiosk, '999999')).error.attemptsLeft, 4, 'the four old failures expired');
  for (let i = 0; i < 3; i++) await identify(ctx.kiosk, '999999');
  assert.equal((await identify(ctx.kiosk, '999999')).error.retryAfterSeconds, 300);
  ctx.server.clock.advance(300_000);
  for (let i = 0; i < 4; i++) assert.equal((await identify(ctx.kiosk, '999999')).error.code, 'invalid_pin');
  const second = await identify(ctx.kiosk, '999999');
  assert.equal(second.error.code, 'locked');
  assert.equal(second.error.retryAfterSeconds, 600);
});

test('twelve wrong PINs sent at once: only five are checked, the rest are refused as locked, and one alert goes out', async () => {
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  const alerts: any[] = [];
  admin.on('alert', (alert) => alerts.push(alert));
  try {
    const guesses = Array.from({ length: 12 }, (_, i) => String(200000 + i));
    const replies = await Promise.all(guesses.map((pin) => identify(ctx.kiosk, pin)));
    const codes = replies.map((reply) => reply.error?.code);
    assert.equal(codes.filter((code) => code === 'invalid_pin').length, 4, codes.join(' '));
    assert.equal(codes.filter((code) => code === 'locked').length, 8, codes.join(' '));
    const stored = await ctx.server.database.db.execute(sql`select count(*)::int as n from pin_failures`);
    assert.equal((stored as unknown as { rows: { n: number }[] }).rows[0]!.n, 5, 'five failures were checked and counted');
    assert.equal((await identify(ctx.kiosk, '111111')).error.code, 'locked');

    // A repeated alert would have been sent before the burst's acks, so well before this check-in's event: wait for that one.
    ctx.server.clock.advance(300_000);
    const identified = await identify(ctx.kiosk, '111111');
    const announced = nextEventWhere(admin, 'attendance:created', (e) => e.staffName === 'asha');
    const image = await makeFrame(64, 48);
    assert.equal((await ask(ctx.kiosk, 'capture', { attempt: identified.attempt, kind: 'check_in', image, requestId: randomUUID() })).ok, true);
    await announced;
    assert.deepEqual(alerts.map((alert) => [alert.type, alert.kioskId]), [['pin_lockout', ctx.kioskId]]);
  } finally {
    closeSockets(admin);
  }
});

test('guesses six minutes apart never trip the short lockout, but the tries left count down to the cap and the twentieth locks', async () => {
  for (let i = 1; i <= 19; i++) {
    const reply = await identify(ctx.kiosk, String(300000 + i));
    assert.equal(reply.error.code, 'invalid_pin', `guess ${i}: ${JSON.stringify(reply)}`);
    assert.equal(reply.error.attemptsLeft, Math.min(4, 20 - i), `guess ${i}`);
    ctx.server.clock.advance(6 * 60_000);
  }
  const twentieth = await identify(ctx.kiosk, '300020');
  assert.equal(twentieth.error.code, 'locked');
  assert.equal(twentieth.error.needsManager, true);
  assert.equal(twentieth.error.retryAfterSeconds, undefined);
});

test('a kiosk that connects during a lockout is told the time left at once', async () => {
  const { token } = await pairKiosk(ctx.client, ctx.managerAuth, 'Side door');
  const kiosk = await ctx.track(connectKiosk(ctx.server.url, token));
  for (let i = 0; i < 5; i++) await identify(kiosk, '999999');
  kiosk.close();
  ctx.server.clock.advance(100_000);
  const again = kioskSocket(ctx.server.url, token);
  const told = nextEvent(again, 'kiosk:locked');
  again.connect();
  await ctx.track(again);
  assert.deepEqual(await told, { message: 'Too many wrong PINs. This kiosk is locked for 4 minutes; a manager has been told.', retryAfterSeconds: 200 });
});

test.run();
