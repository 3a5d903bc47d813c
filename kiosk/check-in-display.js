// @ts-check
/**
 * What the kiosk's screens show, read from the check-in flow's state: pure
 * functions of the state and the time, so the texts are tested with the
 * reducer and the components only lay them out.
 */
import { lockSecondsLeft } from './check-in-flow.js';

/** @typedef {import('./check-in-flow.js').FlowState} FlowState */
/** @typedef {import('./check-in-flow.js').KioskWindow} KioskWindow */

/**
 * The line above the PIN dots.
 * @param {FlowState} state
 * @param {number} now
 */
export function idleLead(state, now) {
  if (state.managerLock !== null) return 'This kiosk is locked';
  if (lockSecondsLeft(state, now) > 0) return 'This kiosk is locked for a moment';
  return state.step.name === 'identifying' ? 'Checking…' : 'Enter your PIN';
}

/**
 * The alert under the PIN dots: what to do while a manager must unlock the
 * kiosk, the live lockout countdown while locked for a while, else the last message.
 * @param {FlowState} state
 * @param {number} now
 * @returns {string | null}
 */
export function idleAlert(state, now) {
  if (state.managerLock !== null) return state.managerLock;
  const seconds = lockSecondsLeft(state, now);
  if (seconds > 0) {
    return `Too many wrong PINs. Try again in ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}. A manager has been told.`;
  }
  return state.message?.text ?? null;
}

/**
 * Whether the message under the lead is an error (red) or information (neutral).
 * @param {FlowState} state
 * @param {number} now
 */
export function idleAlertIsError(state, now) {
  return state.managerLock !== null || lockSecondsLeft(state, now) > 0 || state.message?.kind !== 'info';
}

/**
 * What a person whose punches are all recorded is told instead of a countdown:
 * "You are already checked in since 08:57."
 * @param {KioskWindow[]} windows
 * @param {(value: Date) => string} time
 */
export function alreadyDoneText(windows, time) {
  const latest = windows.find((w) => w.state === 'checked_out') ?? windows.find((w) => w.state === 'checked_in');
  if (latest?.state === 'checked_out' && latest.checkedOutAt) return `You already checked out at ${time(new Date(latest.checkedOutAt))}.`;
  if (latest?.checkedInAt) return `You are already checked in since ${time(new Date(latest.checkedInAt))}.`;
  return 'This is already recorded.';
}

/**
 * The banner while the connection is down, or null.
 * @param {FlowState} state
 * @returns {string | null}
 */
export function connectionBanner(state) {
  const { connected, everConnected } = state.connection;
  const waiting = waitingText(state);
  if (connected) return waiting;
  if (state.offline.canSave) return ['No connection to the server. You can still check in and out: punches are saved on this kiosk and sent when it is back.', waiting].filter(Boolean).join(' ');
  return `${everConnected ? 'Reconnecting…' : 'Connecting to the server…'} Check-ins resume as soon as the connection is back.`;
}

/**
 * How many saved punches are waiting, or null when none are.
 * @param {FlowState} state
 * @returns {string | null}
 */
export function waitingText(state) {
  const { waiting } = state.offline;
  if (waiting === 0) return null;
  const punches = waiting === 1 ? '1 punch' : `${waiting} punches`;
  return state.connection.connected ? `Sending ${punches} saved while offline…` : `${punches} waiting to be sent.`;
}

/**
 * The camera's problem for the manager, shown between people, or null.
 * @param {FlowState} state
 * @returns {string | null}
 */
export function cameraBanner(state) {
  return state.camera.state === 'failed' && state.step.name === 'idle' ? state.camera.error : null;
}

/**
 * Whether the live preview is on screen: from hello until the photo is sent.
 * @param {FlowState} state
 */
export function showsPreview(state) {
  const { name } = state.step;
  return name === 'choosing' || name === 'countdown' || name === 'capturing' || name === 'offlineCountdown' || name === 'offlineCapturing';
}
