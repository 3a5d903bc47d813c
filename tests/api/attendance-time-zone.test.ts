/**
 * Windows and filters are computed in the organisation's time zone, not in
 * UTC: a server for Asia/Kolkata (UTC+05:30, no DST), where a 09:00 shift
 * starts at 03:30Z and its check-in window opens at 02:30Z.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError } from '../helpers/assertions.js';
import { captureAt, createStaffMember, makeFrame, toBase64, type StaffAccount } from '../helpers/fixtures.js';

// Monday 23 November, 05:30 in Kolkata.
const ctx = useApiSuite(test, { now: '2026-11-23T00:00:00Z', timezone: 'Asia/Kolkata' });
let image: string;
test.before(async () => {
  image = toBase64(await makeFrame(320, 240));
});

const capture = (account: StaffAccount, instant: string) => captureAt(ctx, account, instant, image);

const morningShift = [{ day: 'Monday', start: '09:00', end: '17:00' }];

test('a 09:00 Kolkata shift starts at 03:30Z; its check-in window opens at 02:30Z', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: morningShift });
  const early = await capture(asha, '2026-11-23T02:29:59Z');
  assertError(early, 409, 'window_closed');
  // The message speaks the organisation's local time, not UTC's 02:30.
  assert.match(early.body.error.message, /Monday 23 November at 08:00/);

  const opened = await capture(asha, '2026-11-23T02:30:00Z');
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
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: morningShift });
  const ben = await createStaffMember(ctx.client, ctx.manager, 'ben', { shifts: morningShift });
  const onTime = await capture(asha, '2026-11-23T03:35:00Z');
  assert.deepEqual([onTime.status, onTime.body.status], [201, 'on_time']);
  const late = await capture(ben, '2026-11-23T03:35:01Z');
  assert.deepEqual([late.status, late.body.status], [201, 'late']);
  // Check-out around 17:00 local = 11:30Z.
  assertError(await capture(asha, '2026-11-23T10:29:59Z'), 409, 'window_closed');
  const out = await capture(asha, '2026-11-23T11:30:00Z');
  assert.deepEqual([out.status, out.body.kind, out.body.status], [201, 'check_out', 'on_time']);
});

test('a shift just after local midnight belongs to the local date, and date filters use local days', async () => {
  // Tuesday 01:00 in Kolkata is Monday 19:30Z; its window opens Monday 18:30Z.
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Tuesday', start: '01:00', end: '09:00' }] });
  const reply = await capture(asha, '2026-11-23T18:45:00Z');
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.date, '2026-11-24');
  assert.equal(reply.body.timestamp, '2026-11-24T00:15:00.000+05:30');

  const asManager = await ctx.auth(ctx.manager);
  const ids = async (query: string) => (await ctx.client.get(`/api/attendance/${query}`, asManager)).body.map((record: { id: number }) => record.id);
  assert.deepEqual(await ids('?from=2026-11-24'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-24'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-23'), [], 'in UTC it is still the 23rd, but not in Kolkata');
  assert.deepEqual(await ids('?from=2026-11-23T18:45:00Z'), [reply.body.id]);
  assert.deepEqual(await ids('?to=2026-11-23T18:45:00Z'), []);
});

test.run();
