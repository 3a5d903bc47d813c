/**
 * The cap on wrong PINs over real Socket.IO and HTTP, with the server's clock
 * moved instead of waiting: a day of guessing as fast as the lockouts allow
 * (and the odds it gives an attacker), the lock that only a manager lifts,
 * the managers' alert, the unlock (`POST /api/kiosks/:id/unlock`) told to
 * the kiosk live, and the lock as `GET /api/kiosks/` lists it.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, connectKiosk, connectManager, kioskSocket, nextEvent, nextEventWhere, pairKiosk, type Socket } from '../helpers/sockets.js';

const hour = 60 * 60_000;
const managerLockMessage = 'This kiosk is locked after too many wrong PINs. Ask a manager to unlock it in Rollcall (Kiosks page).';

// Monday 23 November 2026: asha's check-in window is open.
const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC', kiosk: 'Front desk' });
let asha: StaffAccount;
test.before.each(async () => {
  asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
});

const identify = (socket: Socket, pin: string) => ask(socket, 'identify', { pin });
let guessNumber = 0;
/** A PIN nobody has: the attacker's next guess. */
const nextGuess = () => String(200000 + guessNumber++);

async function storedFailures(kioskId: number): Promise<number> {
  const result = await ctx.server.database.db.execute(sql`select count(*)::int as n from pin_failures where kiosk_id = ${kioskId}`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

/** Guesses as fast as the short lockouts allow (moving the clock past each) until the kiosk needs a manager; returns that answer. */
async function guessUntilManagerLock(kiosk: Socket): Promise<any> {
  for (let tries = 0; tries < 100; tries++) {
    const reply = await identify(kiosk, nextGuess());
    assert.equal(reply.ok, false, JSON.stringify(reply));
    if (reply.error.code === 'invalid_pin') continue;
    assert.equal(reply.error.code, 'locked', JSON.stringify(reply));
    if (reply.error.needsManager) return reply;
    ctx.server.clock.advance(reply.error.retryAfterSeconds * 1000);
  }
  throw new Error('The kiosk never needed a manager');
}

const kioskList = async () => {
  const reply = await ctx.client.get('/api/kiosks/', ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  return reply.body as any[];
};

test('a day of guessing as fast as the lockouts allow checks 20 wrong PINs: under 1 % odds with 100 staff', async () => {
  const start = ctx.server.clock.now().getTime();
  const answers: string[] = [];
  let firstManagerLockAt: number | undefined;
  while (ctx.server.clock.now().getTime() < start + 24 * hour) {
    const reply = await identify(ctx.kiosk, nextGuess());
    assert.equal(reply.ok, false, JSON.stringify(reply));
    const { code, retryAfterSeconds, needsManager } = reply.error;
    answers.push(needsManager ? 'manager' : code);
    if (code === 'invalid_pin') continue;
    assert.equal(code, 'locked', JSON.stringify(reply));
    if (needsManager) {
      firstManagerLockAt ??= ctx.server.clock.now().getTime();
      // The attacker keeps trying every quarter of an hour for the rest of the day.
      ctx.server.clock.advance(15 * 60_000);
    } else {
      ctx.server.clock.advance(retryAfterSeconds * 1000);
    }
  }
  const checked = await storedFailures(ctx.kioskId);
  const staff = 100;
  const odds = 1 - (1 - staff / 1_000_000) ** checked;
  console.log(
    `PIN guessing at one kiosk: ${checked} wrong PINs checked in 24 hours (${answers.length} tries); ` +
      `with ${staff} staff the chance of hitting a valid PIN is ${(odds * 100).toFixed(3)} % per day.`,
  );
  assert.equal(checked, 20);
  assert.ok(odds < 0.01, `odds ${odds}`);
  // Four short lockouts' worth: 4 tries and a lock, three times (5, 10 and 20 minutes), then 4 and the manager lock.
  assert.deepEqual(answers.slice(0, 20), [...Array(3)].flatMap(() => [...Array(4).fill('invalid_pin'), 'locked']).concat([...Array(4).fill('invalid_pin'), 'manager']));
  assert.ok(answers.slice(20).every((answer) => answer === 'manager'), 'locked for the rest of the day');
  assert.equal(firstManagerLockAt, start + 35 * 60_000, 'the cap is reached after 5 + 10 + 20 minutes of lockouts');
});

test('twenty wrong PINs lock the kiosk until a manager unlocks it: no end time, the right PIN refused, one alert, other kiosks unaffected', async () => {
  const admin = await ctx.track((await connectManager(ctx.server.url, ctx.cookie)).socket);
  const other = await ctx.track(connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'Back office')).token));
  const alerts: any[] = [];
  admin.on('alert', (alert) => alerts.push(alert));

  const capAlert = nextEventWhere(admin, 'alert', (alert) => /until a manager unlocks it/.test(alert.message));
  const locked = await guessUntilManagerLock(ctx.kiosk);
  assert.deepEqual(locked, { ok: false, error: { code: 'locked', message: managerLockMessage, needsManager: true } });
  const received = await capAlert;
  assert.equal(received.type, 'pin_lockout');
  assert.equal(received.kioskId, ctx.kioskId);
  assert.match(received.message, /^Kiosk "Front desk" is locked after 20 wrong PINs within 24 hours/);
  assert.equal((await identify(other, '111111')).ok, true, 'another kiosk is not locked');

  // Days later it is still locked, for everyone's right PIN, and nothing more is counted.
  ctx.server.clock.advance(3 * 24 * hour);
  assert.deepEqual(await identify(ctx.kiosk, '111111'), locked);
  assert.deepEqual(await identify(ctx.kiosk, nextGuess()), locked);
  assert.equal(await storedFailures(ctx.kioskId), 20);

  // Wait for an event sent after any repeated alert would have been: the unlock's.
  const unlocked = nextEvent(admin, 'kiosk:unlocked');
  assert.equal((await ctx.client.post(`/api/kiosks/${ctx.kioskId}/unlock`, {}, ctx.managerAuth)).status, 200);
  await unlocked;
  assert.deepEqual(
    alerts.map((alert) => /until a manager/.test(alert.message)),
    [false, false, false, true],
    'three short lockouts and one cap alert: nothing for the refused tries',
  );
});

test('an unlock lifts the lock at once: the kiosk and the managers are told, the right PIN works, and the count starts again', async () => {
  const admin = await ctx.track((await connectManager(ctx.server.url, ctx.cookie)).socket);
  await guessUntilManagerLock(ctx.kiosk);
  const [listed] = await kioskList();
  assert.deepEqual(listed.lock, { needsManager: true, since: ctx.server.clock.now().toISOString(), until: null, wrongPins: 20 });

  ctx.server.clock.advance(60_000);
  const toKiosk = nextEvent(ctx.kiosk, 'kiosk:unlocked');
  const toManagers = nextEvent(admin, 'kiosk:unlocked');
  const reply = await ctx.client.post(`/api/kiosks/${ctx.kioskId}/unlock`, {}, ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  const at = ctx.server.clock.now().toISOString();
  assert.deepEqual(reply.body, { id: ctx.kioskId, name: 'Front desk', lock: null, pinUnlockedAt: at });
  assert.deepEqual(await toKiosk, { kioskId: ctx.kioskId, name: 'Front desk', at });
  assert.deepEqual(await toManagers, { kioskId: ctx.kioskId, name: 'Front desk', at });
  assert.equal((await kioskList())[0].lock, null);

  ctx.server.clock.advance(1000); // Failures at the unlock's very instant are lifted with it; these come after.
  const right = await identify(ctx.kiosk, '111111');
  assert.equal(right.ok, true, JSON.stringify(right));
  assert.equal(right.staff.id, asha.staffId);
  const wrong = await identify(ctx.kiosk, nextGuess());
  assert.equal(wrong.error.attemptsLeft, 4, 'the failures before the unlock no longer count');
  // A whole new allowance, and no more: the next 19 reach the cap again.
  assert.equal((await guessUntilManagerLock(ctx.kiosk)).error.needsManager, true);
  assert.equal(await storedFailures(ctx.kioskId), 40);
});

test('an unlock also ends a short lockout, and GET /api/kiosks/ shows either lock and why', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await identify(ctx.kiosk, nextGuess())).error.code, 'invalid_pin');
  const locked = await identify(ctx.kiosk, nextGuess());
  assert.equal(locked.error.retryAfterSeconds, 300);
  assert.equal(locked.error.needsManager, undefined);
  const now = ctx.server.clock.now().getTime();
  const [listed] = await kioskList();
  assert.deepEqual(listed.lock, { needsManager: false, since: new Date(now).toISOString(), until: new Date(now + 300_000).toISOString(), wrongPins: 5 });

  assert.equal((await ctx.client.post(`/api/kiosks/${ctx.kioskId}/unlock`, {}, ctx.managerAuth)).status, 200);
  assert.equal((await identify(ctx.kiosk, '111111')).ok, true);
  assert.equal((await kioskList())[0].lock, null);
});

test('a kiosk that connects while locked is told so at once, with what identify would answer', async () => {
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth, 'Side door');
  const kiosk = await ctx.track(connectKiosk(ctx.server.url, token));
  const answer = await guessUntilManagerLock(kiosk);
  kiosk.close();

  const again = kioskSocket(ctx.server.url, token);
  const told = nextEvent(again, 'kiosk:locked');
  again.connect();
  await ctx.track(again);
  assert.deepEqual(await told, { message: answer.error.message, needsManager: true });

  // Unlocked: a new connection is told nothing, and takes PINs.
  assert.equal((await ctx.client.post(`/api/kiosks/${kioskId}/unlock`, {}, ctx.managerAuth)).status, 200);
  const fresh = kioskSocket(ctx.server.url, token);
  let toldFresh = false;
  fresh.on('kiosk:locked', () => (toldFresh = true));
  fresh.connect();
  await ctx.track(nextEvent(fresh, 'connect').then(() => fresh));
  assert.equal((await identify(fresh, '111111')).ok, true);
  assert.equal(toldFresh, false);
});

test('POST /api/kiosks/:id/unlock is for managers only; unknown and revoked kiosks are refused', async () => {
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben');
  const path = `/api/kiosks/${ctx.kioskId}/unlock`;
  assert.equal((await ctx.client.post(path, {})).status, 401);
  const asStaff = await ctx.client.post(path, {}, { token: ben.token });
  assert.equal(asStaff.status, 403, asStaff.text);
  assert.equal((await ctx.client.post(path, {}, await ctx.auth(ctx.manager))).status, 200, 'a Bearer token works as well as the cookie');
  assert.equal((await ctx.client.post(`${path}/`, {}, ctx.managerAuth)).status, 200, 'with a trailing slash too');

  const unknown = await ctx.client.post('/api/kiosks/9999/unlock', {}, ctx.managerAuth);
  assert.equal(unknown.status, 404, unknown.text);
  assert.equal(unknown.body.error.code, 'not_found');
  assert.equal((await ctx.client.post('/api/kiosks/abc/unlock', {}, ctx.managerAuth)).status, 400);

  assert.equal((await ctx.client.delete(`/api/kiosks/${ctx.kioskId}/`, ctx.managerAuth)).status, 204);
  const revoked = await ctx.client.post(path, {}, ctx.managerAuth);
  assert.equal(revoked.status, 409, revoked.text);
  assert.equal(revoked.body.error.code, 'kiosk_revoked');
});

test.run();
