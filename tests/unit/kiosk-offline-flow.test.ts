/**
 * The kiosk's check-in flow while the server cannot be reached
 * (kiosk/check-in-flow.js, kiosk/check-in-display.js): with a key to seal
 * punches to and a camera, a PIN goes straight to the photo, which is saved;
 * without either, the pad stays shut as before.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { connectionBanner, showsPreview, waitingText } from '../../kiosk/check-in-display.js';
import { canEnterPin, flowReducer, initialFlow, texts } from '../../kiosk/check-in-flow.js';
import type { FlowAction, FlowState } from '../../kiosk/check-in-flow.js';
import { defaultTimings } from '../../kiosk/timings.js';

const t0 = Date.parse('2026-11-23T08:57:00Z');
const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);
/** Connected once, camera open, key known, then the connection went. */
const offline = (timings = defaultTimings) => run(initialFlow(timings), { type: 'connected' }, { type: 'cameraOpened' }, { type: 'keyKnown' }, { type: 'disconnected' });

test('offline with a key and a camera: the pad takes a PIN, the countdown runs over the preview, and the photo is saved', () => {
  let state = offline();
  assert.equal(canEnterPin(state, t0), true);
  assert.match(connectionBanner(state)!, /^No connection to the server\. You can still check in and out/);
  state = run(state, { type: 'pinSubmitted', now: t0, pin: '111111' });
  assert.deepEqual(state.step, { name: 'offlineCountdown', pin: '111111', secondsLeft: 3 });
  assert.equal(showsPreview(state), true);
  assert.equal(canEnterPin(state, t0), false, 'one person at a time');
  state = run(state, { type: 'countdownTicked' }, { type: 'countdownTicked' });
  assert.equal(state.step.name, 'offlineCountdown');
  state = run(state, { type: 'countdownTicked' });
  assert.deepEqual(state.step, { name: 'offlineCapturing', pin: '111111' });
  assert.equal(showsPreview(state), true);
  state = run(state, { type: 'savedOffline', photoUrl: 'blob:1' }, { type: 'queueCounted', count: 1 });
  assert.deepEqual(state.step, { name: 'saved', photoUrl: 'blob:1' });
  assert.equal(waitingText(state), '1 punch waiting to be sent.');
  assert.match(connectionBanner(state)!, /sent when it is back\. 1 punch waiting to be sent\.$/);
  state = run(state, { type: 'finished' });
  assert.equal(state.step.name, 'idle');
  assert.equal(canEnterPin(state, t0), true);
});

test('no countdown: straight to the photo; cancel during the countdown keeps nothing', () => {
  assert.equal(run(offline({ countdownSeconds: 0, confirmSeconds: 5 }), { type: 'pinSubmitted', now: t0, pin: '222222' }).step.name, 'offlineCapturing');
  const cancelled = run(offline(), { type: 'pinSubmitted', now: t0, pin: '222222' }, { type: 'cancelled' });
  assert.equal(cancelled.step.name, 'idle');
  assert.equal(cancelled.message, null);
});

test('a photo or a save that fails says so and goes back to the pad', () => {
  const capturing = run(offline({ countdownSeconds: 0, confirmSeconds: 5 }), { type: 'pinSubmitted', now: t0, pin: '111111' });
  assert.equal(run(capturing, { type: 'photoFailed' }).message?.text, texts.photoFailed);
  const failed = run(capturing, { type: 'saveFailed' });
  assert.equal(failed.step.name, 'idle');
  assert.equal(failed.message?.text, texts.saveFailed);
});

test('offline without a key, or without a camera: the pad stays shut, and the banner says to wait', () => {
  const noKey = run(initialFlow(defaultTimings), { type: 'connected' }, { type: 'cameraOpened' }, { type: 'disconnected' });
  assert.equal(canEnterPin(noKey, t0), false);
  assert.equal(connectionBanner(noKey), 'Reconnecting… Check-ins resume as soon as the connection is back.');
  assert.equal(run(noKey, { type: 'pinSubmitted', now: t0, pin: '111111' }), noKey);
  const noCamera = run(initialFlow(defaultTimings), { type: 'connected' }, { type: 'keyKnown' }, { type: 'cameraFailed', error: 'No camera found.' }, { type: 'disconnected' });
  assert.equal(canEnterPin(noCamera, t0), false);
});

test('an online photo whose connection dropped is saved instead; the count says what is being sent once back', () => {
  let state = run(initialFlow({ countdownSeconds: 0, confirmSeconds: 5 }), { type: 'connected' }, { type: 'cameraOpened' }, { type: 'keyKnown' });
  state = run(state, { type: 'pinSubmitted', now: t0, pin: '111111' });
  assert.equal(state.step.name, 'identifying', 'online: the PIN is checked first');
  state = run(state, { type: 'identifyAnswered', now: t0, reply: { ok: true, staff: { id: 7, name: 'asha' }, attempt: 'a', windows: [{ kind: 'check_in', shiftId: 1, date: '2026-11-23', shiftStart: '', shiftEnd: '', opensAt: '', closesAt: '', state: 'none' }] } });
  assert.equal(state.step.name, 'capturing');
  state = run(state, { type: 'disconnected' }, { type: 'savedOffline', photoUrl: 'blob:2' }, { type: 'queueCounted', count: 2 });
  assert.equal(state.step.name, 'saved');
  assert.equal(waitingText(state), '2 punches waiting to be sent.');
  state = run(state, { type: 'connected' });
  assert.equal(waitingText(state), 'Sending 2 punches saved while offline…');
  assert.equal(connectionBanner(state), 'Sending 2 punches saved while offline…', 'connected: the banner says only that');
  assert.equal(connectionBanner(run(state, { type: 'queueCounted', count: 0 })), null);
});

test.run();
