/**
 * The 24-hour PIN cap and its unlock across two server processes sharing
 * one PostgreSQL database (the test server here, `server/main.ts` in a
 * child): a kiosk connected to the child is told its lock, a manager unlocks
 * it through the other process, and the kiosk and the managers on both are
 * told at once. The child runs on the real clock, so the wrong PINs are
 * stored as typed in the last 20 minutes and the test server's clock is set
 * to the real time.
 *
 * Without DATABASE_URL every test is skipped (see `useTwoProcessSuite`).
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { ask, connectManager, kioskSocket, nextEvent, pairKiosk } from '../helpers/sockets.js';
import { staffOnShiftNow, useTwoProcessSuite } from '../helpers/two-processes.js';

const { ctx, check } = useTwoProcessSuite(test);

check('a kiosk on one process is told its cap lock, and an unlock made on the other reaches it and every manager', async () => {
  const now = DateTime.utc();
  await staffOnShiftNow(ctx, 'asha', '111111');
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth, 'Door');
  for (let minutesAgo = 20; minutesAgo >= 1; minutesAgo--) {
    const at = now.minus({ minutes: minutesAgo }).toJSDate();
    await ctx.server.database.db.execute(sql`insert into pin_failures (kiosk_id, at) values (${kioskId}, ${at})`);
  }

  const kiosk = kioskSocket(ctx.second.url, token);
  const told = nextEvent(kiosk, 'kiosk:locked');
  kiosk.connect();
  await ctx.track(kiosk);
  assert.equal((await told).needsManager, true);
  assert.equal((await ask(kiosk, 'identify', { pin: '111111' })).error.needsManager, true);

  const managers = [await connectManager(ctx.server.url, ctx.cookie), await connectManager(ctx.second.url, ctx.cookie)];
  for (const { socket } of managers) await ctx.track(socket);
  const toManagers = managers.map(({ socket }) => nextEvent(socket, 'kiosk:unlocked'));
  const toKiosk = nextEvent(kiosk, 'kiosk:unlocked');
  ctx.server.clock.set(new Date());
  const reply = await ctx.client.post(`/api/kiosks/${kioskId}/unlock`, {}, ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  assert.equal((await toKiosk).kioskId, kioskId);
  for (const event of await Promise.all(toManagers)) assert.equal(event.name, 'Door');
  const identified = await ask(kiosk, 'identify', { pin: '111111' });
  assert.equal(identified.ok, true, JSON.stringify(identified));
});

test.run();
