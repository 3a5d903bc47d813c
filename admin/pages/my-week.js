// @ts-check
// A staff member's home, read on a phone: whether they are checked in and
// their next shift first (my-now.js), then their latest punches, their shifts
// for the next 4 weeks and their hours of this and the last pay period
// (my-hours.js).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat, useSession } from '../app-state.js';
import { addDays } from '../format.js';
import { Empty, Loaded, useData } from '../ui.js';
import { MyHours } from './my-hours.js';
import { NowCard } from './my-now.js';
import { PhotoViewer } from './photo-viewer.js';

const statusLabels = { on_time: 'On time', late: 'Late', early: 'Early' };

const recentCount = 5;

export function MyWeekPage() {
  const { me } = useSession();
  const format = useFormat();
  const now = Date.now();
  const today = format.date(now);
  // From yesterday: a night shift checked into yesterday is still today's state.
  const shifts = useData(() => get(`/api/roster/?from=${addDays(today, -1)}&to=${addDays(today, 27)}`));
  const attendance = useData(() => get('/api/attendance/?limit=30'));
  const [photo, setPhoto] = useState(null);
  const [allPunches, setAllPunches] = useState(false);

  if (!me.staff) {
    return html`<section><h1>My shifts</h1><${Empty}>Your account has no staff profile yet. Ask a manager to add you to the roster.</${Empty}></section>`;
  }
  const coming = (shifts.data ?? []).filter((/** @type {{ end: string }} */ o) => Date.parse(o.end) > now);
  return html`
    <section class="my-week">
      <h1>My shifts</h1>
      ${shifts.data && attendance.data
        ? html`<${NowCard} shifts=${shifts.data} punches=${attendance.data} now=${now} />`
        : null}
      <h2>My attendance</h2>
      <${Loaded} state=${attendance} what="Loading your attendance">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No check-ins yet.</${Empty}>`
            : html`<ul class="shift-list punches">
                  ${(allPunches ? rows : rows.slice(0, recentCount)).map(
                    (r) => html`<li class="card row">
                      ${r.captured_image &&
                      html`<button class="thumb" aria-label=${`My photo, ${format.dateTime(r.timestamp)}`} onClick=${() => setPhoto({ url: r.captured_image, caption: format.dateTime(r.timestamp) })}>
                        <img src=${r.captured_image} alt="" width="48" height="36" loading="lazy" />
                      </button>`}
                      <span>${r.kind === 'check_in' ? 'Checked in' : 'Checked out'} ${format.dateTime(r.timestamp)} · ${statusLabels[r.status] ?? r.status}</span>
                    </li>`,
                  )}
                </ul>
                ${rows.length > recentCount &&
                html`<button class="link" aria-expanded=${allPunches} onClick=${() => setAllPunches(!allPunches)}>${allPunches ? 'Show fewer' : `Show all ${rows.length}`}</button>`}`}
      <//>
      <h2>Coming shifts</h2>
      <${Loaded} state=${shifts} what="Loading your shifts">
        ${() =>
          coming.length === 0
            ? html`<${Empty}>No shifts in the next 4 weeks.</${Empty}>`
            : html`<ul class="shift-list">
                ${coming.map(
                  (o) => html`<li class="card">
                    <strong>${format.day(o.start)}</strong> ${format.time(o.start)}–${format.time(o.end)}
                    ${o.swap ? html` <span class="tag">swapped</span>` : o.reassigned ? html` <span class="tag">moved</span>` : ''}
                    <span class="hint"> · check in ${format.time(o.checkIn.opensAt)}–${format.time(o.checkIn.closesAt)}</span>
                  </li>`,
                )}
              </ul>`}
      <//>
      <${MyHours} />
      ${photo && html`<${PhotoViewer} photo=${photo} onClose=${() => setPhoto(null)} />`}
    </section>
  `;
}
