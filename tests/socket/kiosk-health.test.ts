/**
 * Kiosk health: the minute report (`kiosk:health`), its camera alert, and the
 * watch for kiosks gone dark while a shift window is open, run with the
 * injected clock. Organisation time zone UTC; Monday 23 November 2026, asha
 * works 09:00–17:00 (windows 08:00–10:00 and 16:00–18:00); alert after 10 minutes.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { alertDarkKiosks } from '../../server/kiosk/kiosk-health.js';
import { eventually } from '../helpers/assertions.js';
import { createStaffMember, storedAlerts } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, connectKiosk, connectManager, nextEventWhere, pairKiosk } from '../helpers/sockets.js';

const at = (time: string) => `2026-11-23T${time}Z`;
const ctx = useSocketSuite(test, { now: at('08:30:00'), timezone: 'UTC' });
let kiosk: { kioskId: number; token: string };

test.before.each(async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  kiosk = await pairKiosk(ctx.client, ctx.managerAuth, 'Front desk');
});

const kioskRow = async () => ((await ctx.client.get('/api/kiosks/', ctx.managerAuth)).body as any[]).find((row) => row.id === kiosk.kioskId);

const alertsOfType = (type: string) => storedAlerts(ctx, type);

/** Connected now, then gone: its last contact is the clock's time. */
async function connectAndLeave(): Promise<void> {
  (await connectKiosk(ctx.server.url, kiosk.token)).close();
  await eventually(kioskRow, (row) => row.online === false);
  await ctx.server.deps.background.settled();
}

/** The watch's minute tick at `time`: the kiosks it told managers about. */
async function watchAt(time: string): Promise<number[]> {
  ctx.server.clock.set(at(time));
  return alertDarkKiosks(ctx.server.deps);
}

test('the report is stored and shown on the Kiosks list; a failed camera is alerted once, not every minute', async () => {
  const manager = await connectManager(ctx.server.url, ctx.cookie);
  const socket = await ctx.track(connectKiosk(ctx.server.url, kiosk.token));
  assert.equal((await kioskRow()).health, null, 'nothing before the first report');
  assert.deepEqual(await ask(socket, 'kiosk:health', { camera: 'ready', queue: 0, version: 'abc123' }), { ok: true });
  assert.deepEqual((await kioskRow()).health, { camera: 'ready', cameraError: null, queue: 0, version: 'abc123' });

  const alert = nextEventWhere(manager.socket, 'alert', (a: any) => a.type === 'kiosk_camera');
  const failed = { camera: 'failed', cameraError: 'No camera was found.', queue: 2, version: 'abc123' };
  assert.deepEqual(await ask(socket, 'kiosk:health', failed), { ok: true });
  assert.equal((await alert).message, 'Kiosk "Front desk" reports that its camera is not working (No camera was found.): staff cannot check in there until it is fixed.');
  assert.deepEqual(await ask(socket, 'kiosk:health', failed), { ok: true });
  assert.equal((await alertsOfType('kiosk_camera')).length, 1, 'still failed: not told again');
  assert.deepEqual((await kioskRow()).health, { camera: 'failed', cameraError: 'No camera was found.', queue: 2, version: 'abc123' });
  manager.socket.close();
});

test('a report that is not one is refused and changes nothing', async () => {
  const socket = await ctx.track(connectKiosk(ctx.server.url, kiosk.token));
  for (const payload of [undefined, 'ok', { camera: 'broken', queue: 0, version: 'x' }, { camera: 'ready', queue: -1, version: 'x' }, { camera: 'ready', queue: 0, version: 'x'.repeat(41) }]) {
    const reply = payload === undefined ? await ask(socket, 'kiosk:health') : await ask(socket, 'kiosk:health', payload);
    assert.equal(reply.ok, false, JSON.stringify(payload));
    assert.equal(reply.error.code, 'invalid_request');
    assert.match(reply.error.message, /^Send \{camera/);
  }
  assert.equal((await kioskRow()).health, null);
});

test('a kiosk silent past the setting while a window is open raises one alert, not one per minute', async () => {
  await connectAndLeave(); // last contact 08:30; asha's check-in window is open from 08:00
  assert.deepEqual(await watchAt('08:39:00'), [], '9 minutes: not yet');
  assert.deepEqual(await watchAt('08:41:00'), [kiosk.kioskId], '11 minutes');
  for (const time of ['08:42:00', '08:50:00', '09:30:00']) assert.deepEqual(await watchAt(time), [], time);
  const [alert] = await alertsOfType('kiosk_offline');
  assert.equal(alert.message, 'Kiosk "Front desk" has not reached the server since 08:30, while shifts are open. It keeps taking punches and sends them when it is back; check its power and network.');
  assert.equal(alert.kioskId, kiosk.kioskId);
  assert.equal((await alertsOfType('kiosk_offline')).length, 1);

  // Back for a moment at 09:40, dark again: told again.
  ctx.server.clock.set(at('09:40:00'));
  await connectAndLeave();
  assert.deepEqual(await watchAt('09:45:00'), []);
  assert.deepEqual(await watchAt('09:51:00'), [kiosk.kioskId]);
  assert.equal((await alertsOfType('kiosk_offline')).length, 2);
});

test('no alert while it is connected, while no window is open, or once the setting is longer', async () => {
  const socket = await ctx.track(connectKiosk(ctx.server.url, kiosk.token));
  assert.deepEqual(await watchAt('09:30:00'), [], 'connected (its last contact is old, but it is online)');
  socket.close();
  await eventually(kioskRow, (row) => row.online === false);
  await ctx.server.deps.background.settled();
  // Last contact 09:30; between 10:00 and 16:00 no window is open.
  assert.deepEqual(await watchAt('12:00:00'), [], 'no window open');
  assert.equal((await ctx.client.patch('/api/settings/', { kiosk_offline_alert_minutes: 480 }, ctx.managerAuth)).status, 200);
  assert.deepEqual(await watchAt('16:30:00'), [], '7 hours of 8');
  assert.deepEqual(await watchAt('17:31:00'), [kiosk.kioskId], 'past 8 hours, in the check-out window');
  const refused = await ctx.client.patch('/api/settings/', { kiosk_offline_alert_minutes: 0 }, ctx.managerAuth);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /kiosk_offline_alert_minutes/);
});

test.run();
