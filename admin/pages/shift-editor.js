// @ts-check
// The form for one weekly shift, shown in its roster cell: new (POST) or
// existing (PATCH, or Remove), with the server's messages in place.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { del, patch, post } from '../api.js';
import { shortTime } from '../format.js';
import { ErrorMessage, FieldError } from '../ui.js';

/**
 * @typedef {{ id: number, staff: number, day_of_week: string, shift_start: string, shift_end: string }} TemplateShift
 * @typedef {{ id: number, name: string, weekly_off_days: string }} Person
 */

/**
 * @param {{ person: Person, day: string, shift?: TemplateShift, start?: string, end?: string, onDone: () => void, onCancel: () => void }} props
 *   `start`/`end`: the times a new shift starts with
 */
export function ShiftEditor({ person, day, shift, start: newStart = '09:00', end: newEnd = '17:00', onDone, onCancel }) {
  const [start, setStart] = useState(shortTime(shift?.shift_start) || newStart);
  const [end, setEnd] = useState(shortTime(shift?.shift_end) || newEnd);
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
