// @ts-check
// The form for one weekly shift, shown in its roster cell: new (POST) or
// existing (PATCH, or Remove), with the server's messages in place.
import { html } from 'htm/preact';
import { del, patch, post } from '../api.js';
import { shortTime, weekdays } from '../format.js';
import { TimesFields, useTimes } from '../time-field.js';
import { ErrorMessage, formLevel, useSubmit } from '../ui.js';

/**
 * @typedef {{ id: number, staff: number, day_of_week: string, shift_start: string, shift_end: string, overnight?: boolean }} TemplateShift
 * @typedef {{ id: number, name: string, weekly_off_days: string }} Person
 */

/** The weekday after `day` ("Sunday" → "Monday"). @param {string} day */
export const dayAfter = (day) => weekdays[(weekdays.indexOf(day) + 1) % 7];

/**
 * @param {{ person: Person, day: string, shift?: TemplateShift, start?: string, end?: string, onDone: () => void, onCancel: () => void }} props
 *   `start`/`end`: the times a new shift starts with
 */
export function ShiftEditor({ person, day, shift, start: newStart = '09:00', end: newEnd = '17:00', onDone, onCancel }) {
  const times = useTimes(shortTime(shift?.shift_start) || newStart, shortTime(shift?.shift_end) || newEnd);
  const save = useSubmit(async () => {
    const typed = times.read();
    if (!typed) return;
    const body = { shift_start: typed.start, shift_end: typed.end };
    await (shift ? patch(`/api/shifts/${shift.id}/`, body) : post('/api/shifts/', { staff: person.id, day_of_week: day, ...body }));
    onDone();
  });
  const remove = useSubmit(async () => {
    if (!shift) return;
    await del(`/api/shifts/${shift.id}/`);
    onDone();
  });
  const error = save.error ?? remove.error;
  const busy = save.busy || remove.busy;
  return html`<form class="shift-editor" noValidate onSubmit=${save.submit} onKeyDown=${(/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && onCancel()}
      aria-label=${`${shift ? 'Change' : 'Add'} ${person.name}’s ${day} shift`}>
    <${TimesFields} times=${times} idPrefix=${`shift-${person.id}-${day}-${shift?.id ?? 'new'}`} nextDay=${dayAfter(day)} serverError=${error} startField="shift_start" endField="shift_end" />
    <${ErrorMessage} error=${formLevel(error, ['shift_start', 'shift_end'])} />
    <div class="row">
      <button type="submit" class="primary small" disabled=${busy}>Save</button>
      ${shift && html`<button type="button" class="danger small" disabled=${busy} onClick=${() => remove.submit()}>Remove</button>`}
      <button type="button" class="secondary small" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
