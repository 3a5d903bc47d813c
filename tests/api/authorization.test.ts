/**
 * The authorization matrix: every route, for an anonymous caller, a forged
 * token, the staff member who owns the resource (Asha), another staff member
 * (Ben), an employee without a staff profile, and a manager. Refusals carry
 * the error envelope and change nothing.
 */
import assert from 'node:assert/strict';
import { sign } from 'hono/jwt';
import { test } from 'uvu';
import { assertError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, registerAndSignIn, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import type { Auth, Reply } from '../helpers/http.js';

// Monday, inside the 09:00 shift's check-in window.
const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z' });

type World = {
  manager: Account;
  asha: StaffAccount;
  ben: StaffAccount;
  /** An Employee account with no staff profile yet. */
  nobody: Account;
  ashaShift: number;
  ashaPhoto: string;
  benPhoto: string;
};
let world: World;

type Who = 'anonymous' | 'forged' | 'asha' | 'ben' | 'nobody' | 'manager';
const everyone: Who[] = ['anonymous', 'forged', 'asha', 'ben', 'nobody', 'manager'];
let forgedToken: string;

test.before(async () => {
  // Well formed and unexpired, naming user 1 (the manager), but signed with another key.
  const iat = Math.floor(Date.parse('2026-11-23T08:55:00Z') / 1000);
  forgedToken = await sign({ sub: '1', type: 'access', iat, exp: iat + 300 }, 'not-the-server-key', 'HS256');
});
test.before.each(async () => {
  const manager = ctx.manager;
  const monday = [{ day: 'Monday', start: '09:00', end: '17:00' }];
  const asha = await createStaffMember(ctx.client, manager, 'asha', { shifts: monday });
  const ben = await createStaffMember(ctx.client, manager, 'ben', { shifts: monday });
  const nobody = await registerAndSignIn(ctx.client, 'nobody', 'Employee', manager.token);
  const ashaShift = (await ctx.client.get(`/api/shifts/?staff=${asha.staffId}`, { token: manager.token })).body[0].id;
  // Different frames: photos are content-addressed, and each must belong to one person.
  const ashaIn = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, asha);
  const benIn = await ctx.client.post('/api/attendance/', { staff: ben.staffId, captured_image: toBase64(await makeFrame(240, 320)) }, ben);
  assert.equal(ashaIn.status, 201, ashaIn.text);
  assert.equal(benIn.status, 201, benIn.text);
  assert.notEqual(ashaIn.body.captured_image, benIn.body.captured_image);
  world = { manager, asha, ben, nobody, ashaShift, ashaPhoto: ashaIn.body.captured_image, benPhoto: benIn.body.captured_image };
});

function authOf(who: Who): Auth {
  if (who === 'anonymous') return {};
  if (who === 'forged') return { token: forgedToken };
  return { token: world[who].token };
}

/** New access tokens for everyone, after moving the clock past the old ones' 5 minutes. */
async function signInAgain() {
  for (const account of [world.manager, world.asha, world.ben, world.nobody]) {
    const tokens = await ctx.client.post('/api/token/', { username: account.username, password: account.password });
    assert.equal(tokens.status, 200, tokens.text);
    account.token = tokens.body.access;
  }
}

const call = (who: Who, method: string, path: string, body?: unknown): Promise<Reply> => ctx.client.request(method, path, body, authOf(who));

async function expectRefused(who: Who[], method: string, path: string, body?: unknown) {
  for (const caller of who) {
    const reply = await call(caller, method, path, body);
    const anonymous = caller === 'anonymous' || caller === 'forged';
    assertError(reply, anonymous ? 401 : 403, anonymous ? 'unauthorized' : 'forbidden');
  }
}

async function expectOk(who: Who, method: string, path: string, body?: unknown, status = 200): Promise<Reply> {
  const reply = await call(who, method, path, body);
  assert.equal(reply.status, status, `${who} ${method} ${path}: ${reply.text}`);
  return reply;
}

/** Every route with a body that would succeed for a manager, so only the caller decides the outcome. */
function everyRoute(): [string, string, unknown?][] {
  const { asha, ashaShift, ashaPhoto, nobody } = world;
  return [
    ['POST', '/api/register/', { username: 'newcomer', password: 'Newcomer-123', role: 'Employee' }],
    ['GET', '/api/staff/'],
    ['POST', '/api/staff/', { user: nobody.id, weekly_off_days: 'Sunday' }],
    ['GET', `/api/staff/${asha.staffId}/`],
    ['PATCH', `/api/staff/${asha.staffId}/`, { name: 'Renamed' }],
    ['POST', `/api/staff/${asha.staffId}/pin`],
    ['GET', '/api/shifts/'],
    ['POST', '/api/shifts/', { staff: asha.staffId, day_of_week: 'Tuesday', shift_start: '09:00', shift_end: '17:00' }],
    ['GET', `/api/shifts/${ashaShift}/`],
    ['PATCH', `/api/shifts/${ashaShift}/`, { shift_end: '16:00' }],
    ['DELETE', `/api/shifts/${ashaShift}/`],
    ['POST', '/api/attendance/', { staff: asha.staffId, captured_image: 'aGVsbG8=' }],
    ['GET', '/api/attendance/'],
    ['GET', ashaPhoto],
    ['GET', '/api/me/'],
    ...timesheetRoutes(),
    ...alertRoutes,
    ...rosterChangeRoutes(),
    ['DELETE', '/api/roster/one-off/1'],
  ];
}

/** A manager's one-date changes to the roster, each with a body that would succeed for a manager. */
function rosterChangeRoutes(): [string, string, unknown?][] {
  const { asha, ashaShift } = world;
  return [
    ['PATCH', '/api/roster/occurrence', { shiftId: ashaShift, date: '2026-11-30', start: '10:00', end: '18:00' }],
    ['POST', '/api/roster/one-off', { staff: asha.staffId, date: '2026-11-24', start: '09:00', end: '17:00' }],
  ];
}

/** Stored alerts, for managers. */
const alertRoutes: [string, string, unknown?][] = [
  ['GET', '/api/alerts/'],
  ['GET', '/api/alerts/?unacknowledged=true'],
  ['POST', '/api/alerts/ack', {}],
];

const today = { from: '2026-11-23', to: '2026-11-23' };

/** The timesheet and ledger routes, each with a body that would succeed for a manager. */
function timesheetRoutes(): [string, string, unknown?][] {
  const { asha, ashaShift } = world;
  const occurrence = { staff: asha.staffId, shiftId: ashaShift, date: '2026-11-23' };
  return [
    ['POST', '/api/attendance/corrections', { ...occurrence, kind: 'check_in', at: '2026-11-23T08:50:00Z', reason: 'Clock was wrong' }],
    // Punch 3 is the correction above (1 and 2 are Asha's and Ben's check-ins).
    ['POST', '/api/attendance/3/void', { reason: 'Not her' }],
    ['POST', '/api/absences/', { ...occurrence, type: 'sick', note: '' }],
    ['DELETE', '/api/absences/1/', { reason: 'Wrong day' }],
    ['POST', '/api/exceptions/accept', { shiftId: ashaShift, date: '2026-11-23', type: 'api_check_in', note: 'Kiosk was down' }],
    ['GET', `/api/exceptions/?from=${today.from}&to=${today.to}`],
    ['GET', `/api/timesheets/totals?from=${today.from}&to=${today.to}`],
    ['GET', `/api/timesheets.csv?from=${today.from}&to=${today.to}`],
    ['GET', `/api/payroll.csv?from=${today.from}&to=${today.to}`],
    ['POST', '/api/timesheets/approve', today],
    ['POST', '/api/timesheets/reopen', { ...today, reason: 'Reopened' }],
    ['GET', '/api/audit/'],
    ['GET', '/api/audit/verify'],
  ];
}

test('every route refuses an anonymous caller and a forged token with 401', async () => {
  for (const [method, path, body] of everyRoute()) await expectRefused(['anonymous', 'forged'], method, path, body);
  // Nothing was changed by any of it.
  const staff = await expectOk('manager', 'GET', '/api/staff/');
  assert.deepEqual(staff.body.map((profile: { name: string }) => profile.name), ['asha', 'ben']);
  assert.equal((await expectOk('manager', 'GET', '/api/shifts/')).body.length, 2);
  assert.equal((await expectOk('manager', 'GET', '/api/attendance/')).body.length, 2);
});

test('timesheet, correction, absence, approval and ledger routes: managers only', async () => {
  const before = await expectOk('manager', 'GET', '/api/audit/verify');
  for (const [method, path, body] of timesheetRoutes()) await expectRefused(['asha', 'ben', 'nobody'], method, path, body);
  // Nothing any of them tried reached the ledger.
  assert.deepEqual((await expectOk('manager', 'GET', '/api/audit/verify')).body, before.body);
  // Each works for a manager, in an order where each can (the void and the absence removal name the rows made here).
  const status = { POST: 201, GET: 200, DELETE: 204 } as const;
  const expected: Record<string, number> = { '/api/attendance/3/void': 200, '/api/timesheets/reopen': 200 };
  for (const [method, path, body] of timesheetRoutes()) {
    await expectOk('manager', method, path, body, expected[path] ?? status[method as keyof typeof status]);
  }
});

test('one-date roster changes: managers only; staff read their own roster', async () => {
  const before = await expectOk('manager', 'GET', '/api/audit/verify');
  for (const [method, path, body] of rosterChangeRoutes()) await expectRefused(['asha', 'ben', 'nobody'], method, path, body);
  assert.deepEqual((await expectOk('manager', 'GET', '/api/audit/verify')).body, before.body);
  const [[retimeMethod, retimePath, retimeBody], [addMethod, addPath, addBody]] = rosterChangeRoutes() as [string, string, unknown][];
  await expectOk('manager', retimeMethod, retimePath, retimeBody);
  const added = await expectOk('manager', addMethod, addPath, addBody, 201);
  await expectRefused(['asha', 'ben', 'nobody'], 'DELETE', `/api/roster/one-off/${added.body.id}`);
  const tuesday = '/api/roster/?from=2026-11-24&to=2026-11-24';
  assert.deepEqual((await expectOk('asha', 'GET', tuesday)).body.map((entry: { shiftId: number }) => entry.shiftId), [added.body.id]);
  assert.deepEqual((await expectOk('ben', 'GET', tuesday)).body, []);
  await expectOk('manager', 'DELETE', `/api/roster/one-off/${added.body.id}`, undefined, 204);
});

/** The face check's routes, each with a body a manager could send. */
function faceRoutes(): [string, string, unknown?][] {
  const { asha } = world;
  return [
    ['GET', `/api/staff/${asha.staffId}/reference-photo`],
    ['PUT', `/api/staff/${asha.staffId}/reference-photo`, { fromAttendance: 1 }],
    ['DELETE', `/api/staff/${asha.staffId}/reference-photo`],
    ['POST', '/api/attendance/1/face-review', { review: 'confirmed' }],
  ];
}

test('face check routes: anonymous 401, staff 403, managers get through', async () => {
  for (const [method, path, body] of faceRoutes()) await expectRefused(['anonymous', 'forged', 'asha', 'ben', 'nobody'], method, path, body);
  // The face check is off and nobody has a reference face: a manager reaches each route and is told so.
  const expected = [404, 409, 404, 404];
  for (const [i, [method, path, body]] of faceRoutes().entries()) await expectOk('manager', method, path, body, expected[i]);
});

test('alert routes: managers only', async () => {
  for (const [method, path, body] of alertRoutes) await expectRefused(['asha', 'ben', 'nobody'], method, path, body);
  for (const [method, path, body] of alertRoutes) await expectOk('manager', method, path, body, 200);
});

test('GET /api/timesheets/: staff see their own hours, managers anyone’s', async () => {
  const { asha, ben } = world;
  const path = `/api/timesheets/?from=${today.from}&to=${today.to}`;
  const staffOf = (reply: Reply) => [...new Set(reply.body.map((entry: { staff: number }) => entry.staff))];
  assert.deepEqual(staffOf(await expectOk('asha', 'GET', path)), [asha.staffId]);
  assert.deepEqual(staffOf(await expectOk('asha', 'GET', `${path}&staff=${asha.staffId}`)), [asha.staffId]);
  await expectRefused(['asha'], 'GET', `${path}&staff=${ben.staffId}`);
  assert.deepEqual((await expectOk('nobody', 'GET', path)).body, []);
  assert.deepEqual(staffOf(await expectOk('manager', 'GET', path)).sort(), [asha.staffId, ben.staffId].sort());
});

test('POST /api/register/: only a manager', async () => {
  await expectRefused(['asha', 'ben', 'nobody'], 'POST', '/api/register/', { username: 'newcomer', password: 'Newcomer-123', role: 'Manager' });
  await expectOk('manager', 'POST', '/api/register/', { username: 'newcomer', password: 'Newcomer-123', role: 'Manager' }, 201);
});

test('GET and POST /api/staff/: only a manager', async () => {
  const body = { user: world.nobody.id, weekly_off_days: 'Sunday' };
  await expectRefused(['asha', 'ben', 'nobody'], 'GET', '/api/staff/');
  await expectRefused(['asha', 'ben', 'nobody'], 'POST', '/api/staff/', body);
  assert.equal((await expectOk('manager', 'GET', '/api/staff/')).body.length, 2);
  await expectOk('manager', 'POST', '/api/staff/', body, 201);
  assert.equal((await expectOk('manager', 'GET', '/api/staff/')).body.length, 3);
});

test('GET and PATCH /api/staff/:id/: only a manager, not even the staff member themselves', async () => {
  const path = `/api/staff/${world.asha.staffId}/`;
  await expectRefused(['asha', 'ben', 'nobody'], 'GET', path);
  await expectRefused(['asha', 'ben', 'nobody'], 'PATCH', path, { weekly_off_days: 'Monday' });
  const unchanged = await expectOk('manager', 'GET', path);
  assert.equal(unchanged.body.weekly_off_days, 'Saturday,Sunday');
  const renamed = await expectOk('manager', 'PATCH', path, { name: 'Asha Rao' });
  assert.equal(renamed.body.name, 'Asha Rao');
});

test('POST /api/staff/:id/pin: only a manager, not even the staff member themselves', async () => {
  const path = `/api/staff/${world.asha.staffId}/pin`;
  const before = await expectOk('manager', 'GET', '/api/audit/verify');
  await expectRefused(['asha', 'ben', 'nobody'], 'POST', path);
  assert.deepEqual((await expectOk('manager', 'GET', '/api/audit/verify')).body, before.body, 'a refused regeneration wrote to the ledger');
  assert.match((await expectOk('manager', 'POST', path)).body.pin, /^[0-9]{6}$/);
});

test('GET /api/shifts/: staff see their own, managers see all', async () => {
  const { asha, ben } = world;
  const own = await expectOk('asha', 'GET', '/api/shifts/');
  assert.deepEqual(own.body.map((shift: { staff: number }) => shift.staff), [asha.staffId]);
  assert.deepEqual((await expectOk('ben', 'GET', '/api/shifts/')).body.map((shift: { staff: number }) => shift.staff), [ben.staffId]);
  assert.equal((await expectOk('asha', 'GET', `/api/shifts/?staff=${asha.staffId}`)).body.length, 1);
  await expectRefused(['asha'], 'GET', `/api/shifts/?staff=${ben.staffId}`);
  await expectRefused(['nobody'], 'GET', `/api/shifts/?staff=${asha.staffId}`);
  assert.deepEqual((await expectOk('nobody', 'GET', '/api/shifts/')).body, []);
  assert.equal((await expectOk('manager', 'GET', '/api/shifts/')).body.length, 2);
  const filtered = await expectOk('manager', 'GET', `/api/shifts/?staff=${ben.staffId}`);
  assert.deepEqual(filtered.body.map((shift: { staff: number }) => shift.staff), [ben.staffId]);
});

test('POST /api/shifts/: only a manager, even for the staff member’s own template', async () => {
  const body = { staff: world.asha.staffId, day_of_week: 'Tuesday', shift_start: '09:00', shift_end: '17:00' };
  await expectRefused(['asha', 'ben', 'nobody'], 'POST', '/api/shifts/', body);
  assert.equal((await expectOk('manager', 'GET', `/api/shifts/?staff=${world.asha.staffId}`)).body.length, 1);
  await expectOk('manager', 'POST', '/api/shifts/', body, 201);
});

test('GET /api/shifts/:id/: the owner and managers; another staff member gets 403', async () => {
  const path = `/api/shifts/${world.ashaShift}/`;
  assert.equal((await expectOk('asha', 'GET', path)).body.id, world.ashaShift);
  await expectRefused(['ben', 'nobody'], 'GET', path);
  assert.equal((await expectOk('manager', 'GET', path)).body.staff, world.asha.staffId);
});

test('PATCH and DELETE /api/shifts/:id/: only a manager', async () => {
  const path = `/api/shifts/${world.ashaShift}/`;
  await expectRefused(['asha', 'ben', 'nobody'], 'PATCH', path, { shift_end: '16:00' });
  await expectRefused(['asha', 'ben', 'nobody'], 'DELETE', path);
  assert.equal((await expectOk('manager', 'GET', path)).body.shift_end, '17:00:00');
  assert.equal((await expectOk('manager', 'PATCH', path, { shift_end: '16:00' })).body.shift_end, '16:00:00');
  await expectOk('manager', 'DELETE', path, undefined, 204);
  assert.equal((await expectOk('asha', 'GET', '/api/shifts/')).body.length, 0);
});

test('POST /api/attendance/: only staff, only for themselves', async () => {
  const { asha, ben } = world;
  ctx.server.clock.set('2026-11-23T16:30:00Z'); // Check-out window.
  await signInAgain();
  const image = toBase64(await makeFrame(300, 200));
  await expectRefused(['ben', 'nobody', 'manager'], 'POST', '/api/attendance/', { staff: asha.staffId, captured_image: image });
  await expectRefused(['asha'], 'POST', '/api/attendance/', { staff: ben.staffId, captured_image: image });
  assert.equal((await expectOk('manager', 'GET', '/api/attendance/')).body.length, 2, 'no row from a refused request');
  const own = await expectOk('asha', 'POST', '/api/attendance/', { staff: asha.staffId, captured_image: image }, 201);
  assert.equal(own.body.staff, asha.staffId);
  assert.equal(own.body.kind, 'check_out');
});

test('GET /api/attendance/: staff see their own, managers see all', async () => {
  const { asha, ben } = world;
  const ids = (reply: Reply) => reply.body.map((record: { staff: number }) => record.staff);
  assert.deepEqual(ids(await expectOk('asha', 'GET', '/api/attendance/')), [asha.staffId]);
  assert.deepEqual(ids(await expectOk('ben', 'GET', '/api/attendance/')), [ben.staffId]);
  assert.deepEqual(ids(await expectOk('asha', 'GET', `/api/attendance/?staff=${asha.staffId}`)), [asha.staffId]);
  await expectRefused(['asha'], 'GET', `/api/attendance/?staff=${ben.staffId}`);
  await expectRefused(['nobody'], 'GET', `/api/attendance/?staff=${asha.staffId}`);
  assert.deepEqual((await expectOk('nobody', 'GET', '/api/attendance/')).body, []);
  assert.deepEqual(ids(await expectOk('manager', 'GET', '/api/attendance/')).sort(), [asha.staffId, ben.staffId].sort());
  assert.deepEqual(ids(await expectOk('manager', 'GET', `/api/attendance/?staff=${ben.staffId}`)), [ben.staffId]);
});

test('GET /api/photos/:id: the photo’s staff member and managers; others get 403', async () => {
  for (const who of ['asha', 'manager'] as const) {
    const reply = await fetch(`${ctx.server.url}${world.ashaPhoto}`, { headers: { Authorization: `Bearer ${world[who].token}` } });
    assert.equal(reply.status, 200, who);
    assert.equal(reply.headers.get('content-type'), 'image/webp');
    assert.ok((await reply.arrayBuffer()).byteLength > 0);
  }
  await expectRefused(['ben', 'nobody'], 'GET', world.ashaPhoto);
  await expectRefused(['asha'], 'GET', world.benPhoto);
  assertError(await call('manager', 'GET', `/api/photos/${'0'.repeat(64)}`), 404, 'not_found');
  assertError(await call('asha', 'GET', `/api/photos/${'0'.repeat(64)}`), 404, 'not_found');
  assertError(await call('manager', 'GET', '/api/photos/not-a-photo-id'), 404, 'not_found');
});

test('GET /api/me/: every signed-in user sees themselves', async () => {
  for (const who of ['asha', 'ben', 'nobody', 'manager'] as const) {
    const me = await expectOk(who, 'GET', '/api/me/');
    assert.equal(me.body.id, world[who].id, who);
    assert.equal(me.body.username, world[who].username, who);
  }
  assert.equal((await expectOk('asha', 'GET', '/api/me/')).body.staff.id, world.asha.staffId);
  assert.equal((await expectOk('nobody', 'GET', '/api/me/')).body.staff, null);
});

test('a signed-in staff member’s session cookie carries the same limits as a token', async () => {
  const login = await ctx.client.post('/api/auth/login', { username: 'asha', password: world.asha.password });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  assert.equal((await ctx.client.get('/api/shifts/', { cookie })).status, 200);
  assertError(await ctx.client.get('/api/staff/', { cookie }), 403, 'forbidden');
  assertError(await ctx.client.get(`/api/attendance/?staff=${world.ben.staffId}`, { cookie }), 403, 'forbidden');
});

test.run();
