/**
 * The kiosk's check-in flow (kiosk/check-in-flow.js) when the kiosk is locked
 * until a manager unlocks it: what the idle screen says, that the pad stays
 * refused however long it waits, the lock told on connect, and the unlock
 * that brings the pad back. The reducer gets the actions the station would
 * dispatch; what the screen shows is read through kiosk/check-in-display.js.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { IdentifyAck } from '../../server/socket-contract.js';
import { idleAlert, idleLead } from '../../kiosk/check-in-display.js';
import { canEnterPin, flowReducer, initialFlow, messageLifetimeMs } from '../../kiosk/check-in-flow.js';
import type { FlowAction, FlowState } from '../../kiosk/check-in-flow.js';
import { defaultTimings } from '../../kiosk/timings.js';

const t0 = Date.parse('2026-11-23T08:57:00Z');
const day = 24 * 60 * 60_000;
const managerText = 'This kiosk is locked after too many wrong PINs. Ask a manager to unlock it in Rollcall (Kiosks page).';
const shortText = 'Too many wrong PINs. This kiosk is locked for 5 minutes; a manager has been told.';
const needsManager: IdentifyAck = { ok: false, error: { code: 'locked', message: managerText, needsManager: true } };

const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);
const ready = () => run(initialFlow(defaultTimings), { type: 'connected' }, { type: 'cameraOpened' });
const afterPin = (state: FlowState, reply: IdentifyAck, now = t0) => run(state, { type: 'pinSubmitted', pin: '111111', now }, { type: 'identifyAnswered', reply, now: now + 200 });

test('locked until a manager unlocks: the pad is refused for good, and the screen says to ask a manager', () => {
  const state = afterPin(ready(), needsManager);
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(state.managerLock, managerText);
  assert.equal(state.lockedUntil, 0, 'no countdown');
  assert.equal(idleLead(state, t0 + 1000), 'This kiosk is locked');
  assert.equal(idleAlert(state, t0 + 1000), managerText);
  assert.equal(messageLifetimeMs(state.message), null, 'the message does not fade');
  assert.equal(canEnterPin(state, t0 + 1000), false);
  assert.equal(canEnterPin(state, t0 + 7 * day), false, 'still refused a week later');
  assert.equal(run(state, { type: 'pinSubmitted', pin: '111111', now: t0 + day }), state, 'a PIN typed while locked is not taken');
});

test('the unlock brings the pad back at once, without the lock message', () => {
  const unlocked = run(afterPin(ready(), needsManager), { type: 'unlocked' });
  assert.equal(unlocked.managerLock, null);
  assert.equal(unlocked.message, null);
  assert.equal(canEnterPin(unlocked, t0 + 1000), true);
  assert.equal(idleLead(unlocked, t0 + 1000), 'Enter your PIN');
  assert.equal(idleAlert(unlocked, t0 + 1000), null);

  // It ends a short lockout as well.
  const short = afterPin(ready(), { ok: false, error: { code: 'locked', message: shortText, retryAfterSeconds: 300 } });
  assert.equal(canEnterPin(short, t0 + 1000), false);
  assert.equal(canEnterPin(run(short, { type: 'unlocked' }), t0 + 1000), true);

  // An unlock when nothing was locked leaves another message where it is.
  const wrong = afterPin(ready(), { ok: false, error: { code: 'invalid_pin', message: 'That PIN is not right. 4 tries left before the kiosk locks.', attemptsLeft: 4 } });
  assert.equal(run(wrong, { type: 'unlocked' }).message, wrong.message);
});

test('a lock told on connect shows at once: until a manager unlocks, or counting down', () => {
  const told = run(ready(), { type: 'lockAnnounced', lock: { message: managerText, needsManager: true }, now: t0 });
  assert.equal(idleAlert(told, t0), managerText);
  assert.equal(canEnterPin(told, t0 + day), false);

  const counting = run(ready(), { type: 'lockAnnounced', lock: { message: shortText, retryAfterSeconds: 200 }, now: t0 });
  assert.equal(idleAlert(counting, t0), 'Too many wrong PINs. Try again in 3:20. A manager has been told.');
  assert.equal(canEnterPin(counting, t0 + 200_000), true, 'and ends on time');
});

test('after a reconnect the server says again whether the lock holds: an unlock missed while offline is not waited for', () => {
  const locked = afterPin(ready(), needsManager);
  const back = run(locked, { type: 'disconnected' }, { type: 'connected' });
  assert.equal(back.managerLock, null);
  assert.equal(canEnterPin(back, t0 + 1000), true);
  const stillLocked = run(back, { type: 'lockAnnounced', lock: { message: managerText, needsManager: true }, now: t0 + 1000 });
  assert.equal(canEnterPin(stillLocked, t0 + 2000), false);
});

test.run();
