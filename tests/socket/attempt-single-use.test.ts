/**
 * An attempt token (from `identify`) serves one capture, over real Socket.IO:
 * another request id with it is refused `attempt_used`, also when sent at the
 * same time or with its signature spelled differently, while a retry with
 * the first request id still returns the first result. Asha's 09:00–10:00
 * shift has its check-in and check-out windows both open at 09:01, so a
 * replayed attempt would otherwise record a second punch.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import { attendanceRows, createStaffMember, makeFrame } from '../helpers/fixtures.js';
import { useSocketSuite } from '../helpers/socket-suite.js';
import { ask, type Socket } from '../helpers/sockets.js';

const ctx = useSocketSuite(test, { now: '2026-11-23T09:01:00Z', timezone: 'UTC', kiosk: 'Front desk' });
let frame: Buffer;

test.before(async () => {
  frame = await makeFrame(320, 240);
});
test.before.each(async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '10:00' }] });
});

const capture = (socket: Socket, attempt: string, kind: 'check_in' | 'check_out', requestId = randomUUID(), image = frame) =>
  ask(socket, 'capture', { attempt, kind, image, requestId });

/** A new PIN entry's attempt, and the windows it offers (what is still to do). */
async function attempt(offered: string[] = ['check_in', 'check_out']): Promise<string> {
  const reply = await ask(ctx.kiosk, 'identify', { pin: '111111' });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.deepEqual(reply.windows.map((w: any) => w.kind).sort(), offered);
  return reply.attempt;
}

test('a capture uses up its attempt: a replay with another requestId is refused and records nothing; the same requestId still gets the first result', async () => {
  const token = await attempt();
  const requestId = randomUUID();
  const first = await capture(ctx.kiosk, token, 'check_in', requestId);
  assert.equal(first.ok, true, JSON.stringify(first));

  ctx.server.clock.advance(30_000);
  for (const kind of ['check_out', 'check_in'] as const) {
    const replay = await capture(ctx.kiosk, token, kind);
    assert.equal(replay.ok, false, `${kind}: ${JSON.stringify(replay)}`);
    assert.equal(replay.error.code, 'attempt_used');
    assert.match(replay.error.message, /enter your PIN again/);
  }
  assert.deepEqual(await capture(ctx.kiosk, token, 'check_in', requestId), first, 'a retry of the first request');
  assert.deepEqual((await attendanceRows(ctx)).map((r) => r.kind), ['check_in']);

  // The check-out was open all along: with a new PIN entry it is recorded.
  const out = await capture(ctx.kiosk, await attempt(['check_out']), 'check_out');
  assert.equal(out.ok, true, JSON.stringify(out));
  assert.equal(out.attendance.kind, 'check_out');
});

test('two captures sent at once with one attempt: one is recorded, the other refused', async () => {
  const token = await attempt();
  const replies = await Promise.all([capture(ctx.kiosk, token, 'check_in'), capture(ctx.kiosk, token, 'check_out')]);
  assert.deepEqual(replies.map((r) => r.ok).sort(), [false, true], JSON.stringify(replies));
  assert.equal(replies.find((r) => !r.ok).error.code, 'attempt_used');
  assert.equal((await attendanceRows(ctx)).length, 1);
});

test('the same attempt with its signature spelled differently is still the same attempt', async () => {
  const token = await attempt();
  assert.equal((await capture(ctx.kiosk, token, 'check_in')).ok, true);
  // Base64 decoding ignores the last character's spare bits, so this decodes to the same signature.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const respelled = token.slice(0, -1) + alphabet[alphabet.indexOf(token.at(-1)!) ^ 1];
  assert.notEqual(respelled, token);
  const replay = await capture(ctx.kiosk, respelled, 'check_out');
  assert.equal(replay.error?.code, 'attempt_used', JSON.stringify(replay));
  assert.equal((await attendanceRows(ctx)).length, 1);
});

test('a refused capture (not an image, a frame that does not decode) leaves the attempt for the next try', async () => {
  const token = await attempt();
  assert.equal((await capture(ctx.kiosk, token, 'check_in', randomUUID(), Buffer.from('not an image'))).error.code, 'invalid_image');
  assert.equal((await capture(ctx.kiosk, token, 'check_in', randomUUID(), frame.subarray(0, frame.length / 2))).error.code, 'invalid_image');
  const good = await capture(ctx.kiosk, token, 'check_in');
  assert.equal(good.ok, true, JSON.stringify(good));
  assert.equal((await capture(ctx.kiosk, token, 'check_out')).error.code, 'attempt_used');
});

test.run();
