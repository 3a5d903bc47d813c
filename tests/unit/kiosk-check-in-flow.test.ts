/**
 * The kiosk's check-in flow (kiosk/check-in-flow.js) driven through whole
 * visits without a browser: the reducer gets the actions the station would
 * dispatch (socket answers, timer ticks, taps) with the time as an input, and
 * what the screens would show is read through kiosk/check-in-display.js.
 * Also the timing overrides read from the page address (kiosk/timings.js).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { CaptureAck, IdentifyAck, KioskWindow } from '../../server/socket-contract.js';
import { alreadyDoneText, cameraBanner, connectionBanner, idleAlert, idleAlertIsError, idleLead, showsPreview } from '../../kiosk/check-in-display.js';
import { canEnterPin, flowReducer, initialFlow, lockSecondsLeft, messageFadeMs, messageLifetimeMs, texts, windowToOffer } from '../../kiosk/check-in-flow.js';
import type { FlowAction, FlowState } from '../../kiosk/check-in-flow.js';
import { defaultTimings, parseTimings } from '../../kiosk/timings.js';

// Monday 23 November 2026, 08:57 UTC; asha works 09:00–17:00.
const t0 = Date.parse('2026-11-23T08:57:00Z');
const staff = { id: 7, name: 'asha' };
const window = (kind: 'check_in' | 'check_out', extra: Partial<KioskWindow> = {}): KioskWindow => ({
  kind,
  shiftId: kind === 'check_in' ? 2 : 1,
  date: '2026-11-23',
  shiftStart: '2026-11-23T09:00:00.000Z',
  shiftEnd: '2026-11-23T17:00:00.000Z',
  opensAt: '2026-11-23T08:00:00.000Z',
  closesAt: '2026-11-23T10:00:00.000Z',
  state: 'none',
  ...extra,
});
const checkIn = window('check_in');
const checkOut = window('check_out', { shiftStart: '2026-11-23T06:00:00.000Z', shiftEnd: '2026-11-23T09:00:00.000Z' });
const identified = (windows: KioskWindow[]): IdentifyAck => ({ ok: true, staff, attempt: 'attempt-1', windows });
const refused = (code: 'invalid_pin' | 'locked' | 'no_window', message: string, extra = {}): IdentifyAck => ({ ok: false, error: { code, message, ...extra } });
const attendance = { id: 41, staffId: 7, kind: 'check_in' as const, status: 'on_time' as const, timestamp: '2026-11-23T08:57:00.000Z', photoUrl: '/api/photos/41' };
const recorded: CaptureAck = { ok: true, attendance };

const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);
/** A kiosk connected with its camera open, ready for a PIN, with the default waits. */
const ready = (timings = defaultTimings) => run(initialFlow(timings), { type: 'connected' }, { type: 'cameraOpened' });
/** PIN typed and answered. */
const afterPin = (state: FlowState, reply: IdentifyAck, now = t0) =>
  run(state, { type: 'pinSubmitted', pin: '111111', now }, { type: 'identifyAnswered', reply, now: now + 200 });
const ticks = (n: number): FlowAction[] => Array.from({ length: n }, () => ({ type: 'countdownTicked' }));

test('right PIN, one window: hello, 3-2-1 over the preview, photo, confirmation, then the pad again', () => {
  let state = ready();
  assert.equal(canEnterPin(state, t0), true);
  assert.equal(idleLead(state, t0), 'Enter your PIN');

  state = run(state, { type: 'pinSubmitted', pin: '111111', now: t0 });
  assert.deepEqual(state.step, { name: 'identifying' });
  assert.equal(idleLead(state, t0), 'Checking…');
  assert.equal(canEnterPin(state, t0), false, 'no second PIN while the first is checked');

  state = run(state, { type: 'identifyAnswered', reply: identified([checkIn]), now: t0 + 200 });
  assert.deepEqual(state.step, { name: 'countdown', staff, attempt: 'attempt-1', windows: [checkIn], window: checkIn, secondsLeft: 3 });
  assert.equal(showsPreview(state), true);

  state = run(state, ...ticks(1));
  assert.equal(state.step.name === 'countdown' && state.step.secondsLeft, 2);
  state = run(state, ...ticks(1));
  assert.equal(state.step.name === 'countdown' && state.step.secondsLeft, 1);
  state = run(state, ...ticks(1));
  assert.deepEqual(state.step, { name: 'capturing', staff, attempt: 'attempt-1', window: checkIn, retrying: false });
  assert.equal(showsPreview(state), true);

  state = run(state, { type: 'captureAnswered', reply: recorded, photoUrl: 'blob:photo-1' });
  assert.deepEqual(state.step, { name: 'confirmed', staff, attendance, photoUrl: 'blob:photo-1' });
  assert.equal(showsPreview(state), false);

  state = run(state, { type: 'finished' });
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(state.message, null);
  assert.equal(canEnterPin(state, t0 + 9000), true);
});

test('Not you? on the confirmation: the punch is taken back, nothing finishes meanwhile, and the pad asks for their own PIN', () => {
  const confirmed = run(afterPin(ready({ ...defaultTimings, countdownSeconds: 0 }), identified([checkIn])), { type: 'captureAnswered', reply: recorded, photoUrl: 'blob:photo-1' });
  let state = run(confirmed, { type: 'notYouPressed' });
  assert.deepEqual(state.step, { name: 'cancelling', staff, attendance });
  assert.equal(canEnterPin(state, t0 + 1000), false, 'no PIN until the cancel is answered');
  assert.deepEqual(run(state, { type: 'finished' }).step, state.step, 'the confirmation timer does not end the cancel');

  const cancelled = run(state, { type: 'voidAnswered', reply: { ok: true, attendanceId: 41 } });
  assert.deepEqual(cancelled.step, { name: 'idle' });
  assert.deepEqual(cancelled.message, { kind: 'info', text: texts.cancelled });
  assert.equal(idleAlertIsError(cancelled, t0 + 2000), false, 'a cancel that worked is information, not an alarm');

  const tooLate = run(state, { type: 'voidAnswered', reply: { ok: false, error: { code: 'too_late', message: 'It is too late to cancel this punch here; ask a manager.' } } });
  assert.deepEqual(tooLate.message, { kind: 'error', text: 'It is too late to cancel this punch here; ask a manager.' });
  assert.deepEqual(run(state, { type: 'voidUnanswered' }).message, { kind: 'error', text: texts.voidUnanswered });

  state = run(afterPin(ready(), identified([checkIn])), { type: 'notYouPressed' }, { type: 'voidAnswered', reply: { ok: true, attendanceId: 41 } });
  assert.equal(state.step.name, 'countdown', 'Not you? means nothing before there is a punch');
});

test('a notice about a forgotten check-out stays through the visit, rides on a refusal, and is gone for the next person', () => {
  const notices = [{ code: 'missing_check_out' as const, message: 'You did not check out after your 09:00–17:00 shift on Sunday 22 November.', shiftId: 3, date: '2026-11-22' }];
  let state = afterPin(ready(), { ...identified([checkIn]), notices } as IdentifyAck);
  assert.equal(state.notice, notices[0]!.message);
  state = run(state, ...ticks(3), { type: 'captureAnswered', reply: recorded, photoUrl: 'blob:photo-n' });
  assert.equal(state.step.name, 'confirmed');
  assert.equal(state.notice, notices[0]!.message, 'still shown on the confirmation');
  state = run(state, { type: 'finished' });
  assert.equal(state.notice, null);

  const outside = afterPin(ready(), { ...refused('no_window', 'No check-in or check-out window is open for you right now.'), notices } as IdentifyAck);
  assert.equal(outside.message?.text, `No check-in or check-out window is open for you right now. ${notices[0]!.message}`);
  assert.equal(outside.notice, null);
});

test('two windows open: the person chooses, then the countdown runs for the chosen one', () => {
  let state = afterPin(ready(), identified([checkIn, checkOut]));
  assert.deepEqual(state.step, { name: 'choosing', staff, attempt: 'attempt-1', windows: [checkIn, checkOut] });
  assert.equal(showsPreview(state), true, 'the preview shows while choosing, as before');
  assert.equal(run(state, ...ticks(5)), state, 'no countdown before a choice');

  state = run(state, { type: 'windowChosen', window: checkOut });
  assert.equal(state.step.name, 'countdown');
  assert.equal(state.step.name === 'countdown' && state.step.window, checkOut);
  state = run(state, ...ticks(3));
  assert.equal(state.step.name === 'capturing' && state.step.window.kind, 'check_out');
});

test('which window is taken without asking: only a single one', () => {
  assert.equal(windowToOffer([checkIn]), checkIn);
  assert.equal(windowToOffer([checkIn, checkOut]), null);
  assert.equal(windowToOffer([]), null);
});

test('Cancel during the countdown or the choice goes back to the pad, and a late tick takes no photo', () => {
  const counting = afterPin(ready(), identified([checkIn]));
  const cancelled = run(counting, { type: 'cancelled' });
  assert.deepEqual(cancelled.step, { name: 'idle' });
  assert.equal(cancelled.message, null);
  assert.equal(run(cancelled, ...ticks(3)), cancelled, 'ticks after Cancel change nothing');

  const choosing = afterPin(ready(), identified([checkIn, checkOut]));
  assert.deepEqual(run(choosing, { type: 'cancelled' }).step, { name: 'idle' });
});

test('countdown=0 skips the countdown: straight from hello (or the choice) to the photo', () => {
  const timings = parseTimings('?countdown=0&confirmSeconds=1');
  const state = afterPin(ready(timings), identified([checkIn]));
  assert.equal(state.step.name, 'capturing');
  const chosen = run(afterPin(ready(timings), identified([checkIn, checkOut])), { type: 'windowChosen', window: checkIn });
  assert.equal(chosen.step.name, 'capturing');
  assert.equal(chosen.timings.confirmSeconds, 1);
});

test('wrong PIN with tries left: back to the pad with the server’s message, which fades', () => {
  const text = 'That PIN is not right. 4 tries left before the kiosk locks.';
  const state = afterPin(ready(), refused('invalid_pin', text, { attemptsLeft: 4 }));
  assert.deepEqual(state.step, { name: 'idle' });
  assert.deepEqual(state.message, { kind: 'error', code: 'invalid_pin', text });
  assert.equal(idleAlert(state, t0 + 1000), text);
  assert.equal(canEnterPin(state, t0 + 1000), true, 'the next try can follow at once');
  assert.equal(messageLifetimeMs(state.message), messageFadeMs);

  const faded = run(state, { type: 'messageFaded', message: state.message! });
  assert.equal(faded.message, null);
  assert.equal(idleAlert(faded, t0 + 13000), null);

  // A timer set for an older message does not clear a newer one.
  const again = afterPin(state, refused('invalid_pin', 'That PIN is not right. 3 tries left before the kiosk locks.'));
  assert.equal(run(again, { type: 'messageFaded', message: state.message! }), again);

  // A new PIN clears the message at once.
  assert.equal(run(state, { type: 'pinSubmitted', pin: '111111', now: t0 + 2000 }).message, null);
});

test('lockout: the pad is refused for retryAfterSeconds, the alert counts down m:ss, and it ends on time', () => {
  const serverText = 'Too many wrong PINs. This kiosk is locked for 5 minutes; a manager has been told.';
  const answeredAt = t0 + 200;
  const state = afterPin(ready(), refused('locked', serverText, { retryAfterSeconds: 300 }));
  assert.equal(state.lockedUntil, answeredAt + 300_000);
  assert.equal(messageLifetimeMs(state.message), null, 'the lockout message does not fade');

  assert.equal(lockSecondsLeft(state, answeredAt), 300);
  assert.equal(idleAlert(state, answeredAt), 'Too many wrong PINs. Try again in 5:00. A manager has been told.');
  assert.equal(idleAlert(state, answeredAt + 1), 'Too many wrong PINs. Try again in 5:00. A manager has been told.', 'rounded up');
  assert.equal(idleAlert(state, answeredAt + 1000), 'Too many wrong PINs. Try again in 4:59. A manager has been told.');
  assert.equal(idleAlert(state, answeredAt + 291_000), 'Too many wrong PINs. Try again in 0:09. A manager has been told.');
  assert.equal(idleLead(state, answeredAt + 1000), 'This kiosk is locked for a moment');
  assert.equal(canEnterPin(state, answeredAt + 299_999), false);
  assert.equal(run(state, { type: 'pinSubmitted', pin: '111111', now: answeredAt + 299_999 }), state, 'a PIN typed while locked is not taken');

  // At the end of the lock the pad is back by itself, with no new action.
  const end = answeredAt + 300_000;
  assert.equal(lockSecondsLeft(state, end), 0);
  assert.equal(canEnterPin(state, end), true);
  assert.equal(idleLead(state, end), 'Enter your PIN');
  assert.equal(run(state, { type: 'pinSubmitted', pin: '111111', now: end }).step.name, 'identifying');
});

test('no window open: back to the pad with the message naming the next window', () => {
  const text =
    'No check-in or check-out window is open for you, asha, right now. Your next window opens Monday 23 November at 16:00 (check-out for the 09:00–17:00 shift).';
  const state = afterPin(ready(), refused('no_window', text, { nextWindow: window('check_out', { opensAt: '2026-11-23T16:00:00.000Z' }) }));
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(state.lockedUntil, 0);
  assert.equal(idleAlert(state, t0), text);
  assert.equal(idleAlertIsError(state, t0), false, 'when your window opens is information, not an alarm');
  assert.equal(canEnterPin(state, t0), true);
});

test('a repeat PIN when everything open is recorded: what is recorded, no countdown and no photo, then the pad', () => {
  const since = '2026-11-23T08:57:00.000Z';
  const done = window('check_in', { state: 'checked_in', checkedInAt: since, recordedAt: since });
  // Even with the camera down: nothing is to be photographed.
  const state = afterPin(run(ready(), { type: 'cameraFailed', error: 'No camera' }), identified([done]));
  assert.deepEqual(state.step, { name: 'alreadyDone', staff, windows: [done] });
  assert.equal(showsPreview(state), false);
  const hhmm = (value: Date) => value.toISOString().slice(11, 16);
  assert.equal(alreadyDoneText([done], hhmm), 'You are already checked in since 08:57.');
  const out = window('check_out', { state: 'checked_out', checkedInAt: since, checkedOutAt: '2026-11-23T17:02:00.000Z', recordedAt: '2026-11-23T17:02:00.000Z' });
  assert.equal(alreadyDoneText([out], hhmm), 'You already checked out at 17:02.');
  assert.equal(run(state, ...ticks(3)), state, 'no countdown runs');
  assert.deepEqual(run(state, { type: 'finished' }).step, { name: 'idle' });
});

test('checking out of a shift never checked into: the countdown says the check-out is recorded and a manager must add the start', () => {
  const state = afterPin(ready(), identified([window('check_out', { state: 'none' })]));
  assert.equal(state.step.name, 'countdown');
  assert.equal(state.notice, texts.checkOutWithoutCheckIn);
  const checkedIn = afterPin(ready(), identified([window('check_out', { state: 'checked_in', checkedInAt: '2026-11-23T08:57:00.000Z' })]));
  assert.equal(checkedIn.notice, null);
});

test('wrong PINs and lockouts are errors (red); a message with no code is an error too', () => {
  const wrong = afterPin(ready(), refused('invalid_pin', 'That PIN is not right. 4 tries left before the kiosk locks.'));
  assert.equal(idleAlertIsError(wrong, t0), true);
  const locked = afterPin(ready(), refused('locked', 'Too many wrong PINs.', { retryAfterSeconds: 300 }));
  assert.equal(idleAlertIsError(locked, t0 + 1000), true);
});

test('no answer to the PIN: back to the pad, saying to wait for the connection', () => {
  const state = run(ready(), { type: 'pinSubmitted', pin: '111111', now: t0 }, { type: 'identifyUnanswered' });
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(idleAlert(state, t0), texts.identifyUnanswered);
});

test('camera not working: the person is told to ask a manager, and nothing is captured', () => {
  const failed = run(initialFlow(defaultTimings), { type: 'connected' }, { type: 'cameraFailed', error: 'No camera found. Connect a webcam, then reload this page.' });
  assert.equal(cameraBanner(failed), 'No camera found. Connect a webcam, then reload this page.');
  const state = afterPin(failed, identified([checkIn]));
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(idleAlert(state, t0), 'Hello, asha. The camera is not working, so this kiosk cannot check you in. Ask a manager for help.');
  assert.equal(cameraBanner(state), 'No camera found. Connect a webcam, then reload this page.', 'the banner stays for the manager');

  const starting = afterPin(run(initialFlow(defaultTimings), { type: 'connected' }), identified([checkIn]));
  assert.equal(idleAlert(starting, t0), 'Hello, asha. The camera is not ready yet. Ask a manager for help.');
  assert.equal(cameraBanner(starting), null);
});

test('capture refused (window closed, attempt expired, bad image): back to the pad with the server’s message', () => {
  const capturing = run(afterPin(ready(), identified([checkIn])), ...ticks(3));
  for (const [code, message] of [
    ['window_closed', 'The check-in window for this shift has closed.'],
    ['attempt_expired', 'That took too long. Enter your PIN again.'],
    ['invalid_image', 'The photo could not be read. Try again.'],
  ] as const) {
    const state = run(capturing, { type: 'captureAnswered', reply: { ok: false, error: { code, message } }, photoUrl: 'blob:unused' });
    assert.deepEqual(state.step, { name: 'idle' }, code);
    assert.equal(idleAlert(state, t0), message, code);
    assert.equal(messageLifetimeMs(state.message), messageFadeMs, code);
  }
});

test('the photo cannot be taken: back to the pad, saying to try again', () => {
  const state = run(afterPin(ready(), identified([checkIn])), ...ticks(3), { type: 'photoFailed' });
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(idleAlert(state, t0), texts.photoFailed);
});

test('disconnect during the capture: the photo waits, says so, and is confirmed once the connection is back', () => {
  const capturing = run(afterPin(ready(), identified([checkIn])), ...ticks(3));
  let state = run(capturing, { type: 'disconnected' });
  assert.equal(state.step, capturing.step, 'the capture carries on');
  assert.equal(connectionBanner(state), 'Reconnecting… Check-ins resume as soon as the connection is back.');

  state = run(state, { type: 'captureRetrying' });
  assert.deepEqual(state.step, { name: 'capturing', staff, attempt: 'attempt-1', window: checkIn, retrying: true });
  assert.equal(run(state, { type: 'captureRetrying' }), state, 'a second retry notice changes nothing');

  state = run(state, { type: 'connected' }, { type: 'captureAnswered', reply: recorded, photoUrl: 'blob:photo-2' });
  assert.equal(connectionBanner(state), null);
  assert.equal(state.step.name, 'confirmed');
});

test('the capture gives up (no answer for two minutes): back to the pad, saying a retry never records twice', () => {
  const state = run(afterPin(ready(), identified([checkIn])), ...ticks(3), { type: 'disconnected' }, { type: 'captureRetrying' }, { type: 'captureUnanswered' });
  assert.deepEqual(state.step, { name: 'idle' });
  assert.equal(idleAlert(state, t0), texts.captureUnanswered);
  assert.equal(canEnterPin(state, t0), false, 'the pad waits for the connection');
  assert.equal(canEnterPin(run(state, { type: 'connected' }), t0), true);
});

test('connection: "Connecting" before the first connect, "Reconnecting" after, and no PIN while down', () => {
  const fresh = initialFlow(defaultTimings);
  assert.equal(connectionBanner(fresh), 'Connecting to the server… Check-ins resume as soon as the connection is back.');
  assert.equal(canEnterPin(fresh, t0), false);
  assert.equal(run(fresh, { type: 'pinSubmitted', pin: '111111', now: t0 }), fresh, 'a PIN is not taken while disconnected');
  const dropped = run(ready(), { type: 'disconnected' });
  assert.equal(connectionBanner(dropped), 'Reconnecting… Check-ins resume as soon as the connection is back.');
  assert.equal(canEnterPin(dropped, t0), false);
});

test('answers that arrive in the wrong step are ignored', () => {
  const idle = ready();
  for (const action of [
    { type: 'identifyAnswered', reply: identified([checkIn]), now: t0 },
    { type: 'identifyUnanswered' },
    { type: 'windowChosen', window: checkIn },
    { type: 'captureAnswered', reply: recorded, photoUrl: 'blob:x' },
    { type: 'captureUnanswered' },
    { type: 'captureRetrying' },
    { type: 'photoFailed' },
    { type: 'finished' },
    { type: 'cancelled' },
  ] satisfies FlowAction[]) {
    assert.equal(flowReducer(idle, action), idle, action.type);
  }
});

test('timings from the page address: defaults 3 s and 5 s; countdown 0–10, confirmSeconds 1–30, whole numbers', () => {
  assert.deepEqual(parseTimings(''), { countdownSeconds: 3, confirmSeconds: 5 });
  assert.deepEqual(defaultTimings, { countdownSeconds: 3, confirmSeconds: 5 });
  assert.deepEqual(parseTimings('?countdown=0&confirmSeconds=1'), { countdownSeconds: 0, confirmSeconds: 1 });
  assert.deepEqual(parseTimings('?countdown=10&confirmSeconds=30'), { countdownSeconds: 10, confirmSeconds: 30 });
  assert.deepEqual(parseTimings(new URLSearchParams({ countdown: '7' })), { countdownSeconds: 7, confirmSeconds: 5 });
  for (const bad of ['11', '-1', '2.5', '1e1', 'abc', '', ' 3', '0x3']) {
    assert.equal(parseTimings(`?countdown=${encodeURIComponent(bad)}`).countdownSeconds, 3, `countdown=${bad}`);
  }
  for (const bad of ['0', '31', '1.5', 'five', '']) {
    assert.equal(parseTimings(`?confirmSeconds=${encodeURIComponent(bad)}`).confirmSeconds, 5, `confirmSeconds=${bad}`);
  }
});

test.run();
