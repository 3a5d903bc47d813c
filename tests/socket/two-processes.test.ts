/**
 * Two server processes sharing one PostgreSQL database, as behind a load
 * balancer: the test server in this process and `server/main.ts` in a child.
 * Live events, revocation, presence and the PIN lockout must hold across
 * them. The child runs on the real system clock, so the shifts are built
 * around the real time and the test server's clock is set to it.
 *
 * Without DATABASE_URL every test is skipped (see `useTwoProcessSuite`).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { makeFrame } from '../helpers/fixtures.js';
import { ask, checkInAtKiosk, connectKiosk, connectManager, kioskSocket, nextEvent, nextEventWhere, pairKiosk, refusal } from '../helpers/sockets.js';
import { onPostgres, staffOnShiftNow, useTwoProcessSuite } from '../helpers/two-processes.js';

const { ctx, check } = useTwoProcessSuite(test);
let frame: Buffer;
if (onPostgres) {
  test.before(async () => {
    frame = await makeFrame(320, 240);
  });
}

check('a check-in on either process reaches the managers on both', async () => {
  await staffOnShiftNow(ctx, 'asha', '111111');
  await staffOnShiftNow(ctx, 'ben', '222222');
  const kioskOnFirst = await ctx.track(connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, ctx.managerAuth, 'First')).token));
  const kioskOnSecond = await ctx.track(connectKiosk(ctx.second.url, (await pairKiosk(ctx.secondClient, ctx.managerAuth, 'Second')).token));
  const managers = [await connectManager(ctx.server.url, ctx.cookie), await connectManager(ctx.second.url, ctx.cookie)];
  for (const { socket } of managers) await ctx.track(socket);
  for (const [kiosk, name, pin] of [[kioskOnFirst, 'asha', '111111'], [kioskOnSecond, 'ben', '222222']] as const) {
    const arrivals = managers.map(({ socket }) => nextEventWhere(socket, 'attendance:created', (e) => e.staffName === name));
    const started = performance.now();
    const attendance = await checkInAtKiosk(kiosk, pin, frame);
    const events = await Promise.all(arrivals);
    console.log(`two-processes: ${name}'s check-in reached both managers ${(performance.now() - started).toFixed(0)} ms after the capture was sent`);
    for (const event of events) {
      assert.equal(event.id, attendance.id);
      assert.equal(event.kind, 'check_in');
      assert.equal(event.photoUrl, attendance.photoUrl);
    }
  }
  // Both processes list both kiosks as online, wherever each is connected.
  for (const client of [ctx.client, ctx.secondClient]) {
    const listed = await client.get('/api/kiosks/', ctx.managerAuth);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.map((k: any) => [k.name, k.online]), [['First', true], ['Second', true]]);
  }
});

check('revoking a kiosk on one process disconnects it on the other at once', async () => {
  for (const [revokeOn, connectTo] of [[ctx.client, ctx.second.url], [ctx.secondClient, ctx.server.url]] as const) {
    const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth);
    const kiosk = await ctx.track(connectKiosk(connectTo, token));
    const notice = nextEvent(kiosk, 'kiosk:revoked');
    const disconnected = nextEvent<string>(kiosk, 'disconnect');
    assert.equal((await revokeOn.delete(`/api/kiosks/${kioskId}/`, ctx.managerAuth)).status, 204);
    assert.match((await notice).message, /revoked/, 'the notice comes before the disconnect');
    assert.equal(await disconnected, 'io server disconnect');
    for (const url of [ctx.server.url, ctx.second.url]) assert.equal(await refusal(kioskSocket(url, token)), 'unauthorized');
  }
});

check('the PIN lockout counts failures on both processes, and the alert reaches managers on both', async () => {
  await staffOnShiftNow(ctx, 'asha', '111111');
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth);
  const onFirst = await ctx.track(connectKiosk(ctx.server.url, token));
  const onSecond = await ctx.track(connectKiosk(ctx.second.url, token));
  const managers = [await connectManager(ctx.server.url, ctx.cookie), await connectManager(ctx.second.url, ctx.cookie)];
  for (const { socket } of managers) await ctx.track(socket);
  const alerts = managers.map(({ socket }) => nextEventWhere(socket, 'alert', (a) => a.type === 'pin_lockout'));
  assert.equal((await ask(onFirst, 'identify', { pin: '999999' })).error.attemptsLeft, 4);
  assert.equal((await ask(onSecond, 'identify', { pin: '999999' })).error.attemptsLeft, 3);
  assert.equal((await ask(onFirst, 'identify', { pin: '999999' })).error.attemptsLeft, 2);
  assert.equal((await ask(onSecond, 'identify', { pin: '999999' })).error.attemptsLeft, 1);
  assert.equal((await ask(onSecond, 'identify', { pin: '999999' })).error.code, 'locked');
  for (const alert of await Promise.all(alerts)) assert.equal(alert.kioskId, kioskId);
  assert.equal((await ask(onFirst, 'identify', { pin: '111111' })).error.code, 'locked');
});

check('guesses sent at once to both processes: still only five are checked before the lock', async () => {
  const { token } = await pairKiosk(ctx.client, ctx.managerAuth);
  const kiosks = [await ctx.track(connectKiosk(ctx.server.url, token)), await ctx.track(connectKiosk(ctx.second.url, token))];
  const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(kiosks[i % 2]!, 'identify', { pin: String(200000 + i) })));
  const codes = replies.map((reply) => reply.error?.code).sort();
  assert.deepEqual(codes, [...Array(4).fill('invalid_pin'), ...Array(8).fill('locked')], codes.join(' '));
});

test.run();
