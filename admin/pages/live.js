// Live: today's board, updated as check-ins arrive, with alerts and kiosks.
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createAdminSocket } from '../admin-socket.js';
import { useApp } from '../app.js';
import { stateLabels } from '../format.js';
import { Empty, Loading } from '../ui.js';
import { PhotoViewer } from './photo-viewer.js';

const key = (o) => `${o.shiftId}@${o.date}`;

/** The state as time passes, for occurrences nobody has checked into yet. */
function currentState(occurrence, windowMinutes, now) {
  if (occurrence.checkOut) return 'checked_out';
  if (occurrence.checkIn) return occurrence.checkIn.status === 'late' ? 'late' : 'checked_in';
  const start = Date.parse(occurrence.start);
  const span = windowMinutes * 60000;
  if (now < start - span) return 'upcoming';
  if (now <= start + span) return 'open';
  return 'missed';
}

export function LivePage() {
  const { format } = useApp();
  const [board, setBoard] = useState(null);
  const [connected, setConnected] = useState(false);
  const [alerts, setAlerts] = useState([]);
  const [photo, setPhoto] = useState(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30000);
    const socket = createAdminSocket({
      connect: () => setConnected(true),
      disconnect: () => setConnected(false),
      connect_error: () => setConnected(false),
      snapshot: (snapshot) =>
        setBoard({ ...snapshot, occurrences: new Map(snapshot.occurrences.map((o) => [key(o), o])), kiosks: snapshot.kiosks }),
      'attendance:created': (event) =>
        setBoard((current) => {
          if (!current) return current;
          const occurrences = new Map(current.occurrences);
          const existing = occurrences.get(key(event)) ?? {
            shiftId: event.shiftId, date: event.date, staffId: event.staffId, staffName: event.staffName,
            start: event.timestamp, end: event.timestamp, checkIn: null, checkOut: null,
          };
          const record = { at: event.timestamp, status: event.status, photoUrl: event.photoUrl, attendanceId: event.id };
          occurrences.set(key(event), { ...existing, [event.kind === 'check_in' ? 'checkIn' : 'checkOut']: record });
          return { ...current, occurrences };
        }),
      'kiosk:status': (status) =>
        setBoard((current) =>
          current && {
            ...current,
            kiosks: current.kiosks.some((k) => k.id === status.id) ? current.kiosks.map((k) => (k.id === status.id ? status : k)) : [...current.kiosks, status],
          },
        ),
      alert: (alert) => setAlerts((current) => [{ ...alert, id: `${alert.at}-${Math.random()}` }, ...current].slice(0, 20)),
    });
    return () => {
      clearInterval(timer);
      socket.close();
    };
  }, []);

  const rows = useMemo(
    () => (board ? [...board.occurrences.values()].sort((a, b) => a.start.localeCompare(b.start) || a.staffName.localeCompare(b.staffName)) : []),
    [board],
  );
  const counts = useMemo(() => {
    const tally = {};
    for (const o of rows) {
      const state = currentState(o, board.windowMinutes, now);
      tally[state] = (tally[state] ?? 0) + 1;
    }
    return tally;
  }, [rows, now]);

  if (!board) return html`<section><h1>Live</h1>${connected ? html`<${Loading} what="Loading today’s board" />` : html`<${Loading} what="Connecting" />`}</section>`;

  return html`
    <section class="live">
      <div class="page-head">
        <h1>Live — ${format.longDay(board.at)}</h1>
        <span class=${connected ? 'pill ok' : 'pill warn'} role="status">${connected ? 'Live' : 'Reconnecting…'}</span>
      </div>
      ${alerts.length > 0 &&
      html`<ul class="alerts" aria-label="Alerts">
        ${alerts.map(
          (alert) => html`<li class=${`alert ${alert.type}`} role="alert">
            <span>${format.time(alert.at)} — ${alert.message}</span>
            <button class="link" aria-label="Dismiss" onClick=${() => setAlerts((current) => current.filter((a) => a.id !== alert.id))}>Dismiss</button>
          </li>`,
        )}
      </ul>`}
      <div class="kiosk-strip" aria-label="Kiosks">
        ${board.kiosks.length === 0
          ? html`<span class="hint">No kiosks paired yet — add one on the Kiosks page.</span>`
          : board.kiosks.map((k) => html`<span class=${k.online ? 'pill ok' : 'pill off'}>${k.name}: ${k.online ? 'online' : 'offline'}</span>`)}
      </div>
      <p class="summary">
        ${Object.entries(stateLabels).map(([state, label]) => (counts[state] ? html`<span class=${`state ${state}`}>${label}: ${counts[state]}</span> ` : null))}
      </p>
      ${rows.length === 0
        ? html`<${Empty}>Nobody is scheduled today. Shifts are set on the Roster page.</${Empty}>`
        : html`<div class="table-wrap"><table class="board">
            <thead><tr><th>Staff</th><th>Shift</th><th>State</th><th>In</th><th>Out</th></tr></thead>
            <tbody>
              ${rows.map((o) => {
                const state = currentState(o, board.windowMinutes, now);
                return html`<tr data-staff=${o.staffName}>
                  <td>${o.staffName}</td>
                  <td>${format.time(o.start)}–${format.time(o.end)}${o.date !== board.date ? html` <span class="hint">(from yesterday)</span>` : ''}</td>
                  <td><span class=${`state ${state}`}>${stateLabels[state]}</span></td>
                  <td>${o.checkIn ? html`<${Stamp} record=${o.checkIn} name=${o.staffName} format=${format} onOpen=${setPhoto} />` : '—'}</td>
                  <td>${o.checkOut ? html`<${Stamp} record=${o.checkOut} name=${o.staffName} format=${format} onOpen=${setPhoto} />` : '—'}</td>
                </tr>`;
              })}
            </tbody>
          </table></div>`}
      ${photo && html`<${PhotoViewer} photo=${photo} onClose=${() => setPhoto(null)} />`}
    </section>
  `;
}

function Stamp({ record, name, format, onOpen }) {
  return html`<span class="stamp">
    ${record.photoUrl &&
    html`<button class="thumb" onClick=${() => onOpen({ url: record.photoUrl, caption: `${name}, ${format.dateTime(record.at)}` })}>
      <img src=${record.photoUrl} alt=${`Photo of ${name} at ${format.time(record.at)}`} loading="lazy" width="48" height="36" />
    </button>`}
    ${format.time(record.at)}
  </span>`;
}
