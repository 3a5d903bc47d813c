// @ts-check
// The paired kiosk: wires the connection, the camera and the timers to the
// check-in flow. Every decision is the reducer's (check-in-flow.js); this
// component only runs what the current step asks for and reports back.
import { html } from 'htm/preact';
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { captureFrame, openCamera } from './camera.js';
import { cameraBanner, connectionBanner, idleAlert, idleAlertIsError, idleLead, showsPreview } from './check-in-display.js';
import { canEnterPin, flowReducer, initialFlow, messageLifetimeMs } from './check-in-flow.js';
import { IdleScreen } from './idle-screen.js';
import { useHealthReports } from './health-reports.js';
import { createKioskSocket, WentOffline } from './kiosk-socket.js';
import { setKioskBusy } from './offline-app.js';
import { rememberKioskKey, useOfflinePunches } from './offline-punches.js';
import { AlreadyDoneScreen, CancellingScreen, ConfirmScreen, HelloScreen, OfflineHelloScreen, SavedScreen, SavingScreen } from './person-screens.js';
import { createTimeFormat, useNow } from './time.js';

/** @typedef {import('./check-in-flow.js').FlowState} FlowState */
/** @typedef {import('./check-in-flow.js').FlowAction} FlowAction */
/** @typedef {import('./check-in-flow.js').KioskWindow} KioskWindow */
/** @typedef {import('./kiosk-socket.js').KioskSocket} KioskSocket */
/** @typedef {import('./timings.js').Timings} Timings */

/**
 * @param {{ token: string, org: { orgName: string, timezone?: string, locale?: string, clock?: '24h' | '12h', faceCheck?: boolean }, timings: Timings, onUnpaired(message: string): void }} props
 */
export function Station({ token, org, timings, onUnpaired }) {
  const [state, dispatch] = useReducer(flowReducer, timings, initialFlow);
  const [stream, setStream] = useState(/** @type {MediaStream | null} */ (null));
  const socketRef = useRef(/** @type {KioskSocket | null} */ (null));
  const videoRef = useRef(/** @type {HTMLVideoElement | null} */ (null));
  // The PIN of the person at the kiosk, kept until they are done: their photo is saved offline with it if the connection drops.
  const pinRef = useRef('');
  const now = useNow();
  const format = useMemo(() => createTimeFormat(org.timezone, org), [org.timezone, org.locale, org.clock]);
  const { step } = state;

  useEffect(() => {
    const socket = createKioskSocket(token, {
      onConnected: () => dispatch({ type: 'connected' }),
      onDisconnected: () => dispatch({ type: 'disconnected' }),
      onUnauthorized: (text) => onUnpaired(text),
      onLocked: (lock) => dispatch({ type: 'lockAnnounced', lock, now: Date.now() }),
      onUnlocked: () => dispatch({ type: 'unlocked' }),
      onKey: (publicKey) => {
        rememberKioskKey(publicKey);
        dispatch({ type: 'keyKnown' });
      },
    });
    socketRef.current = socket;
    return () => socket.close();
  }, [token]);
  const offline = useOfflinePunches(socketRef, state.connection.connected, dispatch);
  useHealthReports(socketRef, state);

  // Opened once and kept open all day, so a photo never waits for the camera to wake up.
  useEffect(() => {
    /** @type {MediaStream | undefined} */
    let opened;
    openCamera().then((result) => {
      if ('error' in result) dispatch({ type: 'cameraFailed', error: result.error });
      else {
        opened = result.stream;
        setStream(opened);
        dispatch({ type: 'cameraOpened' });
      }
    });
    return () => opened?.getTracks().forEach((track) => track.stop());
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    if (video && stream && video.srcObject !== stream) {
      video.srcObject = stream;
      video.play().catch(() => {});
    }
  }, [stream]);

  /** @param {string} pin */
  async function identify(pin) {
    const at = Date.now();
    if (!canEnterPin(state, at)) return;
    pinRef.current = pin;
    dispatch({ type: 'pinSubmitted', now: at, pin });
    // Offline, the reducer goes straight to the photo.
    if (!state.connection.connected) return;
    try {
      const reply = await socketRef.current.identify(pin);
      dispatch({ type: 'identifyAnswered', reply, now: Date.now() });
    } catch {
      dispatch({ type: 'identifyUnanswered' });
    }
  }

  // The countdown: one tick a second while it runs; the reducer says when it reaches the photo.
  const countingFor = step.name === 'countdown' ? step.window : step.name === 'offlineCountdown' ? step : null;
  useEffect(() => {
    if (!countingFor) return;
    const timer = setInterval(() => dispatch({ type: 'countdownTicked' }), 1000);
    return () => clearInterval(timer);
  }, [countingFor]);

  // The photo, once per capturing step (keyed on its window, which a retry notice does not change).
  const capturingFor = step.name === 'capturing' ? step : null;
  useEffect(() => {
    if (capturingFor) sendPhoto(capturingFor.attempt, capturingFor.window);
  }, [capturingFor?.window]);

  // Offline: the photo, sealed with the PIN and saved, once per offline capturing step.
  const savingOffline = step.name === 'offlineCapturing' ? step : null;
  useEffect(() => {
    if (savingOffline) takePhoto().then((frame) => frame && saveOffline(savingOffline.pin, frame, crypto.randomUUID()));
  }, [savingOffline]);

  /** @returns {Promise<{ bytes: ArrayBuffer, url: string } | null>} */
  async function takePhoto() {
    try {
      return await captureFrame(videoRef.current);
    } catch {
      dispatch({ type: 'photoFailed' });
      return null;
    }
  }

  /**
   * @param {string} pin
   * @param {{ bytes: ArrayBuffer, url: string }} frame
   * @param {string} requestId
   */
  async function saveOffline(pin, frame, requestId) {
    try {
      await offline.save(pin, frame.bytes, requestId);
      dispatch({ type: 'savedOffline', photoUrl: frame.url });
    } catch {
      URL.revokeObjectURL(frame.url);
      dispatch({ type: 'saveFailed' });
    }
  }

  /**
   * @param {string} attempt
   * @param {KioskWindow} window
   */
  async function sendPhoto(attempt, window) {
    const frame = await takePhoto();
    if (!frame) return;
    const requestId = crypto.randomUUID();
    try {
      const reply = await socketRef.current.capture(
        { attempt, kind: window.kind, image: frame.bytes, requestId },
        { onRetry: () => dispatch({ type: 'captureRetrying' }), stopWhenOffline: state.offline.canSave },
      );
      // Only a confirmation shows the photo; it is released when the confirmation goes.
      if (!reply.ok) URL.revokeObjectURL(frame.url);
      dispatch({ type: 'captureAnswered', reply, photoUrl: frame.url });
    } catch (error) {
      // The same requestId: if the first try did reach the server, the saved one returns its record.
      if (error instanceof WentOffline) return saveOffline(pinRef.current, frame, requestId);
      URL.revokeObjectURL(frame.url);
      dispatch({ type: 'captureUnanswered' });
    }
  }

  // A confirmation, a saved punch, or the answer to a repeat PIN, goes back to the pad by itself.
  const finishing = step.name === 'confirmed' || step.name === 'alreadyDone' || step.name === 'saved' ? step : null;
  useEffect(() => {
    if (!finishing) return;
    const timer = setTimeout(() => dispatch({ type: 'finished' }), state.timings.confirmSeconds * 1000);
    return () => {
      clearTimeout(timer);
      if (finishing.name !== 'alreadyDone') URL.revokeObjectURL(finishing.photoUrl);
    };
  }, [finishing]);

  useEffect(() => {
    if (step.name === 'idle') pinRef.current = '';
    setKioskBusy(step.name !== 'idle');
  }, [step.name]);

  // *Not you?*: once per cancelling step.
  const cancellingFor = step.name === 'cancelling' ? step : null;
  useEffect(() => {
    if (!cancellingFor) return;
    socketRef.current
      .voidPunch(cancellingFor.attendance.id)
      .then((reply) => dispatch({ type: 'voidAnswered', reply }))
      .catch(() => dispatch({ type: 'voidUnanswered' }));
  }, [cancellingFor]);

  useEffect(() => {
    const { message } = state;
    const lifetime = messageLifetimeMs(message);
    if (lifetime === null) return;
    const timer = setTimeout(() => dispatch({ type: 'messageFaded', message }), lifetime);
    return () => clearTimeout(timer);
  }, [state.message]);

  // Against the time of this render, not `now`: that can be a second old, and a 5-minute lock must not read 5:01.
  const renderedAt = Date.now();
  const connection = connectionBanner(state);
  const camera = cameraBanner(state);
  const cancel = () => dispatch({ type: 'cancelled' });

  return html`
    <div class="station">
      ${connection && html`<div class="banner" role="status">${connection}</div>`}
      ${camera && html`<div class="banner warning" role="alert">${camera}</div>`}
      <header class="top">
        <span class="org">${org.orgName}</span>
        <time class="clock">${format.time(now)}</time>
        <span class="date">${format.date(now)}</span>
      </header>
      <div class=${`camera ${showsPreview(state) ? 'visible' : ''}`}>
        <video ref=${videoRef} muted playsinline autoplay aria-label="Camera preview"></video>
        ${(step.name === 'countdown' || step.name === 'offlineCountdown') && html`<div class="countdown" aria-live="assertive">${step.secondsLeft}</div>`}
        ${step.name === 'capturing' && html`<div class="countdown small">${step.retrying ? 'Reconnecting… your photo will be sent' : 'Saving…'}</div>`}
      </div>
      ${step.name === 'idle' || step.name === 'identifying'
        ? html`<${IdleScreen}
            lead=${idleLead(state, renderedAt)}
            alert=${idleAlert(state, renderedAt)}
            alertIsError=${idleAlertIsError(state, renderedAt)}
            enabled=${canEnterPin(state, renderedAt)}
            onSubmit=${identify}
          />`
        : null}
      ${(step.name === 'choosing' || step.name === 'countdown') &&
      html`<${HelloScreen} step=${step} notice=${state.notice} format=${format} faceCheck=${Boolean(org.faceCheck)} onChoose=${(/** @type {KioskWindow} */ w) => dispatch({ type: 'windowChosen', window: w })} onCancel=${cancel} />`}
      ${step.name === 'capturing' && html`<${SavingScreen} step=${step} />`}
      ${step.name === 'confirmed' &&
      html`<${ConfirmScreen}
        step=${step}
        notice=${state.notice}
        format=${format}
        onDone=${() => dispatch({ type: 'finished' })}
        onNotYou=${() => dispatch({ type: 'notYouPressed' })}
      />`}
      ${step.name === 'cancelling' && html`<${CancellingScreen} step=${step} />`}
      ${step.name === 'offlineCountdown' && html`<${OfflineHelloScreen} faceCheck=${Boolean(org.faceCheck)} onCancel=${cancel} />`}
      ${step.name === 'offlineCapturing' && html`<section class="screen hello"><p class="lead">Hold still…</p></section>`}
      ${step.name === 'saved' && html`<${SavedScreen} step=${step} waiting=${state.offline.waiting} onDone=${() => dispatch({ type: 'finished' })} />`}
      ${step.name === 'alreadyDone' && html`<${AlreadyDoneScreen} step=${step} notice=${state.notice} format=${format} onDone=${() => dispatch({ type: 'finished' })} />`}
    </div>
  `;
}
