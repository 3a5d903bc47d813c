// @ts-check
// The weekly template as a grid, staff × weekday. A day can hold several
// shifts (they only must not overlap): each is its own button that opens its
// own editor, and "+ Add shift" adds another one on that day.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { shortTime, weekdays } from '../format.js';
import { Empty, Loaded, useData } from '../ui.js';
import { ShiftEditor } from './shift-editor.js';

/**
 * @typedef {import('./shift-editor.js').TemplateShift} TemplateShift
 * @typedef {import('./shift-editor.js').Person} Person
 * @typedef {{ staffId: number, day: string, shiftId: number | null }} Editing  shiftId null: a new shift
 */

/** "HH:MM" moved on by whole hours, round the clock. */
const hoursAfter = (/** @type {string} */ time, /** @type {number} */ hours) => {
  const [h, m] = time.split(':').map(Number);
  return `${String((h + hours) % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

export function TemplateGrid() {
  const state = useData(async () => {
    const [staff, shifts] = await Promise.all([get('/api/staff/?active=true'), get('/api/shifts/')]);
    return { staff, shifts };
  });
  const [editing, setEditing] = useState(/** @type {Editing | null} */ (null));
  const done = () => {
    setEditing(null);
    state.reload();
  };

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
                (/** @type {Person} */ person) => html`<tr>
                  <th scope="row">${person.name}</th>
                  ${weekdays.map((day) => {
                    const mine = shifts
                      .filter((/** @type {TemplateShift} */ s) => s.staff === person.id && s.day_of_week === day)
                      .sort((/** @type {TemplateShift} */ a, /** @type {TemplateShift} */ b) => a.shift_start.localeCompare(b.shift_start));
                    const here = editing?.staffId === person.id && editing.day === day ? editing : null;
                    return html`<${DayCell} person=${person} day=${day} shifts=${mine} editing=${here}
                      onEdit=${(/** @type {number | null} */ shiftId) => setEditing({ staffId: person.id, day, shiftId })}
                      onDone=${done} onCancel=${() => setEditing(null)} />`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table>
          </div>`}
  <//>`;
}

/**
 * One person's weekday: "Off", or each shift as a button (or its editor), and a way to add one.
 * @param {{ person: Person, day: string, shifts: TemplateShift[], editing: Editing | null, onEdit: (shiftId: number | null) => void, onDone: () => void, onCancel: () => void }} props
 */
function DayCell({ person, day, shifts, editing, onEdit, onDone, onCancel }) {
  const off = person.weekly_off_days.split(',').includes(day);
  const label = `${person.name}, ${day}`;
  const times = (/** @type {TemplateShift} */ s) => `${shortTime(s.shift_start)}–${shortTime(s.shift_end)}`;
  const editor = (/** @type {TemplateShift | undefined} */ shift) => {
    // A second shift starts where the day's last one ends, so it does not overlap to begin with.
    const last = shifts.at(-1);
    const start = last ? shortTime(last.shift_end) : undefined;
    return html`<${ShiftEditor} person=${person} day=${day} shift=${shift} start=${start} end=${start && hoursAfter(start, 4)} onDone=${onDone} onCancel=${onCancel} />`;
  };

  if (off) return html`<td class="off"><span class="off-label" title="Weekly day off">Off</span></td>`;
  return html`<td class=${shifts.length ? 'has-shift' : ''}>
    ${shifts.map((shift) =>
      editing?.shiftId === shift.id
        ? editor(shift)
        : // With one shift the day's button is the shift; with several each says which it is.
          html`<button class="cell" aria-label=${shifts.length === 1 ? label : `${label}, ${times(shift)}`} onClick=${() => onEdit(shift.id)}>${times(shift)}</button>`,
    )}
    ${editing?.shiftId === null
      ? editor(undefined)
      : shifts.length === 0
        ? html`<button class="cell" aria-label=${label} onClick=${() => onEdit(null)}>+</button>`
        : !editing && html`<button class="cell add" aria-label=${`Add another shift: ${label}`} onClick=${() => onEdit(null)}>+ Add shift</button>`}
  </td>`;
}
