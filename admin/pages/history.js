// @ts-check
// History: attendance by staff member and dates, with photos, a page at a
// time; and the timesheet export.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { DateField } from '../date-field.js';
import { addDays } from '../format.js';
import { Empty, Loaded, useData } from '../ui.js';
import { PhotoViewer } from './photo-viewer.js';

/** The face check's word on each punch photo (while it is on). */
const faceVerdictLabels = { pending: 'Checking face…', match: 'Face matches', mismatch: 'Face differs', no_face: 'No face', several_faces: 'Several faces', no_reference: 'No reference photo' };

const pageSize = 50;
const kindLabels = { check_in: 'Check-in', check_out: 'Check-out' };
const statusLabels = { on_time: 'On time', late: 'Late', early: 'Early' };

export function HistoryPage() {
  const format = useFormat();
  const today = format.date(Date.now());
  const [filter, setFilter] = useState({ staff: '', from: addDays(today, -6), to: today });
  const [page, setPage] = useState(0);
  const [photo, setPhoto] = useState(null);
  const staff = useData(() => get('/api/staff/'));
  const query = new URLSearchParams({ from: filter.from, to: filter.to, limit: String(pageSize + 1), offset: String(page * pageSize) });
  if (filter.staff) query.set('staff', filter.staff);
  const records = useData(() => get(`/api/attendance/?${query}`), [query.toString()]);
  const nameOf = (id) => staff.data?.find((p) => p.id === id)?.name ?? `Staff ${id}`;
  const update = (change) => {
    setPage(0);
    setFilter((current) => ({ ...current, ...change }));
  };

  return html`
    <section>
      <h1>History</h1>
      <form class="filters row" onSubmit=${(e) => e.preventDefault()}>
        <label>Staff
          <select value=${filter.staff} onChange=${(e) => update({ staff: e.currentTarget.value })}>
            <option value="">Everyone</option>
            ${(staff.data ?? []).map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
        </label>
        <${DateField} id="history-from" label="From" value=${filter.from} max=${filter.to} onChange=${(from) => update({ from })} />
        <${DateField} id="history-to" label="To" value=${filter.to} min=${filter.from} onChange=${(to) => update({ to })} />
        <a class="button secondary" href=${`/api/timesheets.csv?from=${filter.from}&to=${filter.to}`} download>Export timesheet for everyone (CSV)</a>
      </form>
      <${Loaded} state=${records} what="Loading attendance">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No check-ins or check-outs ${filter.staff ? `for ${nameOf(Number(filter.staff))} ` : ''}between these dates.</${Empty}>`
            : html`
              <div class="table-wrap"><table class="stack history-list">
                <thead><tr><th>Photo</th><th>Staff</th><th>When</th><th>What</th><th>Status</th><th>Shift</th></tr></thead>
                <tbody>
                  ${rows.slice(0, pageSize).map(
                    (r) => html`<tr>
                      <td data-label="Photo">${r.captured_image
                        ? html`<button class="thumb" onClick=${() => setPhoto({ url: r.captured_image, caption: `${nameOf(r.staff)}, ${format.dateTime(r.timestamp)}` })}>
                            <img src=${r.captured_image} alt=${`Photo of ${nameOf(r.staff)}`} loading="lazy" width="64" height="48" />
                          </button>${r.face && r.reference_photo && html`<button class="thumb reference" onClick=${() => setPhoto({ url: r.reference_photo, caption: `${nameOf(r.staff)}: reference photo` })}>
                            <img src=${r.reference_photo} alt=${`Reference photo of ${nameOf(r.staff)}`} loading="lazy" width="48" height="48" />
                          </button>`}`
                        : r.photo_purged_at ? html`<span class="hint">Removed ${format.calendarDay(r.photo_purged_at.slice(0, 10))}</span>` : '—'}
                        ${r.face && html`<span class=${`face-verdict ${r.face.verdict}`}>${faceVerdictLabels[r.face.verdict]}${r.face.review ? ` · ${r.face.review === 'confirmed' ? 'confirmed' : 'flagged'}` : ''}</span>`}
                        ${r.photo_reused && html`<span class="face-verdict mismatch" title="The same photo bytes back another punch">Photo reused</span>`}</td>
                      <td class="stack-title">${nameOf(r.staff)}</td>
                      <td data-label="When">${format.dateTime(r.timestamp)}</td>
                      <td data-label="What">${kindLabels[r.kind] ?? r.kind}</td>
                      <td data-label="Status"><span class=${`state ${r.status}`}>${statusLabels[r.status] ?? r.status}</span></td>
                      <td data-label="Shift">${format.time(r.scheduled_start)}–${format.time(r.scheduled_end)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table></div>
              <div class="row pager">
                <button class="secondary small" disabled=${page === 0} onClick=${() => setPage(page - 1)}>← Newer</button>
                <span>Page ${page + 1}</span>
                <button class="secondary small" disabled=${rows.length <= pageSize} onClick=${() => setPage(page + 1)}>Older →</button>
              </div>`}
      <//>
      ${photo && html`<${PhotoViewer} photo=${photo} onClose=${() => setPhoto(null)} />`}
    </section>
  `;
}
