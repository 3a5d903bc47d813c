/**
 * Kiosk pairing and revocation: one-time pairing codes (who may make them,
 * their alphabet, single use, 10-minute life), the kiosk list's online
 * state, and revocation ending a live kiosk connection at once.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { createStaffMember } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import {
  ask,
  closeSockets,
  connectKiosk,
  connectManager,
  kioskSocket,
  nextEvent,
  nextEventWhere,
  pairKiosk,
  refusal,
  signInCookie,
  type Socket,
} from '../helpers/sockets.js';

const ctx = useSocketSuite(test, { now: '2026-11-23T12:00:00Z', timezone: 'UTC' });

async function newCode(): Promise<{ code: string; expiresAt: string }> {
  const reply = await ctx.client.post('/api/kiosks/pairing-codes', {}, ctx.managerAuth);
  assert.equal(reply.status, 201, reply.text);
  return reply.body;
}

async function listKiosks(): Promise<any[]> {
  const reply = await ctx.client.get('/api/kiosks/', ctx.managerAuth);
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

test('a pairing code is 8 characters from the unambiguous alphabet and lasts 10 minutes', async () => {
  const codes = await Promise.all(Array.from({ length: 25 }, () => newCode()));
  for (const { code, expiresAt } of codes) {
    assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    assert.equal(expiresAt, '2026-11-23T12:10:00.000Z');
  }
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length, 'codes are random, not repeated');
  // Only a hash of each code is kept.
  const stored = await ctx.server.database.db.execute(sql`select code_hash from pairing_codes`);
  const hashes = (stored as unknown as { rows: { code_hash: string }[] }).rows.map((row) => row.code_hash);
  assert.equal(hashes.length, codes.length);
  for (const { code } of codes) assert.ok(!hashes.includes(code));
});

test('only a manager makes pairing codes, lists and revokes kiosks: anonymous 401, staff 403', async () => {
  const staff = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const staffCookie = await signInCookie(ctx.client, staff.username, staff.password);
  const { kioskId } = await pairKiosk(ctx.client, ctx.managerAuth);
  for (const auth of [{ token: staff.token }, { cookie: staffCookie }]) {
    assertError(await ctx.client.post('/api/kiosks/pairing-codes', {}, auth), 403, 'forbidden');
    assertError(await ctx.client.get('/api/kiosks/', auth), 403, 'forbidden');
    assertError(await ctx.client.delete(`/api/kiosks/${kioskId}/`, auth), 403, 'forbidden');
  }
  assertError(await ctx.client.post('/api/kiosks/pairing-codes', {}), 401, 'unauthorized');
  assertError(await ctx.client.get('/api/kiosks/'), 401, 'unauthorized');
  assertError(await ctx.client.delete(`/api/kiosks/${kioskId}/`), 401, 'unauthorized');
  // A bearer token works for a manager as well as the cookie.
  const withToken = await ctx.client.post('/api/kiosks/pairing-codes', {}, { token: ctx.manager.token });
  assert.equal(withToken.status, 201, withToken.text);
  const kiosks = await listKiosks();
  assert.equal(kiosks.length, 1);
  assert.equal(kiosks[0].revokedAt, null, 'the refused revocations changed nothing');
});

test('a code pairs exactly one kiosk; reusing it answers 400 invalid_code', async () => {
  const { code } = await newCode();
  const paired = await ctx.client.post('/api/kiosks/pair', { code, name: 'Front desk' });
  assert.equal(paired.status, 201, paired.text);
  assert.equal(typeof paired.body.kioskId, 'number');
  assert.equal(typeof paired.body.token, 'string');
  assert.ok(paired.body.token.length >= 32, 'the token is long and random');
  assertError(await ctx.client.post('/api/kiosks/pair', { code, name: 'Back office' }), 400, 'invalid_code');
  const kiosks = await listKiosks();
  assert.deepEqual(
    kiosks.map((k) => ({ id: k.id, name: k.name })),
    [{ id: paired.body.kioskId, name: 'Front desk' }],
  );
  assert.equal(kiosks[0].pairedAt, '2026-11-23T12:00:00.000Z');
  // The database keeps a hash of the kiosk token, never the token itself.
  const stored = await ctx.server.database.db.execute(sql`select token_hash from kiosks`);
  const [row] = (stored as unknown as { rows: { token_hash: string }[] }).rows;
  assert.notEqual(row!.token_hash, paired.body.token);
  assert.ok(!row!.token_hash.includes(paired.body.token));
});

test('a code still works at 9:59 and has expired at 10:00', async () => {
  const early = await newCode();
  const late = await newCode();
  ctx.server.clock.advance(10 * 60_000 - 1000);
  const inTime = await ctx.client.post('/api/kiosks/pair', { code: early.code, name: 'Front desk' });
  assert.equal(inTime.status, 201, inTime.text);
  ctx.server.clock.advance(1000);
  assertError(await ctx.client.post('/api/kiosks/pair', { code: late.code, name: 'Back office' }), 400, 'invalid_code');
  assert.equal((await listKiosks()).length, 1);
});

test('a code may be typed in lower case, with dashes or spaces', async () => {
  for (const [index, format] of [(c: string) => c.toLowerCase(), (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`, (c: string) => ` ${c.slice(0, 4).toLowerCase()} ${c.slice(4)} `].entries()) {
    const { code } = await newCode();
    const reply = await ctx.client.post('/api/kiosks/pair', { code: format(code), name: `Kiosk ${index}` });
    assert.equal(reply.status, 201, `${format(code)}: ${reply.text}`);
  }
  assert.equal((await listKiosks()).length, 3);
});

test('pairing with a bad body is a 400 that creates nothing', async () => {
  const { code } = await newCode();
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { code }), 'name');
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { code, name: '   ' }), 'name');
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { code, name: 'x'.repeat(81) }), 'name');
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { name: 'Front desk' }), 'code');
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { code: 12345678, name: 'Front desk' }), 'code');
  assertFieldError(await ctx.client.post('/api/kiosks/pair', { code: code.slice(0, 7), name: 'Front desk' }), 'code');
  assertError(await ctx.client.post('/api/kiosks/pair', { code: '00000000', name: 'Front desk' }), 400, 'invalid_code'); // 0 is never in a code.
  assertError(await ctx.client.post('/api/kiosks/pair', '{"code": '), 400, 'invalid_json');
  assert.deepEqual(await listKiosks(), []);
  // The refusals did not use the code up.
  assert.equal((await ctx.client.post('/api/kiosks/pair', { code, name: 'Front desk' })).status, 201);
});

test('GET /api/kiosks/ shows a kiosk online while it is connected and offline after; managers see kiosk:status', async () => {
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth);
  let before = await listKiosks();
  assert.equal(before[0].online, false);
  assert.equal(before[0].lastSeenAt, null);

  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  let kiosk: Socket | undefined;
  try {
    const online = nextEventWhere(admin, 'kiosk:status', (s) => s.id === kioskId && s.online === true);
    ctx.server.clock.set('2026-11-23T12:01:00Z');
    kiosk = await connectKiosk(ctx.server.url, token);
    assert.deepEqual(await online, { id: kioskId, name: 'Front desk', online: true, lastSeenAt: '2026-11-23T12:01:00.000Z' });
    before = await listKiosks();
    assert.equal(before[0].online, true);

    const offline = nextEventWhere(admin, 'kiosk:status', (s) => s.id === kioskId && s.online === false);
    ctx.server.clock.set('2026-11-23T12:05:00Z');
    kiosk.close();
    assert.equal((await offline).online, false);
    const after = await listKiosks();
    assert.equal(after[0].online, false);
    assert.equal(after[0].lastSeenAt, '2026-11-23T12:05:00.000Z');
  } finally {
    closeSockets(kiosk, admin);
  }
});

test('revoking a kiosk disconnects it at once, and its token is refused from then on', async () => {
  const revoked = await pairKiosk(ctx.client, ctx.managerAuth, 'Front desk');
  const other = await pairKiosk(ctx.client, ctx.managerAuth, 'Back office');
  const { socket: admin } = await connectManager(ctx.server.url, ctx.cookie);
  const kiosk = await connectKiosk(ctx.server.url, revoked.token);
  const bystander = await connectKiosk(ctx.server.url, other.token);
  try {
    const notice = nextEvent(kiosk, 'kiosk:revoked');
    const disconnected = nextEvent<string>(kiosk, 'disconnect', 2000); // Not at its next event: now.
    const offline = nextEventWhere(admin, 'kiosk:status', (s) => s.id === revoked.kioskId && s.online === false);
    const reply = await ctx.client.delete(`/api/kiosks/${revoked.kioskId}/`, ctx.managerAuth);
    assert.equal(reply.status, 204, reply.text);
    assert.match((await notice).message, /revoked/);
    assert.equal(await disconnected, 'io server disconnect');
    await offline;
    assert.equal(kiosk.connected, false);

    assert.equal(await refusal(kioskSocket(ctx.server.url, revoked.token)), 'unauthorized');
    const listed = await listKiosks();
    const entry = listed.find((k) => k.id === revoked.kioskId);
    assert.equal(entry.revokedAt, '2026-11-23T12:00:00.000Z');
    assert.equal(entry.online, false);

    // The other kiosk is untouched.
    assert.equal(bystander.connected, true);
    const answer = await ask(bystander, 'identify', { pin: '000000' });
    assert.equal(answer.error.code, 'invalid_pin');
    assert.equal(listed.find((k) => k.id === other.kioskId).online, true);

    assertError(await ctx.client.delete('/api/kiosks/9999/', ctx.managerAuth), 404, 'not_found');
    assertFieldError(await ctx.client.delete('/api/kiosks/abc/', ctx.managerAuth), 'id');
  } finally {
    closeSockets(kiosk, bystander, admin);
  }
});

test('a kiosk revoked behind this process (as by another one) is refused at its next event', async () => {
  const { kioskId, token } = await pairKiosk(ctx.client, ctx.managerAuth);
  const kiosk = await connectKiosk(ctx.server.url, token);
  try {
    await ctx.server.database.db.execute(sql`update kiosks set revoked_at = now() where id = ${kioskId}`);
    const disconnected = nextEvent<string>(kiosk, 'disconnect');
    const reply = await ask(kiosk, 'identify', { pin: '123456' });
    assert.equal(reply.ok, false);
    assert.match(reply.error.message, /revoked/);
    assert.equal(await disconnected, 'io server disconnect');
    assert.equal(await refusal(kioskSocket(ctx.server.url, token)), 'unauthorized');
  } finally {
    closeSockets(kiosk);
  }
});

test('a missing, garbage, oversized or non-string kiosk token fails with connect_error "unauthorized"', async () => {
  const { token } = await pairKiosk(ctx.client, ctx.managerAuth);
  for (const bad of [undefined, '', 'garbage', `${token}x`, token.slice(1), 'x'.repeat(5000), 12345, { token }, [token]]) {
    assert.equal(await refusal(kioskSocket(ctx.server.url, bad)), 'unauthorized', `token ${JSON.stringify(bad)?.slice(0, 40)}`);
  }
  // A manager's session is not a kiosk: /kiosk wants a kiosk token.
  const withCookie = io(`${ctx.server.url}/kiosk`, { transports: ['websocket'], forceNew: true, autoConnect: false, extraHeaders: { cookie: ctx.cookie } });
  assert.equal(await refusal(withCookie), 'unauthorized');
  // The real token still works after all of that.
  const kiosk = await connectKiosk(ctx.server.url, token);
  closeSockets(kiosk);
});

test.run();
