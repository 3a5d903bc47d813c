/**
 * Adding people without inventing credentials, against a real server and
 * kiosk socket: `POST /api/staff/` with `generate` makes the password and
 * the PIN and answers them once; `POST /api/staff/:id/pin` regenerates a PIN
 * (the old one stops working at the kiosk, the new one works, the ledger
 * says it changed and never what it is); the original bodies answer as
 * before; bad input is a 4xx with a sentence, on the field, and changes
 * nothing. Monday 23 November 2026, 08:55 UTC: a 09:00 shift's window is open.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { createStaffMember, registerAndSignIn } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';
import { ask, closeSockets, connectKiosk, pairKiosk, type Socket } from '../helpers/sockets.js';

const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
const manager = () => ctx.auth(ctx.manager);
const newPerson = { name: 'Asha Rao', username: 'asha.rao', weekly_off_days: 'Saturday,Sunday' };

let kiosk: Socket | undefined;
test.after.each(() => closeSockets(kiosk));

async function openKiosk(): Promise<Socket> {
  kiosk = await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, await manager())).token);
  return kiosk;
}

/** Who the kiosk finds for `pin`: their staff id, or the refusal's code. */
async function identify(socket: Socket, pin: string): Promise<number | string> {
  const reply = await ask(socket, 'identify', { pin });
  return reply.ok ? reply.staff.id : reply.error.code;
}

async function mondayShift(staffId: number): Promise<void> {
  const shift = await ctx.client.post('/api/shifts/', { staff: staffId, day_of_week: 'Monday', shift_start: '09:00', shift_end: '17:00' }, await manager());
  assert.equal(shift.status, 201, shift.text);
}

async function staffList(): Promise<{ username: string; has_pin: boolean }[]> {
  const reply = await ctx.client.get('/api/staff/', await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

/** The ledger entries about one thing, oldest first, as "action" and data. */
async function ledgerOf(entity: string): Promise<{ action: string; data: unknown }[]> {
  const reply = await ctx.client.get(`/api/audit/?entity=${entity}`, await manager());
  assert.equal(reply.status, 200, reply.text);
  return reply.body.entries.map((entry: { action: string; data: unknown }) => ({ action: entry.action, data: entry.data })).reverse();
}

function assertSentence(reply: Reply, field: string): void {
  assertFieldError(reply, field);
  assert.match(reply.body.error.message, /^[A-Z"].*\.$/, `a sentence: ${reply.body.error.message}`);
}

test('a generated password and PIN are answered once; she signs in with the one and checks in with the other', async () => {
  const created = await ctx.client.post('/api/staff/', { ...newPerson, generate: ['password', 'pin'] }, await manager());
  assert.equal(created.status, 201, created.text);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  const { pin, temporary_password: password, ...profile } = created.body;
  assert.match(pin, /^[0-9]{6}$/);
  assert.match(password, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  assert.deepEqual(profile, { id: profile.id, user: profile.user, username: 'asha.rao', name: 'Asha Rao', weekly_off_days: 'Saturday,Sunday', active: true, has_pin: true, started_on: '2026-11-23' });

  // Shown once: no later answer has either.
  const again = await ctx.client.get(`/api/staff/${profile.id}/`, await manager());
  assert.deepEqual(again.body, profile);
  assert.doesNotMatch(JSON.stringify(await ledgerOf(`staff:${profile.id}`)), new RegExp(`${pin}|${password}`));

  const tokens = await ctx.client.post('/api/token/', { username: 'asha.rao', password });
  assert.equal(tokens.status, 200, tokens.text);
  await mondayShift(profile.id);
  assert.equal(await identify(await openKiosk(), pin), profile.id);
});

test('generated PINs differ from each other and from PINs the manager chose; a chosen PIN and password are kept as typed', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '123456' });
  const pins = new Set(['123456']);
  for (const n of [1, 2, 3, 4, 5, 6]) {
    const reply = await ctx.client.post('/api/staff/', { username: `p${n}`, password: `p${n}-Passw0rd!`, weekly_off_days: 'Sunday', generate: ['pin'] }, await manager());
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.temporary_password, undefined);
    pins.add(reply.body.pin);
  }
  assert.equal(pins.size, 7);
  // Only a password generated, with the manager's PIN: the answer has no PIN.
  const chosen = await ctx.client.post('/api/staff/', { ...newPerson, pin: '654321', generate: ['password'] }, await manager());
  assert.equal(chosen.status, 201, chosen.text);
  assert.equal(chosen.body.pin, undefined);
  assert.equal((await ctx.client.post('/api/token/', { username: 'asha.rao', password: chosen.body.temporary_password })).status, 200);
  await mondayShift(chosen.body.id);
  assert.equal(await identify(await openKiosk(), '654321'), chosen.body.id);
});

test('the original bodies answer as before: no PIN made, nothing extra in the answer', async () => {
  const account = await registerAndSignIn(ctx.client, 'cy', 'Employee', ctx.manager.token);
  const original = await ctx.client.post('/api/staff/', { user: account.id, weekly_off_days: 'Saturday,Sunday' }, await manager());
  assert.equal(original.status, 201, original.text);
  assert.deepEqual(Object.keys(original.body).sort(), ['active', 'has_pin', 'id', 'name', 'started_on', 'user', 'username', 'weekly_off_days']);
  assert.equal(original.body.has_pin, false);
  const withAccount = await ctx.client.post('/api/staff/', { username: 'dee', password: 'dee-Passw0rd!', weekly_off_days: 'Sunday' }, await manager());
  assert.equal(withAccount.status, 201, withAccount.text);
  assert.equal(withAccount.body.has_pin, false);
  assert.equal('pin' in withAccount.body || 'temporary_password' in withAccount.body, false);
  // A profile for an existing user may get a generated PIN too.
  const eve = await registerAndSignIn(ctx.client, 'eve', 'Employee', ctx.manager.token);
  const generated = await ctx.client.post('/api/staff/', { user: eve.id, weekly_off_days: 'Sunday', generate: ['pin'] }, await manager());
  assert.equal(generated.status, 201, generated.text);
  assert.match(generated.body.pin, /^[0-9]{6}$/);
});

test('Regenerate PIN: the old PIN stops working at the kiosk, the new one works; the ledger says only that it changed', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const socket = await openKiosk();
  assert.equal(await identify(socket, '111111'), asha.staffId);

  const reply = await ctx.client.post(`/api/staff/${asha.staffId}/pin`, undefined, await manager());
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(Object.keys(reply.body), ['pin']);
  assert.equal(reply.headers.get('cache-control'), 'no-store');
  const { pin } = reply.body;
  assert.match(pin, /^[0-9]{6}$/);
  assert.notEqual(pin, '111111');

  assert.equal(await identify(socket, '111111'), 'invalid_pin');
  assert.equal(await identify(socket, pin), asha.staffId);
  const entries = await ledgerOf(`staff:${asha.staffId}`);
  assert.deepEqual(entries.at(-1), { action: 'staff.pin_changed', data: {} });
  assert.doesNotMatch(JSON.stringify(entries), new RegExp(pin));
  // A second regeneration replaces that one too.
  const next = await ctx.client.post(`/api/staff/${asha.staffId}/pin`, {}, await manager());
  assert.equal(next.status, 200, next.text);
  assert.notEqual(next.body.pin, pin);
  assert.equal(await identify(socket, pin), 'invalid_pin');
});

test('Regenerate PIN is for managers only: staff, even for themselves, and anonymous callers change nothing', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222' });
  const path = `/api/staff/${asha.staffId}/pin`;
  assertError(await ctx.client.post(path, {}), 401, 'unauthorized');
  assertError(await ctx.client.post(path, {}, await ctx.auth(asha)), 403, 'forbidden');
  assertError(await ctx.client.post(path, {}, await ctx.auth(ben)), 403, 'forbidden');
  assert.equal(await identify(await openKiosk(), '111111'), asha.staffId);
  assert.deepEqual((await ledgerOf(`staff:${asha.staffId}`)).map((entry) => entry.action), ['staff.created']);
});

test('bad input: a 4xx with a sentence, on the field it is about, and nothing is created', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'ben', { pin: '222222' });
  const post = async (body: object) => ctx.client.post('/api/staff/', { ...newPerson, ...body }, await manager());
  assertSentence(await post({ pin: '123456', generate: ['pin'] }), 'pin');
  assertSentence(await post({ password: 'asha-Passw0rd!', generate: ['password', 'pin'] }), 'password');
  assertSentence(await post({ generate: ['colour'] }), 'generate.0');
  assertSentence(await post({ generate: 'pin' }), 'generate');
  assertSentence(await post({ generate: ['pin'] }), 'user');
  assertSentence(await post({ pin: '12345', generate: ['password'] }), 'pin');
  assertSentence(await ctx.client.post('/api/staff/', { user: ctx.manager.id, weekly_off_days: 'Sunday', generate: ['password'] }, await manager()), 'generate');

  // Clashes name their field too, so a form can show them there.
  const takenName = await post({ username: 'BEN', generate: ['password', 'pin'] });
  assertError(takenName, 409, 'username_taken');
  assert.ok(takenName.body.error.fields.username.length > 0, takenName.text);
  const takenPin = await post({ pin: '222222', generate: ['password'] });
  assertError(takenPin, 409, 'pin_taken');
  assert.ok(takenPin.body.error.fields.pin.length > 0, takenPin.text);
  assert.deepEqual((await staffList()).map((person) => person.username), ['ben']);

  assertError(await ctx.client.post('/api/staff/999/pin', {}, await manager()), 404, 'not_found');
  assertSentence(await ctx.client.post('/api/staff/abc/pin', {}, await manager()), 'id');
});

test.run();
