// @ts-check
// A staff member's home: shifts for the next 4 weeks, their hours of the last
// two weeks (my-hours.js) and their own attendance.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat, useSession } from '../app-state.js';
import { addDays } from '../format.js';
import { Empty, Loaded, useData } from '../ui.js';
import { MyHours } from './my-hours.js';
import { PhotoViewer } from './photo-viewer.js';

const statusLabels = { on_time: 'On time', late: 'Late', early: 'Early' };

export function MyWeekPage() {
  const { me } = useSession();
  const format = useFormat();
  const today = format.date(Date.now());
  const shifts = useData(() => get(`/api/roster/?from=${today}&to=${addDays(today, 27)}`));
  const attendance = useData(() => get('/api/attendance/?limit=30'));
  const [photo, setPhoto] = useState(null);

  if (!me.staff) {
    return html`<section><h1>My shifts</h1><${Empty}>Your account has no staff profile yet. Ask a manager to add you to the roster.</${Empty}></section>`;
  }
  return html`
    <section>
      <h1>My shifts</h1>
      <${Loaded} state=${shifts} what="Loading your shifts">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No shifts in the next 4 weeks.</${Empty}>`
            : html`<ul class="shift-list">
                ${rows.map(
                  (o) => html`<li class="card">
                    <strong>${format.day(o.start)}</strong> ${format.time(o.start)}–${format.time(o.end)}
                    ${o.swap ? html` <span class="tag">swapped</span>` : o.reassigned ? html` <span class="tag">moved</span>` : ''}
                    <span class="hint"> · check in ${format.time(o.checkIn.opensAt)}–${format.time(o.checkIn.closesAt)}</span>
                  </li>`,
                )}
              </ul>`}
      <//>
      <${MyHours} />
      <h2>My attendance</h2>
      <${Loaded} state=${attendance} what="Loading your attendance">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No check-ins yet.</${Empty}>`
            : html`<ul class="shift-list">
                ${rows.map(
                  (r) => html`<li class="card row">
                    ${r.captured_image &&
                    html`<button class="thumb" onClick=${() => setPhoto({ url: r.captured_image, caption: format.dateTime(r.timestamp) })}>
                      <img src=${r.captured_image} alt="My photo" width="48" height="36" loading="lazy" />
                    </button>`}
                    <span>${r.kind === 'check_in' ? 'Checked in' : 'Checked out'} ${format.dateTime(r.timestamp)} · ${statusLabels[r.status] ?? r.status}</span>
                  </li>`,
                )}
              </ul>`}
      <//>
      ${photo && html`<${PhotoViewer} photo=${photo} onClose=${() => setPhoto(null)} />`}
    </section>
  `;
}
