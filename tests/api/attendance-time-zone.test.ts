/**
 * Windows and filters are computed in the organisation's time zone, not in
 * UTC: a server for Asia/Kolkata (UTC+05:30, no DST), where a 09:00 shift
 * starts at 03:30Z and its check-in window opens at 02:30Z.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError } from '../helpers/assertions.js';
import { createManager, createStaffMember, makeFrame, toBase64, type Account, type StaffAccount } from '../helpers/fixtures.js';
import { createClient, type Client, type Reply } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let client: Client;
let manager: Account;
let image: string;

test.before(async () => {
  server = await startTestServer({ now: '2026-11-23T00:00:00Z', timezone: 'Asia/Kolkata' });
  client = createClient(server.url);
  image = toBase64(await makeFrame(320, 240));
});
test.before.each(async () => {
  await server.reset();
  server.clock.set('2026-11-23T00:00:00Z'); // Monday 23 November, 05:30 in Kolkata.
  manager = await createManager(client);
});
test.after(async () => server.close());

async function freshToken(account: Account): Promise<string> {
  const tokens = await client.post('/api/token/', { username: account.username, password: account.password });
  assert.equal(tokens.status, 200, tokens.text);
  return tokens.body.access;
}

async function captureAt(account: StaffAccount, instant: string): Promise<Reply> {
  server.clock.set(instant);
  return client.post('/api/attendance/', { staff: account.staffId, captured_image: image }, { token: await freshToken(account) });
}

const morningShift = [{ day: 'Monday', start: '09:00', end: '17:00' }];

test('a 09:00 Kolkata shift starts at 03:30Z; its check-in window opens at 02:30Z', async () => {
  const asha = await createStaffMember(client, manager, 'asha', { shifts: morningShift });
  const early = await captureAt(asha, '2026-11-23T02:29:59Z');
  assertError(early, 409, 'window_closed');
  // The message speaks the organisation's local time, not UTC's 02:30.
  assert.match(early.body.error.message, /Monday 23 November at 08:00/);

  const opened = await captureAt(asha, '2026-11-23T02:30:00Z');
  assert.equal(opened.status, 201, opened.text);
  assert.equal(opened.body.kind, 'check_in');
  assert.equal(opened.body.status, 'on_time');
  assert.equal(opened.body.date, '2026-11-23');
  assert.equal(opened.body.timestamp, '2026-11-23T08:00:00.000+05:30');
  assert.equal(opened.body.scheduled_start, '2026-11-23T09:00:00.000+05:30');
  assert.equal(Date.parse(opened.body.scheduled_start), Date.parse('2026-11-23T03:30:00Z'));
  assert.equal(Date.parse(opened.body.scheduled_end), Date.parse('2026-11-23T11:30:00Z'));
});

test('lateness counts from the local start: 03:35Z is on time, 03:35:01Z is late', async () => {
  const asha = await createStaffMember(client, manager, 'asha', { shifts: morningShift });
  const ben = await createStaffMember(client, manager, 'ben', { shifts: morningShift });
  const onTime = await captureAt(asha, '2026-11-23T03:35:00Z');
  assert.deepEqual([onTime.status, onTime.body.status], [201, 'on_time']);
  const late = await captureAt(ben, '2026-11-23T03:35:01Z');
  assert.deepEqual([late.status, late.body.status], [201, 'late']);
  // Check-out around 17:00 local = 11:30Z.
  assertError(await captureAt(asha, '2026-11-23T10:29:59Z'), 409, 'window_closed');
  const out = await captureAt(asha, '2026-11-23T11:30:00Z');
  assert.deepEqual([out.status, out.body.kind, out.body.status], [201, 'check_out', 'on_time']);
});

test('a shift just after local midnight belongs to the local date, and date filters use local days', async () => {
  // Tuesday 01:00 in Kolkata is Monday 19:30Z; its window opens Monday 18:30Z.
  const asha = await createStaffMember(client, manager, 'asha', { shifts: [{ day: 'Tuesday', start: '01:00', end: '09:00' }] });
  const reply = await captureAt(asha, '2026-11-23T18:45:00Z');
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.date, '2026-11-24');
  assert.equal(reply.body.timestamp, '2026-11-24T00:15:00.000+05:30');

  const token = await freshToken(manager);
  const ids = async (query: string) => (await client.get(`/api/attendance/${query}`, { token })).body.map((record: { id: number }) => record.id);
  assert.deepEqual(await ids('?from=2026-11-24'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-24'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-23'), [], 'in UTC it is still the 23rd, but not in Kolkata');
  assert.deepEqual(await ids('?from=2026-11-23T18:45:00Z'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-23T18:45:00Z'), []);
});

test.run();
