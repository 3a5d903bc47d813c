// @ts-check
// Live: today's board, updated as check-ins arrive, with alerts and kiosks.
// Every state comes from the server (see board-state.js); this page only shows it.
import { html } from 'htm/preact';
import { useMemo, useState } from 'preact/hooks';
import { get } from '../api.js';
import { useAppState, useFormat } from '../app-state.js';
import { boardRows, countStates, stateAt } from '../board-state.js';
import { stateLabels } from '../format.js';
import { Empty, Loaded, Loading, useData } from '../ui.js';
import { OccurrenceEditor } from './occurrence-editor.js';
import { ExcuseForm } from './punch-forms.js';
import { PhotoViewer } from './photo-viewer.js';
import { useLiveBoard } from './use-live-board.js';

/**
 * @typedef {import('../../server/socket-contract.js').BoardPunch} BoardPunch
 * @typedef {import('../../server/socket-contract.js').BoardOccurrence} BoardOccurrence
 * @typedef {{ url: string, caption: string }} Photo
 */

/** Where each kind of alert is dealt with. @type {Record<import('../../server/socket-contract.js').Alert['type'], { path: string, label: string }>} */
const alertDestinations = {
  late_arrival: { path: '/app/attention', label: 'Needs attention' },
  missing_check_out: { path: '/app/attention', label: 'Add the check-out' },
  pin_lockout: { path: '/app/kiosks', label: 'Kiosks' },
  swap_awaiting_manager: { path: '/app/swaps', label: 'Review the swap' },
  punch_cancelled: { path: '/app/history', label: 'See the photos' },
  kiosk_offline: { path: '/app/kiosks', label: 'Kiosks' },
  kiosk_camera: { path: '/app/kiosks', label: 'Kiosks' },
  offline_punch_refused: { path: '/app/attention', label: 'Needs attention' },
  face_mismatch: { path: '/app/attention', label: 'Compare the photos' },
  face_no_face: { path: '/app/attention', label: 'Look at the photo' },
};

/** @param {{ alert: import('../../server/socket-contract.js').Alert }} props */
function AlertLink({ alert }) {
  const app = useAppState();
  const destination = alertDestinations[alert.type];
  if (!destination) return null;
  return html`<a
    href=${destination.path}
    onClick=${(/** @type {MouseEvent} */ event) => {
      event.preventDefault();
      app.navigate(destination.path);
    }}
    >${destination.label}</a
  >`;
}

export function LivePage() {
  const format = useFormat();
  const { board, connected, alerts, alertsError, acknowledgeAlert, acknowledgeAll } = useLiveBoard();
  const [photo, setPhoto] = useState(/** @type {Photo | null} */ (null));
  const [fixing, setFixing] = useState(/** @type {{ key: string, action: 'reassign' | 'excuse' } | null} */ (null));
  const rows = useMemo(() => (board ? boardRows(board.occurrences) : []), [board]);
  // Read the clock on every render: the board re-renders at least every 30 s.
  const now = Date.now();

  if (!board) return html`<section><h1>Live</h1>${connected ? html`<${Loading} what="Loading today’s board" />` : html`<${Loading} what="Connecting" />`}</section>`;

  const counts = countStates(rows, now);
  const unacknowledged = alerts.filter((a) => !a.acknowledged).length;
  return html`
    <section class="live">
      <div class="page-head">
        <h1>Live — ${format.longDay(board.at)}</h1>
        <span class=${connected ? 'pill ok' : 'pill warn'} role="status">${connected ? 'Live' : 'Reconnecting…'}</span>
      </div>
      ${alertsError && html`<p class="error" role="alert">The alerts could not be loaded or changed: ${alertsError}</p>`}
      ${alerts.length > 0 &&
      html`<div class="alerts-head">
          <h2>Alerts</h2>
          ${unacknowledged > 0 && html`<button class="link" onClick=${acknowledgeAll}>Acknowledge all (${unacknowledged})</button>`}
        </div>
        <ul class="alerts" aria-label="Alerts">
          ${alerts.map((alert) =>
            alert.acknowledged
              ? html`<li class=${`alert ${alert.type} acknowledged`}>
                  <span>${format.day(alert.at)} ${format.time(alert.at)} — ${alert.message}</span>
                  <${AlertLink} alert=${alert} />
                  <span class="hint">Acknowledged by ${alert.acknowledged.by} at ${format.time(alert.acknowledged.at)}</span>
                </li>`
              : // The alert role inside the item, not on it: a list holds only list items.
                html`<li><div class=${`alert ${alert.type}`} role="alert">
                  <span>${format.day(alert.at)} ${format.time(alert.at)} — ${alert.message}</span>
                  <${AlertLink} alert=${alert} />
                  <button class="link" onClick=${() => acknowledgeAlert(alert.id)}>Acknowledge</button>
                </div></li>`,
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
        ? html`<${NobodyToday} />`
        : html`<div class="table-wrap"><table class="board stack">
            <thead><tr><th>Staff</th><th>Shift</th><th>State</th><th>In</th><th>Out</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              ${rows.map((o) => {
                const state = stateAt(o, now);
                const key = `${o.shiftId}@${o.date}`;
                const open = fixing?.key === key ? fixing : null;
                return html`<tr data-staff=${o.staffName}>
                  <td class="stack-title">${o.staffName}</td>
                  <td data-label="Shift">${format.time(o.start)}–${format.time(o.end)}${o.date !== board.date ? html` <span class="hint">(from yesterday)</span>` : ''}</td>
                  <td data-label="State"><span class=${`state ${state}`}>${stateLabels[state]}</span></td>
                  <td data-label="In">${o.checkIn ? html`<${Stamp} record=${o.checkIn} name=${o.staffName} reference=${o.referencePhotoUrl} onOpen=${setPhoto} />` : '—'}</td>
                  <td data-label="Out">${o.checkOut ? html`<${Stamp} record=${o.checkOut} name=${o.staffName} reference=${o.referencePhotoUrl} onOpen=${setPhoto} />` : '—'}</td>
                  <td class="row-actions">${!o.checkIn && !o.checkOut && ['open', 'late', 'missed'].includes(state) && html`
                    ${Date.parse(o.end) > now && html`<button class="secondary small" aria-expanded=${open?.action === 'reassign'} onClick=${() => setFixing(open?.action === 'reassign' ? null : { key, action: 'reassign' })}>Reassign</button>`}
                    ${state !== 'open' && html`<button class="secondary small" aria-expanded=${open?.action === 'excuse'} onClick=${() => setFixing(open?.action === 'excuse' ? null : { key, action: 'excuse' })}>Excuse</button>`}`}
                  </td>
                </tr>
                ${open && html`<tr class="fix-row"><td colspan="6"><${RowFix} occurrence=${o} action=${open.action} onClose=${() => setFixing(null)} /></td></tr>`}`;
              })}
            </tbody>
          </table></div>`}
      ${photo && html`<${PhotoViewer} photo=${photo} onClose=${() => setPhoto(null)} />`}
    </section>
  `;
}

/**
 * A missed or late row's fix, beneath it: give the shift to someone else (the
 * board is sent again when the roster changes), or excuse the absence.
 * @param {{ occurrence: BoardOccurrence, action: 'reassign' | 'excuse', onClose: () => void }} props
 */
function RowFix({ occurrence: o, action, onClose }) {
  const staff = useData(() => get('/api/staff/'), []);
  const entry = { date: o.date, staff: o.staffId, staffName: o.staffName, shiftId: o.shiftId, start: o.start, end: o.end, swap: null, reassigned: false, retimed: false, oneOff: false, note: null };
  if (action === 'excuse') return html`<${ExcuseForm} entry=${/** @type {any} */ (entry)} onDone=${onClose} onCancel=${onClose} />`;
  return html`<${Loaded} state=${staff} what="Loading staff">
    ${(/** @type {any[]} */ people) => html`<${OccurrenceEditor} entry=${entry} staff=${people} onDone=${onClose} onCancel=${onClose} />`}
  <//>`;
}

/** What the face check says of a punch photo, in a word or two (a match is worth no words). */
const faceLabels = { pending: 'Checking face…', mismatch: 'Face differs', no_face: 'No face', several_faces: 'Several faces', no_reference: 'No reference photo' };

/** @param {{ record: BoardPunch, name: string, reference?: string | null, onOpen: (photo: Photo) => void }} props */
function Stamp({ record, name, reference, onOpen }) {
  const format = useFormat();
  const face = record.face;
  const label = face && face.review !== 'confirmed' ? faceLabels[face.verdict] : null;
  return html`<span class="stamp">
    ${record.photoUrl &&
    html`<button class="thumb" onClick=${() => onOpen({ url: record.photoUrl, caption: `${name}, ${format.dateTime(record.at)}` })}>
      <img src=${record.photoUrl} alt=${`Photo of ${name} at ${format.time(record.at)}`} loading="lazy" width="48" height="36" />
    </button>`}
    ${reference && record.photoUrl && html`<button class="thumb reference" onClick=${() => onOpen({ url: reference, caption: `${name}: reference photo` })}>
      <img src=${reference} alt=${`Reference photo of ${name}`} loading="lazy" width="36" height="36" />
    </button>`}
    ${format.time(record.at)}
    ${label && html` <span class=${`face-verdict ${face.verdict}`} data-verdict=${face.verdict}>${label}</span>`}
    ${face?.verdict === 'match' && html` <span class="face-verdict match" data-verdict="match" title=${`Face matches (distance ${face.distance?.toFixed(2)})`}>✓ Face</span>`}
  </span>`;
}

/** The empty board: on a new install the next step is adding people, after that the roster. */
function NobodyToday() {
  const app = useAppState();
  const staff = useData(() => get('/api/staff/'), []);
  if (staff.data === undefined && !staff.error) return html`<${Empty}>Nobody is scheduled today.</${Empty}>`;
  const none = Array.isArray(staff.data) && staff.data.length === 0;
  const next = none ? { path: '/app/staff', label: 'Add people' } : { path: '/app/roster', label: 'Open the roster' };
  return html`<${Empty}>
    <p>${none ? 'No staff yet. Add the people who work here, then give them shifts on the Roster page.' : 'Nobody is scheduled today. Shifts are set on the Roster page.'}</p>
    <button class="primary" onClick=${() => app.navigate(next.path)}>${next.label}</button>
  </${Empty}>`;
}
