// @ts-check
// The roster for one calendar week: each person's occurrences by date, with
// swaps and one-day moves marked.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useFormat } from '../app-state.js';
import { addDays, mondayOf } from '../format.js';
import { Empty, Loaded, useData } from '../ui.js';

export function DatedWeek() {
  const format = useFormat();
  const [monday, setMonday] = useState(() => mondayOf(format.date(Date.now())));
  const state = useData(async () => {
    const [staff, roster] = await Promise.all([get('/api/staff/'), get(`/api/roster/?from=${monday}&to=${addDays(monday, 6)}`)]);
    return { staff, roster };
  }, [monday]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));

  return html`
    <div class="row week-nav">
      <button class="secondary small" onClick=${() => setMonday(addDays(monday, -7))}>← Previous week</button>
      <label>Week of <input type="date" value=${monday} onChange=${(e) => {
        const picked = e.currentTarget.value;
        if (!picked) return;
        // Show the Monday even when the week stays the same (and so nothing re-renders).
        e.currentTarget.value = mondayOf(picked);
        setMonday(mondayOf(picked));
      }} /></label>
      <button class="secondary small" onClick=${() => setMonday(addDays(monday, 7))}>Next week →</button>
    </div>
    <${Loaded} state=${state} what="Loading the week">
      ${({ staff, roster }) => {
        const people = staff.filter((p) => p.active || roster.some((o) => o.staff === p.id));
        if (roster.length === 0) return html`<${Empty}>Nobody is scheduled this week.</${Empty}>`;
        return html`<div class="table-wrap"><table class="grid dated">
          <thead><tr><th>Staff</th>${days.map((d) => html`<th>${format.calendarDay(d)}</th>`)}</tr></thead>
          <tbody>
            ${people.map(
              (person) => html`<tr>
                <th scope="row">${person.name}</th>
                ${days.map((d) => {
                  const mine = roster.filter((o) => o.staff === person.id && o.date === d);
                  return html`<td>
                    ${mine.map(
                      (o) => html`<div class=${o.swap ? 'occ swapped' : o.reassigned ? 'occ moved' : 'occ'} title=${o.swap ? `Swapped (swap ${o.swap})` : o.reassigned ? 'Moved for this date' : ''}>
                        ${format.time(o.start)}–${format.time(o.end)}${o.swap ? html` <span class="tag">swap</span>` : o.reassigned ? html` <span class="tag">moved</span>` : ''}
                      </div>`,
                    )}
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table></div>`;
      }}
    <//>
  `;
}
