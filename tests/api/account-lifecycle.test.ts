/**
 * Cutting people off, against a real server: deactivation refuses every
 * credential the person holds at once (password sign-in, cookie, access and
 * refresh tokens, the /admin socket); a password change signs out the other
 * sessions; a manager's reset signs out all; refresh tokens rotate and a
 * reused one revokes its family; sessions end 30 days after sign-in however
 * often they are used; the last active manager stays.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError } from '../helpers/assertions.js';
import { createStaffMember, registerAndSignIn } from '../helpers/fixtures.js';
import { closeSockets, connectManager, nextEvent, signInCookie, within } from '../helpers/sockets.js';

const ctx = useApiSuite(test, { manager: 'boss' });
const day = 24 * 60 * 60 * 1000;

async function tokens(username: string, password: string) {
  const reply = await ctx.client.post('/api/token/', { username, password });
  assert.equal(reply.status, 200, reply.text);
  return reply.body as { access: string; refresh: string };
}

test('deactivating a staff member refuses, at once, sign-in, their cookie, access token, refresh token and the directory', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const cookie = await signInCookie(ctx.client, asha.username, asha.password);
  const held = await tokens(asha.username, asha.password);
  assert.equal((await ctx.client.get('/api/staff/directory', { cookie })).status, 200);

  const off = await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: false }, await ctx.auth(ctx.manager));
  assert.equal(off.status, 200, off.text);

  const signIn = await ctx.client.post('/api/token/', { username: asha.username, password: asha.password });
  assertError(signIn, 401, 'unauthorized');
  assert.match(signIn.body.error.message, /deactivated/);
  assertError(await ctx.client.post('/api/auth/login', { username: asha.username, password: asha.password }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/me/', { cookie }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/staff/directory', { cookie }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/me/', { token: held.access }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: held.refresh }), 401, 'unauthorized');

  // Reactivated, they sign in again (and only with new credentials: the old refresh token stays revoked).
  const on = await ctx.client.patch(`/api/staff/${asha.staffId}/`, { active: true }, await ctx.auth(ctx.manager));
  assert.equal(on.status, 200, on.text);
  const fresh = await tokens(asha.username, asha.password);
  assert.equal((await ctx.client.get('/api/me/', { token: fresh.access })).status, 200);
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: held.refresh }), 401, 'unauthorized');
});

test('deactivating a manager closes their /admin socket; the last active manager cannot be deactivated', async () => {
  const second = await registerAndSignIn(ctx.client, 'deputy', 'Manager', ctx.manager.token);
  const cookie = await signInCookie(ctx.client, second.username, second.password);
  const live = await connectManager(ctx.server.url, cookie);
  await live.snapshot;
  const closed = nextEvent(live.socket, 'disconnect');

  const off = await ctx.client.patch(`/api/users/${second.id}/`, { active: false }, await ctx.auth(ctx.manager));
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.active, false);
  assert.equal(await within(closed, 'the deactivated manager’s socket to close'), 'io server disconnect');
  closeSockets(live.socket);
  assertError(await ctx.client.get('/api/me/', { cookie }), 401, 'unauthorized');

  const last = await ctx.client.patch(`/api/users/${ctx.manager.id}/`, { active: false }, await ctx.auth(ctx.manager));
  assertError(last, 409, 'last_manager');
  assert.equal((await ctx.client.get('/api/me/', await ctx.auth(ctx.manager))).status, 200);
  const listed = await ctx.client.get('/api/users/', await ctx.auth(ctx.manager));
  assert.deepEqual(
    listed.body.map((account: { username: string; active: boolean }) => [account.username, account.active]),
    [['boss', true], ['deputy', false]],
  );
});

test('changing one’s own password keeps this session and ends the others, and old access tokens', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const here = await signInCookie(ctx.client, asha.username, asha.password);
  const elsewhere = await signInCookie(ctx.client, asha.username, asha.password);
  const held = await tokens(asha.username, asha.password);
  ctx.server.clock.advance(2000);

  const wrong = await ctx.client.post('/api/auth/password', { current: 'not-my-password', password: 'a-new-Passw0rd!' }, { cookie: here });
  assertError(wrong, 400, 'wrong_password');
  const changed = await ctx.client.post('/api/auth/password', { current: asha.password, password: 'a-new-Passw0rd!' }, { cookie: here });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.signedOutSessions, 1);

  assert.equal((await ctx.client.get('/api/me/', { cookie: here })).status, 200);
  assertError(await ctx.client.get('/api/me/', { cookie: elsewhere }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/me/', { token: held.access }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: held.refresh }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/token/', { username: asha.username, password: asha.password }), 401, 'unauthorized');
  await tokens(asha.username, 'a-new-Passw0rd!');
});

test('a manager’s password reset ends every session of that account', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const cookie = await signInCookie(ctx.client, asha.username, asha.password);
  ctx.server.clock.advance(2000);
  const reset = await ctx.client.post(`/api/users/${asha.id}/password`, { password: 'reset-Passw0rd!' }, await ctx.auth(ctx.manager));
  assert.equal(reset.status, 200, reset.text);
  assertError(await ctx.client.get('/api/me/', { cookie }), 401, 'unauthorized');
  await tokens(asha.username, 'reset-Passw0rd!');
  const asStaff = await ctx.client.post(`/api/users/${ctx.manager.id}/password`, { password: 'stolen-Passw0rd!' }, { cookie: await signInCookie(ctx.client, asha.username, 'reset-Passw0rd!') });
  assertError(asStaff, 403, 'forbidden');
});

test('refresh tokens rotate; using a retired one revokes the whole family', async () => {
  const first = await tokens(ctx.manager.username, ctx.manager.password);
  const second = await ctx.client.post('/api/token/refresh/', { refresh: first.refresh });
  assert.equal(second.status, 200, second.text);
  const third = await ctx.client.post('/api/token/refresh/', { refresh: second.body.refresh });
  assert.equal(third.status, 200, third.text);

  const replay = await ctx.client.post('/api/token/refresh/', { refresh: first.refresh });
  assertError(replay, 401, 'unauthorized');
  assert.match(replay.body.error.message, /already used/);
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: third.body.refresh }), 401, 'unauthorized');
  // Another sign-in is another family, untouched.
  const other = await tokens(ctx.manager.username, ctx.manager.password);
  assert.equal((await ctx.client.post('/api/token/refresh/', { refresh: other.refresh })).status, 200);
});

test('signing out closes that session’s /admin socket', async () => {
  const cookie = await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password);
  const live = await connectManager(ctx.server.url, cookie);
  await live.snapshot;
  const closed = nextEvent(live.socket, 'disconnect');
  assert.equal((await ctx.client.post('/api/auth/logout', undefined, { cookie })).status, 200);
  assert.equal(await within(closed, 'the signed-out socket to close'), 'io server disconnect');
  closeSockets(live.socket);
});

test('a session used every day still ends 30 days after sign-in', async () => {
  const cookie = await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password);
  for (let days = 6; days <= 24; days += 6) {
    ctx.server.clock.advance(6 * day);
    assert.equal((await ctx.client.get('/api/me/', { cookie })).status, 200, `day ${days}`);
  }
  ctx.server.clock.advance(6 * day + 1000);
  assertError(await ctx.client.get('/api/me/', { cookie }), 401, 'unauthorized');
});

test.run();
