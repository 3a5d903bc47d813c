/**
 * Accounts: registering (the first manager, then only managers), the
 * original API's JWT pair with its lifetimes, cookie sessions for the web
 * apps, and `GET /api/me/`.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { createManager, createStaffMember } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

// No manager: several tests are about registering the first one.
const ctx = useApiSuite(test, { now: '2026-11-23T12:00:00Z', manager: false });

const password = 'Correct-Horse-9';

/** The one Set-Cookie header for the session cookie (two for one name leave the browser guessing). */
function sessionCookieOf(reply: Reply): string {
  const headers = reply.headers.getSetCookie().filter((cookie) => cookie.startsWith('rollcall_session='));
  assert.equal(headers.length, 1, `expected one session Set-Cookie, got ${JSON.stringify(reply.headers.getSetCookie())}`);
  return headers[0]!;
}

test('the first manager registers without authentication', async () => {
  const status = await ctx.client.get('/api/auth/status');
  assert.equal(status.body.needsFirstManager, true);
  const reply = await ctx.client.post('/api/register/', { username: 'boss', password, role: 'Manager' });
  assert.equal(reply.status, 201, reply.text);
  assert.deepEqual(reply.body, { id: 1, username: 'boss', role: 'Manager' });
  assert.equal((await ctx.client.get('/api/auth/status')).body.needsFirstManager, false);
});

test('two first managers registering at once: exactly one wins', async () => {
  const replies = await Promise.all(
    ['first', 'second'].map((username) => ctx.client.post('/api/register/', { username, password, role: 'Manager' })),
  );
  assert.deepEqual(replies.map((reply) => reply.status).sort(), [201, 401], replies.map((reply) => reply.text).join('\n'));
  assertError(replies.find((reply) => reply.status === 401)!, 401, 'unauthorized');
});

test('the first account must be a manager: Employee is refused and nothing is created', async () => {
  assertError(await ctx.client.post('/api/register/', { username: 'asha', password, role: 'Employee' }), 403, 'forbidden');
  assertError(await ctx.client.post('/api/token/', { username: 'asha', password }), 401, 'unauthorized');
  // Still a fresh install: the first manager can be created afterwards.
  const manager = await ctx.client.post('/api/register/', { username: 'boss', password, role: 'Manager' });
  assert.equal(manager.status, 201, manager.text);
});

test('after the first user only a manager registers: anonymous 401, staff 403, manager 201', async () => {
  const manager = await createManager(ctx.client);
  const staff = await createStaffMember(ctx.client, manager, 'asha');
  assertError(await ctx.client.post('/api/register/', { username: 'eve', password, role: 'Manager' }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/register/', { username: 'eve', password, role: 'Employee' }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/register/', { username: 'eve', password, role: 'Employee' }, { token: staff.token }), 403, 'forbidden');
  assertError(await ctx.client.post('/api/token/', { username: 'eve', password }), 401);
  const created = await ctx.client.post('/api/register/', { username: 'eve', password, role: 'Employee' }, { token: manager.token });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.body, { id: 3, username: 'eve', role: 'Employee' });
});

test('usernames are unique regardless of letter case', async () => {
  const manager = await createManager(ctx.client, 'Boss');
  for (const username of ['boss', 'BOSS', ' Boss ']) {
    const reply = await ctx.client.post('/api/register/', { username, password, role: 'Employee' }, { token: manager.token });
    assertError(reply, 409, 'username_taken');
  }
  // Signing in is case-insensitive too, and finds the one account.
  const tokens = await ctx.client.post('/api/token/', { username: 'BOSS', password: manager.password });
  assert.equal(tokens.status, 200, tokens.text);
});

test('role names Employee, Staff and Manager are accepted in any letter case', async () => {
  const manager = await createManager(ctx.client);
  const cases: [string, string][] = [
    ['Employee', 'Employee'],
    ['employee', 'Employee'],
    ['STAFF', 'Employee'],
    ['staff', 'Employee'],
    ['manager', 'Manager'],
    ['MaNaGeR', 'Manager'],
  ];
  for (const [index, [role, shown]] of cases.entries()) {
    const reply = await ctx.client.post('/api/register/', { username: `user${index}`, password, role }, { token: manager.token });
    assert.equal(reply.status, 201, `${role}: ${reply.text}`);
    assert.equal(reply.body.role, shown, role);
  }
});

test('a bad role, username or password is a 400 naming the field', async () => {
  const manager = await createManager(ctx.client);
  const auth = { token: manager.token };
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve', password, role: 'Admin' }, auth), 'role');
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve', password, role: '' }, auth), 'role');
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve', password }, auth), 'role');
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve', password: 'short', role: 'Employee' }, auth), 'password');
  assertFieldError(await ctx.client.post('/api/register/', { username: 'eve smith', password, role: 'Employee' }, auth), 'username');
  assertFieldError(await ctx.client.post('/api/register/', { username: '', password, role: 'Employee' }, auth), 'username');
  assertError(await ctx.client.post('/api/token/', { username: 'eve', password }), 401);
});

test('a wrong password and an unknown user get the same 401', async () => {
  await createManager(ctx.client, 'boss');
  const wrongPassword = await ctx.client.post('/api/token/', { username: 'boss', password: 'not-the-password' });
  const unknownUser = await ctx.client.post('/api/token/', { username: 'nobody', password: 'not-the-password' });
  assertError(wrongPassword, 401, 'unauthorized');
  assertError(unknownUser, 401, 'unauthorized');
  assert.equal(wrongPassword.body.error.message, unknownUser.body.error.message);
  assert.equal(wrongPassword.body.refresh, undefined);
});

test('a refresh token gives a new working access token and the next refresh token (DESIGN: refresh tokens rotate)', async () => {
  const manager = await createManager(ctx.client);
  const tokens = await ctx.client.post('/api/token/', { username: manager.username, password: manager.password });
  ctx.server.clock.advance(60_000);
  const refreshed = await ctx.client.post('/api/token/refresh/', { refresh: tokens.body.refresh });
  assert.equal(refreshed.status, 200, refreshed.text);
  // The original reply was `{access}`; the next refresh token now comes beside it.
  assert.deepEqual(Object.keys(refreshed.body).sort(), ['access', 'refresh']);
  assert.notEqual(refreshed.body.access, tokens.body.access);
  assert.notEqual(refreshed.body.refresh, tokens.body.refresh);
  const me = await ctx.client.get('/api/me/', { token: refreshed.body.access });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.username, manager.username);
});

test('only a refresh token refreshes: an access token, garbage or a missing one are refused', async () => {
  const manager = await createManager(ctx.client);
  const tokens = await ctx.client.post('/api/token/', { username: manager.username, password: manager.password });
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: tokens.body.access }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: 'not.a.jwt' }), 401, 'unauthorized');
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: `${tokens.body.refresh}x` }), 401, 'unauthorized');
  assertFieldError(await ctx.client.post('/api/token/refresh/', {}), 'refresh');
  // …and a refresh token is not an access token either.
  assertError(await ctx.client.get('/api/me/', { token: tokens.body.refresh }), 401, 'unauthorized');
});

test('an access token expires after 5 minutes; a refresh token after a day', async () => {
  const manager = await createManager(ctx.client);
  const tokens = await ctx.client.post('/api/token/', { username: manager.username, password: manager.password });
  ctx.server.clock.advance(5 * 60_000 - 1000);
  assert.equal((await ctx.client.get('/api/me/', { token: tokens.body.access })).status, 200);
  ctx.server.clock.advance(1000);
  assertError(await ctx.client.get('/api/me/', { token: tokens.body.access }), 401, 'unauthorized');
  const refreshed = await ctx.client.post('/api/token/refresh/', { refresh: tokens.body.refresh });
  assert.equal(refreshed.status, 200, refreshed.text);
  assert.equal((await ctx.client.get('/api/me/', { token: refreshed.body.access })).status, 200);

  ctx.server.clock.set('2026-11-24T12:00:00Z');
  assertError(await ctx.client.post('/api/token/refresh/', { refresh: tokens.body.refresh }), 401, 'unauthorized');
});

test('cookie sign-in: HttpOnly, SameSite=Lax session that works for /api/me/ until logout', async () => {
  const manager = await createManager(ctx.client);
  const login = await ctx.client.post('/api/auth/login', { username: manager.username, password: manager.password });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.body.user.username, manager.username);
  const header = sessionCookieOf(login);
  assert.match(header, /;\s*HttpOnly/i);
  assert.match(header, /;\s*SameSite=Lax/i);
  assert.match(header, /;\s*Path=\//i);
  assert.doesNotMatch(header, /;\s*Secure/i, 'not Secure on plain HTTP');
  const cookie = header.split(';')[0]!;

  const me = await ctx.client.get('/api/me/', { cookie });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.username, manager.username);
  assert.equal((await ctx.client.get('/api/staff/', { cookie })).status, 200, 'the session authenticates manager routes');

  const logout = await ctx.client.post('/api/auth/logout', undefined, { cookie });
  assert.equal(logout.status, 200, logout.text);
  assert.match(sessionCookieOf(logout), /Max-Age=0|Expires=Thu, 01 Jan 1970/i, 'the browser is told to drop the cookie');
  // The session is gone on the server, not only in the browser.
  assertError(await ctx.client.get('/api/me/', { cookie }), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/staff/', { cookie }), 401, 'unauthorized');
});

test('cookie sign-in refuses wrong credentials without setting a cookie', async () => {
  await createManager(ctx.client, 'boss');
  const login = await ctx.client.post('/api/auth/login', { username: 'boss', password: 'wrong-password' });
  assertError(login, 401, 'unauthorized');
  assert.equal(login.headers.getSetCookie().length, 0);
  assertError(await ctx.client.get('/api/me/', { cookie: 'rollcall_session=made-up-token' }), 401, 'unauthorized');
});

test('GET /api/me/ shows a manager without, and a staff member with, a staff profile', async () => {
  const manager = await createManager(ctx.client, 'boss');
  const staff = await createStaffMember(ctx.client, manager, 'asha', { weeklyOffs: 'Sunday', pin: '246810' });
  assertError(await ctx.client.get('/api/me/'), 401, 'unauthorized');

  const managerMe = await ctx.client.get('/api/me/', { token: manager.token });
  assert.equal(managerMe.status, 200, managerMe.text);
  assert.deepEqual(managerMe.body, { id: manager.id, username: 'boss', role: 'manager', staff: null });

  const staffMe = await ctx.client.get('/api/me/', { token: staff.token });
  assert.equal(staffMe.status, 200, staffMe.text);
  assert.equal(staffMe.body.id, staff.id);
  assert.equal(staffMe.body.role, 'staff');
  assert.deepEqual(staffMe.body.staff, {
    id: staff.staffId,
    user: staff.id,
    username: 'asha',
    name: 'asha',
    weekly_off_days: 'Sunday',
    active: true,
    has_pin: true,
    // Made today on the test clock (2026-11-23).
    started_on: '2026-11-23',
  });
});

test.run();
