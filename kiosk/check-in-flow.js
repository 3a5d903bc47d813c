// @ts-check
/**
 * What the kiosk does next, as a pure reducer: every decision of the check-in
 * flow (PIN → hello → countdown → photo → confirmation, and every way it can
 * end early) lives here, with no DOM, no Preact and no socket, so it can be
 * tested in Node. The station component runs the effects (socket calls,
 * camera, timers) and reports what happened as actions. Time is an input
 * (`now` in milliseconds), never read here.
 *
 * @example
 *   let state = initialFlow({ countdownSeconds: 3, confirmSeconds: 5 });
 *   state = flowReducer(state, { type: 'connected' });
 *   state = flowReducer(state, { type: 'pinSubmitted', pin: '111111', now: Date.now() });
 *   state = flowReducer(state, { type: 'identifyAnswered', reply, now: Date.now() });
 */

/** @typedef {import('../server/socket-contract.js').KioskWindow} KioskWindow */
/** @typedef {import('../server/socket-contract.js').IdentifyAck} IdentifyAck */
/** @typedef {import('../server/socket-contract.js').CaptureAck} CaptureAck */
/** @typedef {import('../server/socket-contract.js').VoidAck} VoidAck */
/** @typedef {import('../server/socket-contract.js').AttendanceSummary} AttendanceSummary */
/** @typedef {import('../server/socket-contract.js').ErrorCode} ErrorCode */
/** @typedef {import('../server/socket-contract.js').KioskLocked} KioskLocked */
/** @typedef {import('./timings.js').Timings} Timings */
/** @typedef {{ id: number, name: string }} Staff */
/** Errors are shown in red; information (when your shift starts) in a neutral style. @typedef {{ kind: 'error' | 'info', code?: ErrorCode, text: string }} Message */

/**
 * Where one person is in the flow. Between people it is `idle`, and an error
 * is `idle` with a message: the PIN pad stays ready for the next try.
 * @typedef {{ name: 'idle' }
 *   | { name: 'identifying' }
 *   | { name: 'choosing', staff: Staff, attempt: string, windows: KioskWindow[] }
 *   | { name: 'countdown', staff: Staff, attempt: string, windows: KioskWindow[], window: KioskWindow, secondsLeft: number }
 *   | { name: 'capturing', staff: Staff, attempt: string, window: KioskWindow, retrying: boolean }
 *   | { name: 'confirmed', staff: Staff, attendance: AttendanceSummary, photoUrl: string }
 *   | { name: 'cancelling', staff: Staff, attendance: AttendanceSummary }
 *   | { name: 'alreadyDone', staff: Staff, windows: KioskWindow[] }
 *   | { name: 'offlineCountdown', pin: string, secondsLeft: number }
 *   | { name: 'offlineCapturing', pin: string }
 *   | { name: 'saved', photoUrl: string }} Step
 *
 * While the server cannot be reached, a PIN goes straight to the photo
 * (`offlineCountdown`, `offlineCapturing`): the punch is sealed and saved on
 * the kiosk (`saved`) and sent once the connection is back. Nobody is
 * identified offline, since the kiosk holds no PINs.
 */

/** @typedef {{ state: 'starting' } | { state: 'ready' } | { state: 'failed', error: string }} CameraState */

/**
 * @typedef {object} FlowState
 * @property {Step} step
 * @property {Message | null} message shown on the idle screen
 * @property {string | null} notice what the server wants the person at the kiosk to know (a shift they never checked out of), shown until they are done
 * @property {number} lockedUntil epoch ms; the kiosk refuses PINs before it (0: never locked)
 * @property {string | null} managerLock while the kiosk is locked until a manager unlocks it: the server's words for the person at it
 * @property {{ connected: boolean, everConnected: boolean }} connection
 * @property {CameraState} camera
 * @property {{ canSave: boolean, waiting: number }} offline whether the kiosk holds the key to save punches while offline, and how many are waiting to be sent
 * @property {Timings} timings
 */

/**
 * @typedef {{ type: 'connected' }
 *   | { type: 'disconnected' }
 *   | { type: 'cameraOpened' }
 *   | { type: 'cameraFailed', error: string }
 *   | { type: 'pinSubmitted', now: number, pin: string }
 *   | { type: 'identifyAnswered', reply: IdentifyAck, now: number }
 *   | { type: 'identifyUnanswered' }
 *   | { type: 'windowChosen', window: KioskWindow }
 *   | { type: 'countdownTicked' }
 *   | { type: 'cancelled' }
 *   | { type: 'photoFailed' }
 *   | { type: 'captureRetrying' }
 *   | { type: 'captureAnswered', reply: CaptureAck, photoUrl: string }
 *   | { type: 'captureUnanswered' }
 *   | { type: 'finished' }
 *   | { type: 'notYouPressed' }
 *   | { type: 'voidAnswered', reply: VoidAck }
 *   | { type: 'voidUnanswered' }
 *   | { type: 'messageFaded', message: Message }
 *   | { type: 'lockAnnounced', lock: KioskLocked, now: number }
 *   | { type: 'unlocked' }
 *   | { type: 'keyKnown' }
 *   | { type: 'queueCounted', count: number }
 *   | { type: 'savedOffline', photoUrl: string }
 *   | { type: 'saveFailed' }} FlowAction
 */

export const pinLength = 6;
/** How long a message stays on the idle screen; a lockout message stays, as it counts down instead. */
export const messageFadeMs = 12000;

export const texts = {
  identifyUnanswered: 'The server did not answer. Wait for the connection to come back, then try again.',
  photoFailed: 'The photo could not be taken. Try again; if it keeps failing, ask a manager.',
  captureUnanswered:
    'The connection to the server was lost, so your check-in may not have been saved. Please try again when the connection is back: trying twice never records twice.',
  cameraFailed: 'The camera is not working, so this kiosk cannot check you in.',
  cameraStarting: 'The camera is not ready yet.',
  cancelled: 'Cancelled — that punch was not kept. Please type your own PIN.',
  voidUnanswered: 'The server did not answer, so that punch may still be recorded. Please tell a manager it was not you.',
  saveFailed: 'Your punch could not be saved on this kiosk. Please try again; if it keeps failing, tell a manager.',
  checkOutWithoutCheckIn: 'You did not check in for this shift. Your check-out will be recorded; tell a manager when you started, so your hours are right.',
};

/** @type {{ name: 'idle' }} */
const idle = { name: 'idle' };

/**
 * @param {Timings} timings
 * @returns {FlowState}
 */
export function initialFlow(timings) {
  return {
    step: idle,
    message: null,
    notice: null,
    lockedUntil: 0,
    managerLock: null,
    connection: { connected: false, everConnected: false },
    camera: { state: 'starting' },
    offline: { canSave: false, waiting: 0 },
    timings,
  };
}

/**
 * @param {FlowState} state
 * @param {FlowAction} action
 * @returns {FlowState}
 */
export function flowReducer(state, action) {
  const { step } = state;
  switch (action.type) {
    case 'connected': {
      // The server says again on connect if a manager must still unlock the kiosk: an unlock missed while offline is not waited for.
      const connected = { ...state, connection: { connected: true, everConnected: true } };
      return state.managerLock === null ? connected : { ...connected, managerLock: null, message: state.message?.code === 'locked' ? null : state.message };
    }
    case 'disconnected':
      // A photo being sent keeps waiting for the connection (the socket retries with the same requestId).
      return { ...state, connection: { ...state.connection, connected: false } };
    case 'cameraOpened':
      return { ...state, camera: { state: 'ready' } };
    case 'cameraFailed':
      return { ...state, camera: { state: 'failed', error: action.error } };
    case 'pinSubmitted':
      if (!canEnterPin(state, action.now)) return state;
      if (!state.connection.connected) return startOfflineCountdown({ ...state, message: null }, action.pin);
      return { ...state, step: { name: 'identifying' }, message: null };
    case 'identifyAnswered':
      return step.name === 'identifying' ? answerIdentify(state, action.reply, action.now) : state;
    case 'identifyUnanswered':
      return step.name === 'identifying' ? backToIdle(state, { kind: 'error', text: texts.identifyUnanswered }) : state;
    case 'windowChosen':
      return step.name === 'choosing' ? startCountdown(state, step.staff, step.attempt, step.windows, action.window) : state;
    case 'countdownTicked':
      if (step.name === 'offlineCountdown') {
        return step.secondsLeft > 1 ? { ...state, step: { ...step, secondsLeft: step.secondsLeft - 1 } } : { ...state, step: { name: 'offlineCapturing', pin: step.pin } };
      }
      if (step.name !== 'countdown') return state;
      if (step.secondsLeft > 1) return { ...state, step: { ...step, secondsLeft: step.secondsLeft - 1 } };
      return { ...state, step: { name: 'capturing', staff: step.staff, attempt: step.attempt, window: step.window, retrying: false } };
    case 'cancelled':
      return step.name === 'choosing' || step.name === 'countdown' || step.name === 'offlineCountdown' ? backToIdle(state, null) : state;
    case 'photoFailed':
      return step.name === 'capturing' || step.name === 'offlineCapturing' ? backToIdle(state, { kind: 'error', text: texts.photoFailed }) : state;
    case 'captureRetrying':
      return step.name === 'capturing' && !step.retrying ? { ...state, step: { ...step, retrying: true } } : state;
    case 'captureAnswered':
      if (step.name !== 'capturing') return state;
      if (action.reply.ok === false) return backToIdle(state, { kind: 'error', text: action.reply.error.message });
      return { ...state, step: { name: 'confirmed', staff: step.staff, attendance: action.reply.attendance, photoUrl: action.photoUrl } };
    case 'captureUnanswered':
      return step.name === 'capturing' ? backToIdle(state, { kind: 'error', text: texts.captureUnanswered }) : state;
    case 'finished':
      return step.name === 'confirmed' || step.name === 'alreadyDone' || step.name === 'saved' ? backToIdle(state, null) : state;
    case 'notYouPressed':
      // The confirmation names someone else: take the punch back (the server allows a minute) before the next person.
      return step.name === 'confirmed' ? { ...state, step: { name: 'cancelling', staff: step.staff, attendance: step.attendance } } : state;
    case 'voidAnswered':
      if (step.name !== 'cancelling') return state;
      return backToIdle(state, action.reply.ok === false ? { kind: 'error', text: action.reply.error.message } : { kind: 'info', text: texts.cancelled });
    case 'voidUnanswered':
      return step.name === 'cancelling' ? backToIdle(state, { kind: 'error', text: texts.voidUnanswered }) : state;
    case 'messageFaded':
      // Only the message the timer was set for: a newer one gets its own time.
      return state.message === action.message ? { ...state, message: null } : state;
    case 'lockAnnounced':
      // Sent on connect: the kiosk was locked before this page knew (a reload, a reconnect).
      return step.name === 'idle' ? lockFrom(state, action.lock, action.now) : state;
    case 'unlocked':
      return {
        ...state,
        lockedUntil: 0,
        managerLock: null,
        message: state.message?.code === 'locked' ? null : state.message,
      };
    case 'keyKnown':
      return state.offline.canSave ? state : { ...state, offline: { ...state.offline, canSave: true } };
    case 'queueCounted':
      return { ...state, offline: { ...state.offline, waiting: action.count } };
    case 'savedOffline':
      // From the offline steps, or from an online photo whose connection dropped before it was answered.
      return step.name === 'offlineCapturing' || step.name === 'capturing' ? { ...state, notice: null, step: { name: 'saved', photoUrl: action.photoUrl } } : state;
    case 'saveFailed':
      return step.name === 'offlineCapturing' || step.name === 'capturing' ? backToIdle(state, { kind: 'error', text: texts.saveFailed }) : state;
    default:
      return state;
  }
}

/**
 * @param {FlowState} state
 * @param {string} pin
 * @returns {FlowState}
 */
function startOfflineCountdown(state, pin) {
  const secondsLeft = state.timings.countdownSeconds;
  return { ...state, step: secondsLeft <= 0 ? { name: 'offlineCapturing', pin } : { name: 'offlineCountdown', pin, secondsLeft } };
}

/**
 * @param {FlowState} state
 * @param {IdentifyAck} reply
 * @param {number} now
 * @returns {FlowState}
 */
function answerIdentify(state, reply, now) {
  const notice = reply.notices?.map((n) => n.message).join(' ') || null;
  if (reply.ok === false) {
    const { code, message } = reply.error;
    if (code === 'locked') return lockFrom(backToIdle(state, null), reply.error, now);
    return backToIdle(state, { kind: code === 'no_window' ? 'info' : 'error', code, text: notice ? `${message} ${notice}` : message });
  }
  // Everything open is already recorded: say so, with no countdown and no photo (a second photo would not be stored).
  if (reply.windows.every((w) => w.recordedAt)) return { ...state, notice, step: { name: 'alreadyDone', staff: reply.staff, windows: reply.windows } };
  if (state.camera.state !== 'ready') {
    // The banner gives the manager the technical details; the person just needs to know what to do.
    const problem = state.camera.state === 'failed' ? texts.cameraFailed : texts.cameraStarting;
    return backToIdle(state, { kind: 'error', text: `Hello, ${reply.staff.name}. ${problem} Ask a manager for help.` });
  }
  const only = windowToOffer(reply.windows);
  if (only) {
    const missedCheckIn = only.kind === 'check_out' && only.state === 'none' ? texts.checkOutWithoutCheckIn : null;
    return startCountdown({ ...state, notice: [notice, missedCheckIn].filter(Boolean).join(' ') || null }, reply.staff, reply.attempt, reply.windows, only);
  }
  return { ...state, notice, step: { name: 'choosing', staff: reply.staff, attempt: reply.attempt, windows: reply.windows } };
}

/**
 * Locked for `retryAfterSeconds`, or until a manager unlocks the kiosk.
 * @param {FlowState} state
 * @param {KioskLocked} lock
 * @param {number} now
 * @returns {FlowState}
 */
function lockFrom(state, lock, now) {
  const message = /** @type {Message} */ ({ kind: 'error', code: 'locked', text: lock.message });
  if (lock.needsManager) return { ...state, message, managerLock: lock.message };
  return { ...state, message, lockedUntil: now + (lock.retryAfterSeconds ?? 0) * 1000 };
}

/**
 * Counts down over the live preview so the person can face the camera; with no countdown, straight to the photo.
 * @param {FlowState} state
 * @param {Staff} staff
 * @param {string} attempt
 * @param {KioskWindow[]} windows
 * @param {KioskWindow} window
 * @returns {FlowState}
 */
function startCountdown(state, staff, attempt, windows, window) {
  const secondsLeft = state.timings.countdownSeconds;
  if (secondsLeft <= 0) return { ...state, step: { name: 'capturing', staff, attempt, window, retrying: false } };
  return { ...state, step: { name: 'countdown', staff, attempt, windows, window, secondsLeft } };
}

/**
 * @param {FlowState} state
 * @param {Message | null} message
 * @returns {FlowState}
 */
function backToIdle(state, message) {
  return { ...state, step: idle, message, notice: null };
}

// ---------------------------------------------------------------- rules the station asks about too

/**
 * The window taken without asking: the only one open. With two (a check-out
 * and the next shift's check-in) the person chooses.
 * @param {KioskWindow[]} windows
 * @returns {KioskWindow | null}
 */
export function windowToOffer(windows) {
  return windows.length === 1 ? windows[0] : null;
}

/**
 * Whole seconds of lockout left at `now`, rounded up so a 5-minute lock reads 5:00, not 4:59.
 * @param {FlowState} state
 * @param {number} now
 */
export function lockSecondsLeft(state, now) {
  return Math.max(0, Math.ceil((state.lockedUntil - now) / 1000));
}

/**
 * @param {FlowState} state
 * @param {number} now
 */
export function canEnterPin(state, now) {
  // Offline, a PIN is only taken if the punch can be saved: a key to seal it to, and a camera for its photo.
  const reachable = state.connection.connected || (state.offline.canSave && state.camera.state === 'ready');
  return reachable && state.managerLock === null && lockSecondsLeft(state, now) === 0 && state.step.name === 'idle';
}

/**
 * How long a message stays on the idle screen, or null if it stays until replaced.
 * @param {Message | null} message
 * @returns {number | null}
 */
export function messageLifetimeMs(message) {
  return message && message.code !== 'locked' ? messageFadeMs : null;
}
