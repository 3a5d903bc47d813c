// @ts-check
// The weekly template as a grid, staff × weekday. A day can hold several
// shifts (they only must not overlap): each is its own button that opens its
// own editor, and "+ Add shift" adds another one on that day. A day can be
// copied to other days and a person's week to other people; hours add up
// per person and per day as the week is built.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useAppState } from '../app-state.js';
import { shortTime, weekdays } from '../format.js';
import { formatHours, shiftMinutes } from '../time-field.js';
import { Empty, Loaded, useData } from '../ui.js';
import { CopyPanel } from './roster-copy.js';
import { ShiftEditor, dayAfter } from './shift-editor.js';

/**
 * @typedef {import('./shift-editor.js').TemplateShift} TemplateShift
 * @typedef {import('./shift-editor.js').Person} Person
 * @typedef {import('./roster-copy.js').CopySource} CopySource
 * @typedef {import('./roster-copy.js').CopyResult} CopyResult
 * @typedef {{ staffId: number, day: string, shiftId: number | null }} Editing  shiftId null: a new shift
 */

/** "HH:MM" moved on by whole hours, round the clock. */
const hoursAfter = (/** @type {string} */ time, /** @type {number} */ hours) => {
  const [h, m] = time.split(':').map(Number);
  return `${String((h + hours) % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

const minutesOf = (/** @type {TemplateShift[]} */ shifts) => shifts.reduce((sum, s) => sum + shiftMinutes(shortTime(s.shift_start), shortTime(s.shift_end)), 0);

export function TemplateGrid() {
  const app = useAppState();
  const state = useData(async () => {
    const [staff, shifts] = await Promise.all([get('/api/staff/?active=true'), get('/api/shifts/')]);
    return { staff, shifts };
  });
  const [editing, setEditing] = useState(/** @type {Editing | null} */ (null));
  const [copying, setCopying] = useState(/** @type {CopySource | null} */ (null));
  const [notice, setNotice] = useState(/** @type {CopyResult | null} */ (null));
  const done = () => {
    setEditing(null);
    state.reload();
  };
  const copied = (/** @type {CopyResult} */ result) => {
    setCopying(null);
    setNotice(result);
    state.reload();
  };
  const startCopy = (/** @type {CopySource} */ source) => {
    setEditing(null);
    setNotice(null);
    setCopying(source);
  };

  return html`<${Loaded} state=${state} what="Loading the roster">
    ${(/** @type {{ staff: Person[], shifts: TemplateShift[] }} */ { staff, shifts }) =>
      staff.length === 0
        ? html`<${Empty}><span class="empty-title">No staff yet</span>Add people first, then give them shifts here.
            <div class="row empty-actions"><button class="primary" onClick=${() => app.navigate('/app/staff')}>Add people</button></div></${Empty}>`
        : html`
          <p class="hint">Click a day to add or change its shifts; <strong>Copy</strong> repeats a day or a person’s week. Times are 24-hour; a shift that ends before it starts runs overnight.</p>
          ${notice && html`<${CopyNotice} result=${notice} onClose=${() => setNotice(null)} />`}
          ${copying && html`<${CopyPanel} source=${copying} staff=${staff} shifts=${shifts} onDone=${copied} onCancel=${() => setCopying(null)} />`}
          <div class="table-wrap">
          <table class="grid template stack">
            <thead><tr><th>Staff</th>${weekdays.map((d) => html`<th><abbr title=${d}>${d.slice(0, 3)}</abbr></th>`)}<th class="num">Hours</th></tr></thead>
            <tbody>
              ${staff.map((person) => {
                const theirs = shifts.filter((s) => s.staff === person.id);
                return html`<tr>
                  <th scope="row">
                    <span class="person">${person.name}</span>
                    ${theirs.length > 0 && html`<button class="link copy" onClick=${() => startCopy({ kind: 'week', person })}>Copy<span class="visually-hidden"> ${person.name}’s</span> week<span class="visually-hidden"> to other people</span></button>`}
                  </th>
                  ${weekdays.map((day) => {
                    const mine = theirs.filter((s) => s.day_of_week === day).sort((a, b) => a.shift_start.localeCompare(b.shift_start));
                    const here = editing?.staffId === person.id && editing.day === day ? editing : null;
                    return html`<${DayCell} person=${person} day=${day} shifts=${mine} editing=${here}
                      onEdit=${(/** @type {number | null} */ shiftId) => setEditing({ staffId: person.id, day, shiftId })}
                      onCopy=${() => startCopy({ kind: 'day', person, day })}
                      onDone=${done} onCancel=${() => setEditing(null)} />`;
                  })}
                  <td class="num hours" data-label="Hours">${formatHours(minutesOf(theirs))}</td>
                </tr>`;
              })}
            </tbody>
            <tfoot><tr>
              <th scope="row">Hours</th>
              ${weekdays.map((day) => html`<td class="num hours" data-label=${day.slice(0, 3)}>${formatHours(minutesOf(shifts.filter((s) => s.day_of_week === day && staff.some((p) => p.id === s.staff))))}</td>`)}
              <td class="num hours" data-label="Week"><strong>${formatHours(minutesOf(shifts.filter((s) => staff.some((p) => p.id === s.staff))))}</strong></td>
            </tr></tfoot>
          </table>
          </div>`}
  <//>`;
}

/** What a copy did: how many shifts it added, and each it left out with why. @param {{ result: CopyResult, onClose: () => void }} props */
function CopyNotice({ result, onClose }) {
  return html`<div class=${result.skipped.length ? 'notice warn' : 'notice'} role="status">
    <p><strong>${result.copied === 0 ? 'Nothing was copied.' : `Copied ${result.copied} ${result.copied === 1 ? 'shift' : 'shifts'}.`}</strong></p>
    ${result.skipped.length > 0 && html`<ul>${result.skipped.map((line) => html`<li>${line}</li>`)}</ul>`}
    <button class="link" onClick=${onClose}>Dismiss</button>
  </div>`;
}

/**
 * One person's weekday: "Off", or each shift as a button (or its editor), and a way to add one or copy the day.
 * @param {{ person: Person, day: string, shifts: TemplateShift[], editing: Editing | null, onEdit: (shiftId: number | null) => void, onCopy: () => void, onDone: () => void, onCancel: () => void }} props
 */
function DayCell({ person, day, shifts, editing, onEdit, onCopy, onDone, onCancel }) {
  const off = person.weekly_off_days.split(',').includes(day);
  const where = `${person.name}, ${day}`;
  const times = (/** @type {TemplateShift} */ s) => `${shortTime(s.shift_start)}–${shortTime(s.shift_end)}`;
  const overnight = (/** @type {TemplateShift} */ s) => s.shift_end <= s.shift_start;
  const editor = (/** @type {TemplateShift | undefined} */ shift) => {
    // A second shift starts where the day's last one ends, so it does not overlap to begin with.
    const last = shifts.at(-1);
    const start = last ? shortTime(last.shift_end) : undefined;
    return html`<${ShiftEditor} person=${person} day=${day} shift=${shift} start=${start} end=${start && hoursAfter(start, 4)} onDone=${onDone} onCancel=${onCancel} />`;
  };

  if (off) return html`<td class="off" data-label=${day.slice(0, 3)}><span class="off-label" title="Weekly day off">Off</span></td>`;
  return html`<td data-label=${day.slice(0, 3)} class=${shifts.length ? 'has-shift' : ''}>
    ${shifts.map((shift) =>
      editing?.shiftId === shift.id
        ? editor(shift)
        : // The label starts with what the button shows, so a screen reader and a voice command both find it by its times.
          html`<button class="cell" aria-label=${`${times(shift)}${overnight(shift) ? ` overnight to ${dayAfter(day)}` : ''}, ${where}: change`} onClick=${() => onEdit(shift.id)}>
            ${times(shift)}${overnight(shift) && html`<span class="tag overnight" title=${`Ends on ${dayAfter(day)}`}>→ ${dayAfter(day).slice(0, 3)}</span>`}
          </button>`,
    )}
    ${editing?.shiftId === null
      ? editor(undefined)
      : shifts.length === 0
        ? html`<button class="cell" aria-label=${`Add a shift: ${where}`} onClick=${() => onEdit(null)}>+</button>`
        : !editing &&
          html`<div class="cell-actions">
            <button class="cell add" aria-label=${`Add another shift: ${where}`} onClick=${() => onEdit(null)}>+ Add</button>
            <button class="cell add" aria-label=${`Copy ${where} to other days`} onClick=${onCopy}>Copy</button>
          </div>`}
  </td>`;
}
