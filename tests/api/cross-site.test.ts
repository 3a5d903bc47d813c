/**
 * Cross-site requests against a real server: what a page on another origin
 * can make a signed-in manager's browser send (a form post with a text/plain
 * JSON body, a cross-origin PATCH, a WebSocket to /admin) is refused and
 * changes nothing; the web apps' own requests, Bearer clients without a
 * Content-Type and the default Socket.IO namespace behave as DESIGN says.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { io } from 'socket.io-client';
import { closeSockets, connectManager, refusal, signInCookie } from '../helpers/sockets.js';

const ctx = useApiSuite(test, { manager: 'boss' });
const attacker = 'http://127.0.0.1:1';

let cookie: string;
test.before.each(async () => {
  cookie = await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password);
});

const own = () => ctx.server.url;
const send = (method: string, path: string, headers: Record<string, string>, body?: string) => ctx.client.request(method, path, body, {}, headers);

async function usernames(): Promise<string[]> {
  const result = (await ctx.server.deps.db.execute(sql`select username from users order by id`)) as unknown as { rows: { username: string }[] };
  return result.rows.map((row) => row.username);
}

const registerBody = JSON.stringify({ username: 'intruder', password: 'intruder-Passw0rd!', role: 'Manager' });

test('a text/plain form from another origin, with the manager cookie, creates no manager (403 cross_origin)', async () => {
  const reply = await send('POST', '/api/register/', { cookie, origin: attacker, 'content-type': 'text/plain', 'sec-fetch-site': 'same-site' }, registerBody);
  assert.equal(reply.status, 403, reply.text);
  assert.equal(reply.body.error.code, 'cross_origin');
  assert.match(reply.body.error.message, /^This request came from another site \(http:\/\/127\.0\.0\.1:1\), so it was refused\./);
  assert.deepEqual(await usernames(), ['boss']);
});

test('without Origin, a Referer or Sec-Fetch-Site from another site is refused too', async () => {
  const byReferer = await send('POST', '/api/register/', { cookie, referer: `${attacker}/page.html`, 'content-type': 'application/json' }, registerBody);
  assert.equal(byReferer.status, 403, byReferer.text);
  const byFetchSite = await send('POST', '/api/register/', { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, registerBody);
  assert.equal(byFetchSite.status, 403, byFetchSite.text);
  assert.deepEqual(await usernames(), ['boss']);
});

test('a cross-origin PATCH of the settings changes nothing', async () => {
  const reply = await send('PATCH', '/api/settings/', { cookie, origin: attacker, 'content-type': 'application/json' }, JSON.stringify({ late_grace_minutes: 59 }));
  assert.equal(reply.status, 403, reply.text);
  const settings = await ctx.client.get('/api/settings/', { cookie });
  assert.notEqual(settings.body.late_grace_minutes, 59);
});

test('from our own origin, a cookie write must be JSON (415), and JSON works', async () => {
  const plain = await send('POST', '/api/register/', { cookie, origin: own(), 'content-type': 'text/plain' }, registerBody);
  assert.equal(plain.status, 415, plain.text);
  assert.equal(plain.body.error.code, 'unsupported_media_type');
  assert.deepEqual(await usernames(), ['boss']);

  const json = await send('POST', '/api/register/', { cookie, origin: own(), 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, registerBody);
  assert.equal(json.status, 201, json.text);
  assert.deepEqual(await usernames(), ['boss', 'intruder']);
});

test('Bearer clients without a Content-Type, and clients that send no Origin, keep working', async () => {
  const bearer = await send('POST', '/api/register/', { authorization: `Bearer ${ctx.manager.token}` }, JSON.stringify({ username: 'cleo', password: 'cleo-Passw0rd!', role: 'Employee' }));
  assert.equal(bearer.status, 201, bearer.text);
  // Even with a foreign Origin: a Bearer token is no ambient credential a page could borrow.
  const bearerForeign = await send('POST', '/api/register/', { authorization: `Bearer ${ctx.manager.token}`, origin: attacker, 'content-type': 'text/plain' }, JSON.stringify({ username: 'dev', password: 'dev-Passw0rd!', role: 'Employee' }));
  assert.equal(bearerForeign.status, 201, bearerForeign.text);
  const token = await send('POST', '/api/token/', {}, JSON.stringify({ username: 'cleo', password: 'cleo-Passw0rd!' }));
  assert.equal(token.status, 200, token.text);
});

test('signing in from another origin is refused (no session planted by another site)', async () => {
  const reply = await send('POST', '/api/auth/login', { origin: attacker, 'content-type': 'application/json' }, JSON.stringify({ username: 'boss', password: ctx.manager.password }));
  assert.equal(reply.status, 403, reply.text);
  assert.equal(reply.headers.getSetCookie().length, 0);
});

test('the /admin socket refuses a foreign Origin and accepts our own; the default namespace refuses everyone', async () => {
  const foreign = io(`${own()}/admin`, { transports: ['websocket'], forceNew: true, autoConnect: false, reconnection: false, extraHeaders: { cookie, origin: attacker } });
  assert.equal(await refusal(foreign), 'cross_origin');

  const ours = io(`${own()}/admin`, { transports: ['websocket'], forceNew: true, autoConnect: false, extraHeaders: { cookie, origin: own() } });
  const connected = new Promise<void>((resolve, reject) => {
    ours.once('connect', resolve);
    ours.once('connect_error', reject);
  });
  ours.connect();
  await connected;
  closeSockets(ours);

  const manager = await connectManager(own(), cookie);
  await manager.snapshot;
  closeSockets(manager.socket);

  const root = io(own(), { transports: ['websocket'], forceNew: true, autoConnect: false, reconnection: false });
  assert.equal(await refusal(root), 'not_found');
});

test('pages carry a Content-Security-Policy; only the kiosk may use the camera', async () => {
  for (const path of ['/app', '/kiosk', '/api/auth/status']) {
    const reply = await fetch(`${own()}${path}`);
    const policy = reply.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'self'/, `${path}: ${policy}`);
    assert.match(policy, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/, `${path}: ${policy}`);
    assert.match(policy, /img-src 'self' blob: data:/, `${path}: ${policy}`);
    assert.match(policy, /frame-ancestors 'none'/, `${path}: ${policy}`);
    const permissions = reply.headers.get('permissions-policy') ?? '';
    assert.match(permissions, path === '/kiosk' ? /camera=\(self\)/ : /camera=\(\)/, `${path}: ${permissions}`);
  }
});

test.run();
