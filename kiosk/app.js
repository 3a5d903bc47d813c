// The kiosk: pair once, then all day long: PIN → hello → photo → confirmation.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { captureFrame, openCamera } from './camera.js';
import { createKioskSocket } from './kiosk-socket.js';
import { PinPad } from './pin-pad.js';
import { createTimeFormat, useNow } from './time.js';

const tokenKey = 'rollcall.kioskToken';
const countdownSeconds = 3;
const confirmationMs = 5000;
const pinLength = 6;

const kindText = { check_in: 'Check in', check_out: 'Check out' };
const doneText = { check_in: 'Checked in', check_out: 'Checked out' };
const statusText = { on_time: 'On time', late: 'Late', early: 'Before the end of your shift' };

export function App() {
  const [token, setToken] = useState(() => localStorage.getItem(tokenKey));
  const [notice, setNotice] = useState(null);
  const [org, setOrg] = useState({ orgName: 'Rollcall', timezone: undefined });

  useEffect(() => {
    fetch('/api/auth/status')
      .then((response) => (response.ok ? response.json() : null))
      .then((status) => status && setOrg({ orgName: status.orgName, timezone: status.timezone }))
      .catch(() => {});
  }, []);

  const unpair = useCallback((message) => {
    localStorage.removeItem(tokenKey);
    setToken(null);
    setNotice(message);
  }, []);

  if (!token) {
    return html`<${PairScreen}
      notice=${notice}
      onPaired=${(newToken) => {
        localStorage.setItem(tokenKey, newToken);
        setNotice(null);
        setToken(newToken);
      }}
    />`;
  }
  return html`<${Station} token=${token} org=${org} onUnpaired=${unpair} />`;
}

function PairScreen({ notice, onPaired }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('Front desk');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function pair(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/kiosks/pair', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, name }),
      });
      const body = await response.json().catch(() => null);
      if (response.ok) onPaired(body.token);
      else setError(body?.error?.message ?? 'Pairing failed. Try again.');
    } catch {
      setError('The server cannot be reached. Check the network connection, then try again.');
    } finally {
      setBusy(false);
    }
  }

  return html`
    <section class="screen pair">
      <h1>Set up this kiosk</h1>
      ${notice && html`<p class="message error" role="alert">${notice}</p>`}
      <p class="hint">A manager creates a pairing code in the Rollcall admin app (Kiosks → Add kiosk). Type it here.</p>
      <form onSubmit=${pair}>
        <label for="pairing-code">Pairing code</label>
        <input id="pairing-code" class="code-input" autocomplete="off" autocapitalize="characters" spellcheck="false"
          maxlength="12" value=${code} onInput=${(e) => setCode(e.currentTarget.value)} required />
        <label for="kiosk-name">Kiosk name</label>
        <input id="kiosk-name" value=${name} maxlength="80" onInput=${(e) => setName(e.currentTarget.value)} required />
        ${error && html`<p class="message error" role="alert">${error}</p>`}
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Pairing…' : 'Pair'}</button>
      </form>
    </section>
  `;
}

/** The paired kiosk: owns the connection, the camera and the flow of one person at a time. */
function Station({ token, org, onUnpaired }) {
  const [connected, setConnected] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const [camera, setCamera] = useState({ state: 'starting' });
  const [flow, setFlow] = useState({ step: 'idle' });
  const [message, setMessage] = useState(null);
  const [lockedUntil, setLockedUntil] = useState(0);
  const socketRef = useRef(null);
  const videoRef = useRef(null);
  const now = useNow();
  const format = createTimeFormat(org.timezone);

  useEffect(() => {
    const socket = createKioskSocket(token, {
      onConnected: () => {
        setConnected(true);
        setEverConnected(true);
      },
      onDisconnected: () => setConnected(false),
      onUnauthorized: (text) => onUnpaired(text),
    });
    socketRef.current = socket;
    return () => socket.close();
  }, [token]);

  useEffect(() => {
    let stream;
    openCamera().then((result) => {
      if ('error' in result) setCamera({ state: 'failed', error: result.error });
      else {
        stream = result.stream;
        setCamera({ state: 'ready', stream });
      }
    });
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, []);

  useEffect(() => {
    if (videoRef.current && camera.stream && videoRef.current.srcObject !== camera.stream) {
      videoRef.current.srcObject = camera.stream;
      videoRef.current.play().catch(() => {});
    }
  }, [camera]);

  const backToIdle = useCallback(() => setFlow({ step: 'idle' }), []);
  // Against the time of this render, not `now`: that can be a second old, and a 5-minute lock must not read 5:01.
  const lockMs = lockedUntil - Date.now();
  const locked = lockMs > 0;

  async function identify(pin) {
    setMessage(null);
    setFlow({ step: 'identifying' });
    let reply;
    try {
      reply = await socketRef.current.identify(pin);
    } catch {
      setFlow({ step: 'idle' });
      setMessage({ kind: 'error', text: 'The server did not answer. Wait for the connection to come back, then try again.' });
      return;
    }
    if (!reply.ok) {
      setFlow({ step: 'idle' });
      if (reply.error.code === 'locked') setLockedUntil(Date.now() + reply.error.retryAfterSeconds * 1000);
      setMessage({ kind: 'error', code: reply.error.code, text: reply.error.message });
      return;
    }
    if (camera.state !== 'ready') {
      setFlow({ step: 'idle' });
      // The banner above gives the manager the technical details; the person just needs to know what to do.
      const problem = camera.state === 'failed' ? 'The camera is not working, so this kiosk cannot check you in.' : 'The camera is not ready yet.';
      setMessage({ kind: 'error', text: `Hello, ${reply.staff.name}. ${problem} Ask a manager for help.` });
      return;
    }
    const windows = reply.windows;
    setFlow({ step: 'identified', staff: reply.staff, attempt: reply.attempt, windows, chosen: windows.length === 1 ? windows[0] : null });
  }

  async function capture(window) {
    const { staff, attempt } = flow;
    setFlow({ step: 'sending', staff, window });
    let frame;
    try {
      frame = await captureFrame(videoRef.current);
    } catch {
      setFlow({ step: 'idle' });
      setMessage({ kind: 'error', text: 'The photo could not be taken. Try again; if it keeps failing, ask a manager.' });
      return;
    }
    const requestId = crypto.randomUUID();
    try {
      const reply = await socketRef.current.capture(
        { attempt, kind: window.kind, image: frame.bytes, requestId },
        () => setFlow({ step: 'sending', staff, window, retrying: true }),
      );
      if (!reply.ok) {
        URL.revokeObjectURL(frame.url);
        setFlow({ step: 'idle' });
        setMessage({ kind: 'error', text: reply.error.message });
        return;
      }
      setFlow({ step: 'confirmed', staff, attendance: reply.attendance, photo: frame.url });
    } catch {
      setFlow({ step: 'idle' });
      setMessage({ kind: 'error', text: 'The connection to the server was lost, so your check-in may not have been saved. Please try again when the connection is back: trying twice never records twice.' });
    }
  }

  // One open window: count down over the live preview, then take the photo.
  useEffect(() => {
    if (flow.step !== 'identified' || !flow.chosen) return;
    let remaining = countdownSeconds;
    setFlow((current) => ({ ...current, countdown: remaining }));
    const timer = setInterval(() => {
      remaining -= 1;
      if (remaining > 0) setFlow((current) => (current.step === 'identified' ? { ...current, countdown: remaining } : current));
      else {
        clearInterval(timer);
        capture(flow.chosen);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [flow.step, flow.chosen]);

  useEffect(() => {
    if (flow.step !== 'confirmed') return;
    const timer = setTimeout(backToIdle, confirmationMs);
    return () => {
      clearTimeout(timer);
      URL.revokeObjectURL(flow.photo);
    };
  }, [flow.step]);

  // A message on the idle screen fades after a while, unless it is a lockout (it counts down instead).
  useEffect(() => {
    if (!message || message.code === 'locked') return;
    const timer = setTimeout(() => setMessage(null), 12000);
    return () => clearTimeout(timer);
  }, [message]);

  const padEnabled = connected && !locked && flow.step === 'idle';
  const showVideo = flow.step === 'identified' || flow.step === 'sending';

  return html`
    <div class="station">
      ${!connected &&
      html`<div class="banner" role="status">${everConnected ? 'Reconnecting…' : 'Connecting to the server…'} Check-ins resume as soon as the connection is back.</div>`}
      ${camera.state === 'failed' && flow.step === 'idle' && html`<div class="banner warning" role="alert">${camera.error}</div>`}
      <header class="top">
        <span class="org">${org.orgName}</span>
        <time class="clock">${format.time(now)}</time>
        <span class="date">${format.date(now)}</span>
      </header>
      <div class=${`camera ${showVideo ? 'visible' : ''}`}>
        <video ref=${videoRef} muted playsinline autoplay aria-label="Camera preview"></video>
        ${flow.step === 'identified' && flow.countdown !== undefined && html`<div class="countdown" aria-live="assertive">${flow.countdown}</div>`}
        ${flow.step === 'sending' && html`<div class="countdown small">${flow.retrying ? 'Reconnecting… your photo will be sent' : 'Saving…'}</div>`}
      </div>
      ${flow.step === 'idle' || flow.step === 'identifying'
        ? html`<${IdleScreen}
            message=${message}
            locked=${locked}
            lockSeconds=${Math.ceil(lockMs / 1000)}
            enabled=${padEnabled}
            busy=${flow.step === 'identifying'}
            onSubmit=${identify}
          />`
        : null}
      ${flow.step === 'identified' && html`<${IdentifiedScreen} flow=${flow} format=${format} onChoose=${(w) => setFlow({ ...flow, chosen: w })} onCancel=${backToIdle} />`}
      ${flow.step === 'sending' && html`<section class="screen hello"><h1>Hello, ${flow.staff.name}</h1><p class="lead">${flow.retrying ? 'Photo taken. Please wait: it is sent as soon as the connection is back.' : 'Hold still…'}</p></section>`}
      ${flow.step === 'confirmed' && html`<${ConfirmScreen} flow=${flow} format=${format} onDone=${backToIdle} />`}
    </div>
  `;
}

function IdleScreen({ message, locked, lockSeconds, enabled, busy, onSubmit }) {
  const [pin, setPin] = useState('');
  // The latest PIN, for Enter pressed before the last digit has been drawn.
  const pinRef = useRef('');
  const change = (update) =>
    setPin((current) => {
      pinRef.current = update(current);
      return pinRef.current;
    });
  const submit = () => {
    if (pinRef.current.length === pinLength && enabled) {
      onSubmit(pinRef.current);
      pinRef.current = '';
      setPin('');
    }
  };
  const lockText = locked
    ? `Too many wrong PINs. Try again in ${Math.floor(lockSeconds / 60)}:${String(lockSeconds % 60).padStart(2, '0')}. A manager has been told.`
    : null;
  return html`
    <section class="screen idle">
      <p class="lead">${locked ? 'This kiosk is locked for a moment' : busy ? 'Checking…' : 'Enter your PIN'}</p>
      <div class="dots" aria-label=${`${pin.length} of ${pinLength} digits entered`}>
        ${Array.from({ length: pinLength }, (_, i) => html`<span class=${i < pin.length ? 'dot filled' : 'dot'}></span>`)}
      </div>
      ${lockText ? html`<p class="message error" role="alert">${lockText}</p>` : message && html`<p class="message error" role="alert">${message.text}</p>`}
      <${PinPad} pin=${pin} length=${pinLength} enabled=${enabled} onChange=${change} onSubmit=${submit} />
    </section>
  `;
}

function IdentifiedScreen({ flow, format, onChoose, onCancel }) {
  const shiftText = (w) => `shift ${format.time(new Date(w.shiftStart))}–${format.time(new Date(w.shiftEnd))}`;
  return html`
    <section class="screen hello">
      <h1>Hello, ${flow.staff.name}</h1>
      ${flow.chosen
        ? html`<p class="lead">${kindText[flow.chosen.kind]} — ${shiftText(flow.chosen)}</p>
            <p class="hint">Look at the camera. The photo is taken when the count reaches zero.</p>`
        : html`<p class="lead">Which one?</p>
            <div class="choices">
              ${flow.windows.map(
                (w) => html`<button class="primary big" onClick=${() => onChoose(w)}>${kindText[w.kind]}<small>${shiftText(w)}</small></button>`,
              )}
            </div>`}
      <button class="secondary" onClick=${onCancel}>Cancel</button>
    </section>
  `;
}

function ConfirmScreen({ flow, format, onDone }) {
  const { attendance } = flow;
  return html`
    <section class="screen confirmed" onClick=${onDone}>
      <img class="photo" src=${flow.photo} alt=${`Photo of ${flow.staff.name} just taken`} />
      <h1>${doneText[attendance.kind]} at ${format.time(new Date(attendance.timestamp))}</h1>
      <p class=${`status ${attendance.status}`}>${statusText[attendance.status] ?? attendance.status}</p>
      <p class="hint">Thank you, ${flow.staff.name}. Tap to finish.</p>
    </section>
  `;
}
