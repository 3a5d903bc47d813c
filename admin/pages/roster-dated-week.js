// @ts-check
// The roster for one calendar week, editable date by date: click a shift to
// give it to someone else, change its times or cancel it for that date; add a
// one-off shift to any day to come; repeat last week's changes. Today is marked.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { useAppState, useFormat } from '../app-state.js';
import { addDays, mondayOf, weekdays } from '../format.js';
import { planWeekForward } from '../roster-copy-plan.js';
import { formatHours } from '../time-field.js';
import { Empty, Loaded, useData } from '../ui.js';
import { OccurrenceEditor, OneOffForm } from './occurrence-editor.js';

/**
 * @typedef {import('./occurrence-editor.js').RosterEntry} RosterEntry
 * @typedef {{ id: number, name: string, active: boolean, weekly_off_days: string, started_on: string }} Person
 * @typedef {{ shiftId: number, date: string } | { staffId: number, date: string }} Editing  a shift, or a new one-off
 * @typedef {{ done: number, failed: string[] }} Repeated
 */

const entryMinutes = (/** @type {RosterEntry[]} */ entries) => entries.reduce((sum, e) => sum + (Date.parse(e.end) - Date.parse(e.start)) / 60_000, 0);

export function DatedWeek() {
  const app = useAppState();
  const format = useFormat();
  const today = format.date(Date.now());
  const [monday, setMonday] = useState(() => mondayOf(today));
  const [editing, setEditing] = useState(/** @type {Editing | null} */ (null));
  const [repeat, setRepeat] = useState(/** @type {{ progress: string } | Repeated | null} */ (null));
  const state = useData(async () => {
    const [staff, roster] = await Promise.all([get('/api/staff/'), get(`/api/roster/?from=${monday}&to=${addDays(monday, 6)}`)]);
    return { staff, roster };
  }, [monday]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const done = () => {
    setEditing(null);
    state.reload();
  };
  const goTo = (/** @type {string} */ week) => {
    setEditing(null);
    setRepeat(null);
    setMonday(week);
  };

  async function repeatLastWeek(/** @type {Person[]} */ staff, /** @type {RosterEntry[]} */ thisWeek) {
    setEditing(null);
    setRepeat({ progress: 'Reading last week…' });
    const lastMonday = addDays(monday, -7);
    const [lastWeek, template] = await Promise.all([get(`/api/roster/?from=${lastMonday}&to=${addDays(lastMonday, 6)}`), get('/api/shifts/')]);
    const present = (/** @type {number} */ id) => staff.find((p) => p.id === id && p.active && p.started_on <= lastMonday);
    const names = new Map(staff.map((p) => [p.id, p.name]));
    const requests = planWeekForward({
      lastWeek,
      thisWeek,
      template: template.filter((/** @type {{ staff: number }} */ s) => present(s.staff)),
      lastMonday,
      weekdays,
      addDays,
      clock: format.time,
      describe: ({ staff: id, date }) => `${names.get(id)} on ${format.calendarDay(date)}`,
    });
    /** @type {Repeated} */
    const result = { done: 0, failed: [] };
    for (const [i, request] of requests.entries()) {
      setRepeat({ progress: `Repeating ${i + 1} of ${requests.length}…` });
      try {
        await api(request.method, request.path, request.body);
        result.done += 1;
      } catch (error) {
        result.failed.push(`${request.what}: ${/** @type {any} */ (error).message}`);
      }
    }
    setRepeat(result);
    state.reload();
  }

  return html`
    <div class="row week-nav">
      <button class="secondary small" onClick=${() => goTo(addDays(monday, -7))}>← Previous week</button>
      <strong class="week-title">Week of ${format.calendarDay(monday)}</strong>
      ${monday !== mondayOf(today) && html`<button class="secondary small" onClick=${() => goTo(mondayOf(today))}>This week</button>`}
      <button class="secondary small" onClick=${() => goTo(addDays(monday, 7))}>Next week →</button>
    </div>
    <${Loaded} state=${state} what="Loading the week">
      ${(/** @type {{ staff: Person[], roster: RosterEntry[] }} */ { staff, roster }) => {
        const people = staff.filter((p) => p.active || roster.some((o) => o.staff === p.id));
        if (people.length === 0) {
          return html`<${Empty}><span class="empty-title">No staff yet</span>Add people, then build their week in the weekly template.
            <div class="row empty-actions"><button class="primary" onClick=${() => app.navigate('/app/staff')}>Add people</button></div></${Empty}>`;
        }
        const future = addDays(monday, 6) >= today;
        return html`
          <p class="hint">Click a shift to give it to someone else, change its times or cancel it for that date only; <strong>+</strong> adds a one-off shift. The weekly template stays as it is.</p>
          <div class="row">
            ${future && html`<button class="secondary small" disabled=${repeat !== null && 'progress' in repeat} onClick=${() => repeatLastWeek(staff, roster)}>Repeat last week’s changes</button>`}
            ${repeat && html`<span role="status" class="hint">${'progress' in repeat ? repeat.progress : repeatSummary(repeat)}</span>`}
          </div>
          ${repeat && 'failed' in repeat && repeat.failed.length > 0 && html`<ul class="notice warn">${repeat.failed.map((line) => html`<li>${line}</li>`)}</ul>`}
          <div class="table-wrap"><table class="grid dated stack">
          <thead><tr><th>Staff</th>${days.map((d) => html`<th class=${d === today ? 'today' : ''} aria-current=${d === today ? 'date' : undefined}>
            ${format.calendarDay(d)}${d === today ? html` <span class="tag today-tag">Today</span>` : ''}</th>`)}<th class="num">Hours</th></tr></thead>
          <tbody>
            ${people.map((person) => {
              const theirs = roster.filter((o) => o.staff === person.id);
              return html`<tr>
                <th scope="row">${person.name}</th>
                ${days.map((d) => html`<${DateCell} person=${person} date=${d} today=${today} entries=${theirs.filter((o) => o.date === d)} staff=${staff}
                  editing=${editing} onEdit=${setEditing} onDone=${done} />`)}
                <td class="num hours" data-label="Hours">${formatHours(entryMinutes(theirs))}</td>
              </tr>`;
            })}
          </tbody>
          <tfoot><tr><th scope="row">Hours</th>${days.map((d) => html`<td class="num hours" data-label=${format.calendarDay(d)}>${formatHours(entryMinutes(roster.filter((o) => o.date === d)))}</td>`)}
            <td class="num hours" data-label="Week"><strong>${formatHours(entryMinutes(roster))}</strong></td></tr></tfoot>
        </table></div>`;
      }}
    <//>
  `;
}

/** @param {Repeated} result */
function repeatSummary(result) {
  if (result.done === 0 && result.failed.length === 0) return 'Last week had no one-date changes to repeat.';
  const done = `Repeated ${result.done} ${result.done === 1 ? 'change' : 'changes'}`;
  return result.failed.length ? `${done}; ${result.failed.length} could not be repeated:` : `${done}.`;
}

/**
 * One person's date: each shift as a button (or its editor), a marker for what differs from the template, and + for a one-off.
 * @param {{ person: Person, date: string, today: string, entries: RosterEntry[], staff: Person[], editing: Editing | null, onEdit: (editing: Editing | null) => void, onDone: () => void }} props
 */
function DateCell({ person, date, today, entries, staff, editing, onEdit, onDone }) {
  const format = useFormat();
  const where = `${person.name}, ${format.calendarDay(date)}`;
  const off = person.weekly_off_days.split(',').includes(weekdays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]);
  const addingHere = editing && 'staffId' in editing && editing.staffId === person.id && editing.date === date;
  return html`<td data-label=${format.calendarDay(date)} class=${[date === today ? 'today' : '', entries.length ? 'has-shift' : '', off && entries.length === 0 ? 'off' : ''].join(' ').trim()}>
    ${entries.map((entry) => {
      if (editing && 'shiftId' in editing && editing.shiftId === entry.shiftId && editing.date === date) {
        return html`<${OccurrenceEditor} entry=${entry} staff=${staff} onDone=${onDone} onCancel=${() => onEdit(null)} />`;
      }
      const times = `${format.time(entry.start)}–${format.time(entry.end)}`;
      const overnight = format.date(entry.end) !== entry.date;
      const marks = [entry.oneOff && 'one-off', entry.swap && 'swap', !entry.swap && entry.reassigned && 'moved', entry.retimed && 'times changed', overnight && 'overnight'].filter(Boolean);
      const title = entry.swap ? `Swapped (swap ${entry.swap})` : entry.note ?? (entry.reassigned ? 'Moved for this date' : '');
      return html`<button class=${`cell occ${entry.swap ? ' swapped' : entry.reassigned ? ' moved' : ''}`} aria-label=${`${times}${marks.length ? ` (${marks.join(', ')})` : ''}, ${where}: change`}
          title=${title} onClick=${() => onEdit({ shiftId: entry.shiftId, date })}>
        ${times}${marks.map((mark) => html` <span class=${`tag ${String(mark).replace(/ /g, '-')}`}>${mark === 'overnight' ? `→ ${format.calendarDay(format.date(entry.end)).slice(0, 3)}` : mark}</span>`)}
      </button>`;
    })}
    ${addingHere
      ? html`<${OneOffForm} person=${person} date=${date} onDone=${onDone} onCancel=${() => onEdit(null)} />`
      : off && entries.length === 0
        ? html`<span class="off-label" title="Weekly day off">Off</span>`
        : date >= today && person.active && !off && html`<button class="cell add" aria-label=${`Add a one-off shift: ${where}`} onClick=${() => onEdit({ staffId: person.id, date })}>+</button>`}
  </td>`;
}
