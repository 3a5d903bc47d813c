// Roster: the weekly template as a grid (staff × weekday) edited in place,
// and the dated view of any week with swaps and one-day changes marked.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { del, get, patch, post } from '../api.js';
import { useApp } from '../app.js';
import { addDays, mondayOf, shortTime, weekdays } from '../format.js';
import { Empty, ErrorMessage, FieldError, Loaded, useData } from '../ui.js';

export function RosterPage() {
  const [view, setView] = useState('template');
  return html`
    <section>
      <div class="page-head">
        <h1>Roster</h1>
        <div class="tabs" role="tablist">
          <button role="tab" aria-selected=${view === 'template'} class=${view === 'template' ? 'tab active' : 'tab'} onClick=${() => setView('template')}>Weekly template</button>
          <button role="tab" aria-selected=${view === 'dated'} class=${view === 'dated' ? 'tab active' : 'tab'} onClick=${() => setView('dated')}>Dated week</button>
        </div>
      </div>
      ${view === 'template' ? html`<${TemplateGrid} />` : html`<${DatedWeek} />`}
    </section>
  `;
}

function TemplateGrid() {
  const state = useData(async () => {
    const [staff, shifts] = await Promise.all([get('/api/staff/?active=true'), get('/api/shifts/')]);
    return { staff, shifts };
  });
  const [editing, setEditing] = useState(null);

  return html`<${Loaded} state=${state} what="Loading the roster">
    ${({ staff, shifts }) =>
      staff.length === 0
        ? html`<${Empty}>No staff yet. Add people on the Staff page, then give them shifts here.</${Empty}>`
        : html`
          <p class="hint">Click a day to add, change or remove that weekday’s shift. A shift that ends before it starts runs overnight.</p>
          <div class="table-wrap">
          <table class="grid">
            <thead><tr><th>Staff</th>${weekdays.map((d) => html`<th>${d.slice(0, 3)}</th>`)}</tr></thead>
            <tbody>
              ${staff.map(
                (person) => html`<tr>
                  <th scope="row">${person.name}</th>
                  ${weekdays.map((day) => {
                    const off = person.weekly_off_days.split(',').includes(day);
                    const shift = shifts.find((s) => s.staff === person.id && s.day_of_week === day);
                    const isEditing = editing && editing.staffId === person.id && editing.day === day;
                    const label = `${person.name}, ${day}`;
                    return html`<td class=${off ? 'off' : shift ? 'has-shift' : ''}>
                      ${isEditing
                        ? html`<${ShiftEditor} person=${person} day=${day} shift=${shift} onDone=${() => { setEditing(null); state.reload(); }} onCancel=${() => setEditing(null)} />`
                        : off
                          ? html`<span class="off-label" title="Weekly day off">Off</span>`
                          : html`<button class="cell" aria-label=${label} onClick=${() => setEditing({ staffId: person.id, day })}>
                              ${shift ? `${shortTime(shift.shift_start)}–${shortTime(shift.shift_end)}` : '+'}
                            </button>`}
                    </td>`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table>
          </div>`}
  <//>`;
}

function ShiftEditor({ person, day, shift, onDone, onCancel }) {
  const [start, setStart] = useState(shortTime(shift?.shift_start) || '09:00');
  const [end, setEnd] = useState(shortTime(shift?.shift_end) || '17:00');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function run(action) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  const save = (event) => {
    event.preventDefault();
    run(() =>
      shift
        ? patch(`/api/shifts/${shift.id}/`, { shift_start: start, shift_end: end })
        : post('/api/shifts/', { staff: person.id, day_of_week: day, shift_start: start, shift_end: end }),
    );
  };
  return html`<form class="shift-editor" onSubmit=${save} onKeyDown=${(e) => e.key === 'Escape' && onCancel()}>
    <label>Start <input type="time" value=${start} onInput=${(e) => setStart(e.currentTarget.value)} required /></label>
    <${FieldError} error=${error} field="shift_start" />
    <label>End <input type="time" value=${end} onInput=${(e) => setEnd(e.currentTarget.value)} required /></label>
    <${FieldError} error=${error} field="shift_end" />
    <${ErrorMessage} error=${error && !error.fields?.shift_start && !error.fields?.shift_end ? error : null} />
    <div class="row">
      <button type="submit" class="primary small" disabled=${busy}>Save</button>
      ${shift && html`<button type="button" class="danger small" disabled=${busy} onClick=${() => run(() => del(`/api/shifts/${shift.id}/`))}>Remove</button>`}
      <button type="button" class="secondary small" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}

function DatedWeek() {
  const { format } = useApp();
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
