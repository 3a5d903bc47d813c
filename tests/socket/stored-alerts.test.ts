/**
 * Alerts are stored: raised while no manager is connected, they are listed by
 * `GET /api/alerts/`; one manager's acknowledgement is told to the others and
 * shown to everyone with who acknowledged it. Organisation time zone UTC;
 * Monday 23 November 2026, a 09:00–17:00 shift.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import { eventually } from '../helpers/assertions.js';
import { createStaffMember, makeFrame, registerAndSignIn } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, closeSockets, connectManager, nextEvent, signInCookie, type Socket } from '../helpers/sockets.js';

const at = (time: string) => `2026-11-23T${time}Z`;
const ctx = useSocketSuite(test, { now: at('09:20:00'), timezone: 'UTC', kiosk: 'Front desk' });

async function checkInLate(socket: Socket, pin: string): Promise<void> {
  const identified = await ask(socket, 'identify', { pin });
  assert.equal(identified.ok, true, JSON.stringify(identified));
  const captured = await ask(socket, 'capture', { attempt: identified.attempt, kind: 'check_in', image: await makeFrame(640, 480), requestId: randomUUID() });
  assert.equal(captured.attendance?.status, 'late', JSON.stringify(captured));
}

const listAlerts = async (query = '') => {
  const reply = await ctx.client.get(`/api/alerts/${query}`, ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  return reply.body as { alerts: any[]; unacknowledged: number };
};

test('a late arrival while no manager is connected is waiting in the list, naming the person', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  assert.deepEqual(await listAlerts(), { alerts: [], unacknowledged: 0 });
  await checkInLate(ctx.kiosk, '111111');
  // Written as the punch is announced, just after the kiosk's ack.
  const listed = await eventually(listAlerts, (list) => list.alerts.length > 0);
  assert.equal(listed.unacknowledged, 1);
  const [alert] = listed.alerts;
  assert.equal(alert.type, 'late_arrival');
  assert.equal(alert.message, 'asha checked in 20 minutes late.');
  assert.equal(alert.acknowledged, null);
  assert.equal(typeof alert.id, 'number');
  assert.deepEqual((await listAlerts('?since=2026-11-23T09:30:00Z')).alerts, [], 'since leaves out older alerts');
  assert.equal((await listAlerts('?since=2026-11-23T09:00:00Z')).alerts.length, 1);
});

test('one manager acknowledges: every manager is told, and the list says who and when', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const other = await registerAndSignIn(ctx.client, 'second_manager', 'Manager', ctx.manager.token);
  const otherCookie = await signInCookie(ctx.client, other.username, other.password);
  const { socket: watching } = await connectManager(ctx.server.url, otherCookie);
  try {
    const raised = nextEvent(watching, 'alert');
    await checkInLate(ctx.kiosk, '111111');
    const first = await raised;
    assert.equal(first.acknowledged, null);
    const second = nextEvent(watching, 'alert');
    await checkInLate(ctx.kiosk, '222222');
    assert.equal((await second).message, 'ben checked in 20 minutes late.');

    ctx.server.clock.set(at('09:25:00'));
    const told = nextEvent(watching, 'alert:acknowledged');
    const acked = await ctx.client.post(`/api/alerts/${first.id}/ack`, {}, ctx.managerAuth);
    assert.equal(acked.status, 200, acked.text);
    assert.deepEqual(acked.body.acknowledged, { by: ctx.manager.username, at: '2026-11-23T09:25:00.000Z' });
    assert.deepEqual(await told, { ids: [first.id], by: ctx.manager.username, at: '2026-11-23T09:25:00.000Z' });

    // Acknowledging again changes nothing: the first acknowledgement stands.
    ctx.server.clock.set(at('09:26:00'));
    const again = await ctx.client.post(`/api/alerts/${first.id}/ack`, {}, { cookie: otherCookie });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.body.acknowledged, { by: ctx.manager.username, at: '2026-11-23T09:25:00.000Z' });

    const listed = await listAlerts();
    assert.equal(listed.unacknowledged, 1);
    assert.deepEqual((await listAlerts('?unacknowledged=true')).alerts.map((a) => a.message), ['ben checked in 20 minutes late.']);

    // "Acknowledge all" takes the rest, as the second manager.
    const all = await ctx.client.post('/api/alerts/ack', {}, { cookie: otherCookie });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.acknowledged.length, 1);
    assert.equal((await listAlerts()).unacknowledged, 0);
    assert.deepEqual(
      (await listAlerts()).alerts.map((a) => a.acknowledged.by),
      [other.username, ctx.manager.username],
    );
  } finally {
    closeSockets(watching);
  }
});

test('bad input and the wrong people are refused with a sentence, and change nothing', async () => {
  const staff = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111' });
  const cases: [string, string, object, number, RegExp][] = [
    ['get', '/api/alerts/?since=yesterday', ctx.managerAuth, 400, /since: must be an ISO 8601 instant/],
    ['get', '/api/alerts/?unacknowledged=maybe', ctx.managerAuth, 400, /unacknowledged: must be true or false/],
    ['get', '/api/alerts/?limit=0', ctx.managerAuth, 400, /limit: must be at least 1/],
    ['post', '/api/alerts/abc/ack', ctx.managerAuth, 400, /id/],
    ['post', '/api/alerts/999/ack', ctx.managerAuth, 404, /There is no alert 999\./],
    ['get', '/api/alerts/', {}, 401, /./],
    ['post', '/api/alerts/ack', {}, 401, /./],
    ['get', '/api/alerts/', { token: staff.token }, 403, /./],
    ['post', '/api/alerts/ack', { token: staff.token }, 403, /./],
  ];
  for (const [method, path, auth, status, message] of cases) {
    const reply = method === 'get' ? await ctx.client.get(path, auth) : await ctx.client.post(path, {}, auth);
    assert.equal(reply.status, status, `${method} ${path}: ${reply.text}`);
    assert.match(reply.body.error.message, message, `${method} ${path}`);
  }
});

test.run();
