/**
 * Staff profiles and the weekly template through the API: what is refused
 * as bad input (400 with fields), what breaks a rule (409 with its code),
 * and the edge cases that must be allowed (touching shifts, a 24-hour shift).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember, makeFrame, registerAndSignIn, toBase64 } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { now: '2026-11-23T12:00:00Z' });

const asManager = () => ({ token: ctx.manager.token });

/** A staff member with the given days off and no shifts yet. */
async function newStaff(username = 'asha', weeklyOffs = 'Saturday,Sunday'): Promise<number> {
  return (await createStaffMember(ctx.client, ctx.manager, username, { weeklyOffs })).staffId;
}

function addShift(staff: number, day_of_week: string, shift_start: string, shift_end: string) {
  return ctx.client.post('/api/shifts/', { staff, day_of_week, shift_start, shift_end }, asManager());
}

async function addShiftOk(staff: number, day: string, start: string, end: string): Promise<number> {
  const reply = await addShift(staff, day, start, end);
  assert.equal(reply.status, 201, `${day} ${start}–${end}: ${reply.text}`);
  return reply.body.id;
}

async function shiftCount(staff: number): Promise<number> {
  return (await ctx.client.get(`/api/shifts/?staff=${staff}`, asManager())).body.length;
}

test('weekly offs must be one or two distinct known weekdays', async () => {
  const user = await registerAndSignIn(ctx.client, 'asha', 'Employee', ctx.manager.token);
  for (const weekly_off_days of ['Friday,Saturday,Sunday', '', ' , ', 'Monday,monday', 'Funday', ['Monday', 'Mon'], [], 42, null]) {
    const reply = await ctx.client.post('/api/staff/', { user: user.id, weekly_off_days }, asManager());
    assertFieldError(reply, 'weekly_off_days');
  }
  assert.deepEqual((await ctx.client.get('/api/staff/', asManager())).body, [], 'no profile was created');
  const created = await ctx.client.post('/api/staff/', { user: user.id, weekly_off_days: ['sunday', 'Sat'] }, asManager());
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.weekly_off_days, 'Saturday,Sunday');
  const one = await ctx.client.patch(`/api/staff/${created.body.id}/`, { weekly_off_days: 'Wednesday' }, asManager());
  assert.equal(one.status, 200, one.text);
  assert.equal(one.body.weekly_off_days, 'Wednesday');
  assertFieldError(await ctx.client.patch(`/api/staff/${created.body.id}/`, { weekly_off_days: 'Mon,Tue,Wed' }, asManager()), 'weekly_off_days');
});

test('shift times must be times of day; "09:00" is accepted and shown as "09:00:00"', async () => {
  const staff = await newStaff();
  for (const bad of ['25:61', '9am', '24:00', '12:60', '7:00', '', '09:00:00.5']) {
    assertFieldError(await addShift(staff, 'Monday', bad, '17:00'), 'shift_start');
    assertFieldError(await addShift(staff, 'Monday', '09:00', bad), 'shift_end');
  }
  assertFieldError(await ctx.client.post('/api/shifts/', { staff, day_of_week: 'Monday', shift_start: 900, shift_end: '17:00' }, asManager()), 'shift_start');
  assertFieldError(await addShift(staff, 'Someday', '09:00', '17:00'), 'day_of_week');
  assert.equal(await shiftCount(staff), 0);

  const reply = await addShift(staff, 'monday', '09:00', '17:30');
  assert.equal(reply.status, 201, reply.text);
  assert.deepEqual(reply.body, { id: reply.body.id, staff, day_of_week: 'Monday', shift_start: '09:00:00', shift_end: '17:30:00', overnight: false, valid_from: '2026-11-23', valid_to: null });
  assert.deepEqual((await ctx.client.get(`/api/shifts/${reply.body.id}/`, asManager())).body, reply.body);
});

test('a shift cannot start on a weekly day off', async () => {
  const staff = await newStaff('asha', 'Saturday,Sunday');
  const reply = await addShift(staff, 'Sunday', '09:00', '17:00');
  assertError(reply, 409, 'shift_on_weekly_off');
  assert.match(reply.body.error.message, /Sunday/);
  // An overnight shift may end on a day off; it starts on Friday.
  await addShiftOk(staff, 'Friday', '22:00', '06:00');
  assert.equal(await shiftCount(staff), 1);
});

test('shifts of one person on the same day cannot overlap', async () => {
  const staff = await newStaff();
  await addShiftOk(staff, 'Monday', '09:00', '17:00');
  for (const [start, end] of [['12:00', '20:00'], ['08:00', '09:30'], ['10:00', '11:00'], ['09:00', '17:00'], ['07:00', '18:00']] as const) {
    const reply = await addShift(staff, 'Monday', start, end);
    assertError(reply, 409, 'shift_overlap');
    assert.match(reply.body.error.message, /Monday 09:00–17:00/);
  }
  assert.equal(await shiftCount(staff), 1);
  // Another person's shift at the same time is fine.
  await addShiftOk(await newStaff('ben'), 'Monday', '09:00', '17:00');
});

test('touching shifts are allowed: one ends at 17:00, the next starts at 17:00', async () => {
  const staff = await newStaff();
  await addShiftOk(staff, 'Monday', '09:00', '17:00');
  await addShiftOk(staff, 'Monday', '17:00', '21:00');
  await addShiftOk(staff, 'Monday', '06:00', '09:00');
  assert.equal(await shiftCount(staff), 3);
});

test('an overnight shift’s spill into the next day counts as overlap', async () => {
  const staff = await newStaff();
  const night = await addShift(staff, 'Monday', '22:00', '06:00');
  assert.equal(night.status, 201, night.text);
  assert.equal(night.body.overnight, true);
  assertError(await addShift(staff, 'Tuesday', '05:00', '13:00'), 409, 'shift_overlap');
  await addShiftOk(staff, 'Tuesday', '06:00', '13:00');
});

test('the week wraps: a Sunday overnight shift spills into Monday', async () => {
  const staff = await newStaff('asha', 'Wednesday');
  await addShiftOk(staff, 'Monday', '05:00', '13:00');
  assertError(await addShift(staff, 'Sunday', '22:00', '06:00'), 409, 'shift_overlap');
  await addShiftOk(staff, 'Sunday', '22:00', '05:00');
  assert.equal(await shiftCount(staff), 2);
});

test('the original README’s "00:00:00"–"00:00:00" shift is a 24-hour shift', async () => {
  const staff = await newStaff();
  const reply = await addShift(staff, 'Wednesday', '00:00:00', '00:00:00');
  assert.equal(reply.status, 201, reply.text);
  assert.equal(reply.body.shift_start, '00:00:00');
  assert.equal(reply.body.shift_end, '00:00:00');
  assert.equal(reply.body.overnight, true);
  // It covers the whole of Wednesday, so nothing else fits in it.
  assertError(await addShift(staff, 'Wednesday', '23:00', '23:30'), 409, 'shift_overlap');
  await addShiftOk(staff, 'Thursday', '00:00', '08:00');
});

test('PATCH weekly_off_days onto a day with a shift is refused and changes nothing', async () => {
  const staff = await newStaff('asha', 'Saturday,Sunday');
  await addShiftOk(staff, 'Monday', '09:00', '17:00');
  const reply = await ctx.client.patch(`/api/staff/${staff}/`, { weekly_off_days: 'Sunday,Monday', name: 'Asha Rao' }, asManager());
  assertError(reply, 409, 'shift_on_weekly_off');
  assert.match(reply.body.error.message, /Monday 09:00–17:00/);
  const profile = (await ctx.client.get(`/api/staff/${staff}/`, asManager())).body;
  assert.equal(profile.weekly_off_days, 'Saturday,Sunday');
  assert.equal(profile.name, 'asha', 'no part of a refused PATCH is applied');
});

test('PATCH a shift into an overlap or onto a day off is refused', async () => {
  const staff = await newStaff('asha', 'Sunday');
  await addShiftOk(staff, 'Monday', '09:00', '17:00');
  const evening = await addShiftOk(staff, 'Monday', '18:00', '22:00');
  assertError(await ctx.client.patch(`/api/shifts/${evening}/`, { shift_start: '16:00' }, asManager()), 409, 'shift_overlap');
  assertError(await ctx.client.patch(`/api/shifts/${evening}/`, { day_of_week: 'Sunday' }, asManager()), 409, 'shift_on_weekly_off');
  assertFieldError(await ctx.client.patch(`/api/shifts/${evening}/`, { shift_end: '24:00' }, asManager()), 'shift_end');
  assertError(await ctx.client.patch(`/api/shifts/${evening}/`, {}, asManager()), 400, 'validation_failed');
  const unchanged = await ctx.client.get(`/api/shifts/${evening}/`, asManager());
  assert.deepEqual([unchanged.body.day_of_week, unchanged.body.shift_start, unchanged.body.shift_end], ['Monday', '18:00:00', '22:00:00']);
  // Moving a shift within its own old slot is not an overlap with itself.
  const moved = await ctx.client.patch(`/api/shifts/${evening}/`, { shift_start: '17:30', shift_end: '21:00' }, asManager());
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.shift_start, '17:30:00');
});

test('DELETE a shift: 204, then it is gone (404)', async () => {
  const shift = await addShiftOk(await newStaff(), 'Monday', '09:00', '17:00');
  const deleted = await ctx.client.delete(`/api/shifts/${shift}/`, asManager());
  assert.equal(deleted.status, 204, deleted.text);
  assert.equal(deleted.text, '');
  assertError(await ctx.client.get(`/api/shifts/${shift}/`, asManager()), 404, 'not_found');
  assertError(await ctx.client.delete(`/api/shifts/${shift}/`, asManager()), 404, 'not_found');
  assertError(await ctx.client.patch(`/api/shifts/${shift}/`, { shift_end: '16:00' }, asManager()), 404, 'not_found');
});

test('DELETE a shift with attendance archives it: gone from the template, kept in history', async () => {
  ctx.server.clock.set('2026-11-23T08:55:00Z');
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const [shift] = (await ctx.client.get('/api/shifts/', { token: asha.token })).body;
  const checkIn = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, { token: asha.token });
  assert.equal(checkIn.status, 201, checkIn.text);

  assert.equal((await ctx.client.delete(`/api/shifts/${shift.id}/`, asManager())).status, 204);
  assert.deepEqual((await ctx.client.get('/api/shifts/', asManager())).body, []);
  assertError(await ctx.client.get(`/api/shifts/${shift.id}/`, asManager()), 404, 'not_found');
  const history = await ctx.client.get('/api/attendance/', asManager());
  assert.equal(history.body.length, 1);
  assert.equal(history.body[0].id, checkIn.body.id);
  assert.equal(history.body[0].shift, shift.id);
  assert.equal(history.body[0].scheduled_start, '2026-11-23T09:00:00.000Z');
  // The slot is free again in the template.
  await addShiftOk(asha.staffId, 'Monday', '09:00', '17:00');
});

test('unknown ids: 404 in the path, 400 with fields in the body; non-numeric path ids are 400', async () => {
  const staff = await newStaff();
  assertError(await ctx.client.get('/api/staff/999/', asManager()), 404, 'not_found');
  assertError(await ctx.client.patch('/api/staff/999/', { name: 'Ghost' }, asManager()), 404, 'not_found');
  assertError(await ctx.client.get('/api/shifts/999/', asManager()), 404, 'not_found');
  assertError(await ctx.client.patch('/api/shifts/999/', { shift_end: '16:00' }, asManager()), 404, 'not_found');
  assertError(await ctx.client.delete('/api/shifts/999/', asManager()), 404, 'not_found');
  assertFieldError(await ctx.client.post('/api/staff/', { user: 999, weekly_off_days: 'Sunday' }, asManager()), 'user');
  assertFieldError(await addShift(999, 'Monday', '09:00', '17:00'), 'staff');
  for (const id of ['abc', '0', '-1', '1.5', '99999999999999', '1e3']) {
    assertFieldError(await ctx.client.get(`/api/staff/${id}/`, asManager()), 'id');
    assertFieldError(await ctx.client.get(`/api/shifts/${id}/`, asManager()), 'id');
    assertFieldError(await ctx.client.delete(`/api/shifts/${id}/`, asManager()), 'id');
  }
  // A user who already has a profile cannot get a second one.
  const profile = (await ctx.client.get(`/api/staff/${staff}/`, asManager())).body;
  assertError(await ctx.client.post('/api/staff/', { user: profile.user, weekly_off_days: 'Sunday' }, asManager()), 409, 'staff_exists');
});

test('PINs: six digits, unique among active staff, never returned', async () => {
  const asha = await newStaff('asha');
  const ben = await newStaff('ben');
  for (const pin of ['12345', '1234567', 'abcdef', 123456, '12 345', '']) {
    assertFieldError(await ctx.client.patch(`/api/staff/${asha}/`, { pin }, asManager()), 'pin');
  }
  const set = await ctx.client.patch(`/api/staff/${asha}/`, { pin: '123456' }, asManager());
  assert.equal(set.status, 200, set.text);
  assert.equal(set.body.has_pin, true);
  assertError(await ctx.client.patch(`/api/staff/${ben}/`, { pin: '123456' }, asManager()), 409, 'pin_taken');
  const carol = await registerAndSignIn(ctx.client, 'carol', 'Employee', ctx.manager.token);
  assertError(await ctx.client.post('/api/staff/', { user: carol.id, weekly_off_days: 'Sunday', pin: '123456' }, asManager()), 409, 'pin_taken');
  assert.equal((await ctx.client.get(`/api/staff/${ben}/`, asManager())).body.has_pin, false);
  // Setting your own PIN again is not a clash with yourself.
  assert.equal((await ctx.client.patch(`/api/staff/${asha}/`, { pin: '123456' }, asManager())).status, 200);

  // An inactive member's PIN is free for others, and then blocks their return.
  assert.equal((await ctx.client.patch(`/api/staff/${asha}/`, { active: false }, asManager())).status, 200);
  assert.equal((await ctx.client.patch(`/api/staff/${ben}/`, { pin: '123456' }, asManager())).status, 200);
  assertError(await ctx.client.patch(`/api/staff/${asha}/`, { active: true }, asManager()), 409, 'pin_taken');
  assert.equal((await ctx.client.get(`/api/staff/${asha}/`, asManager())).body.active, false);

  const everything = JSON.stringify([
    (await ctx.client.get('/api/staff/', asManager())).body,
    (await ctx.client.get(`/api/staff/${ben}/`, asManager())).body,
    (await ctx.client.get('/api/me/', { token: (await ctx.client.post('/api/token/', { username: 'ben', password: 'ben-Passw0rd!' })).body.access })).body,
  ]);
  assert.doesNotMatch(everything, /123456|"pin"|pin_hmac|pinHmac/);
  assert.match(everything, /"has_pin":true/);
});

test.run();
