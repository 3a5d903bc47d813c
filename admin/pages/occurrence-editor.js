// @ts-check
// One date's changes, in the dated roster's cell (and from a missed row on the
// Live page): who works an occurrence and at what times that date, cancel it,
// put it back as the template has it; and a one-off shift for one date.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { del, patch, post } from '../api.js';
import { useFormat } from '../app-state.js';
import { TimesFields, useTimes } from '../time-field.js';
import { ErrorMessage, FieldError, formLevel, useSubmit } from '../ui.js';

/**
 * @typedef {{ date: string, staff: number, shiftId: number, start: string, end: string, swap: number | null, reassigned: boolean, retimed: boolean, oneOff: boolean, note: string | null }} RosterEntry
 * @typedef {{ id: number, name: string, active: boolean }} Person
 */

/** Escape closes a form, wherever the focus is in it. */
const closeOnEscape = (/** @type {() => void} */ onCancel) => (/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && onCancel();

/**
 * @param {{ entry: RosterEntry, staff: Person[], onDone: () => void, onCancel: () => void }} props
 */
export function OccurrenceEditor({ entry, staff, onDone, onCancel }) {
  const format = useFormat();
  const [assignee, setAssignee] = useState(entry.staff);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const times = useTimes(format.time(entry.start), format.time(entry.end));
  const key = { shiftId: entry.shiftId, date: entry.date };
  const save = useSubmit(async () => {
    const typed = times.read();
    if (!typed) return;
    await patch('/api/roster/occurrence', { ...key, assignee, start: typed.start, end: typed.end });
    onDone();
  });
  const cancelDate = useSubmit(async () => {
    await patch('/api/roster/occurrence', { ...key, cancelled: true });
    onDone();
  });
  const restore = useSubmit(async () => {
    await patch('/api/roster/occurrence', { ...key, assignee: null, start: null, end: null });
    onDone();
  });
  const remove = useSubmit(async () => {
    await del(`/api/roster/one-off/${entry.shiftId}`);
    onDone();
  });
  const actions = [save, cancelDate, restore, remove];
  const busy = actions.some((a) => a.busy);
  const error = actions.find((a) => a.error)?.error ?? null;
  const people = staff.filter((p) => p.active || p.id === entry.staff);
  const id = `occ-${entry.shiftId}-${entry.date}`;

  return html`<form class="shift-editor occurrence-editor" noValidate onSubmit=${save.submit} onKeyDown=${closeOnEscape(onCancel)} aria-label=${`Change the shift on ${format.calendarDay(entry.date)}`}>
    <label for=${`${id}-who`}>Works it</label>
    <select id=${`${id}-who`} value=${assignee} onChange=${(/** @type {any} */ e) => setAssignee(Number(e.currentTarget.value))}>
      ${people.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
    </select>
    <${FieldError} error=${error} field="assignee" />
    <${TimesFields} times=${times} idPrefix=${id} serverError=${error} />
    <${ErrorMessage} error=${formLevel(error, ['assignee', 'start', 'end'])} />
    <div class="row">
      <button type="submit" class="primary small" disabled=${busy}>Save</button>
      <button type="button" class="secondary small" onClick=${onCancel}>Close</button>
    </div>
    <div class="row">
      ${entry.oneOff
        ? html`<button type="button" class="danger small" disabled=${busy} onClick=${() => remove.submit()}>Remove this one-off shift</button>`
        : confirmCancel
          ? html`<button type="button" class="danger small" disabled=${busy} onClick=${() => cancelDate.submit()}>Yes, cancel ${format.calendarDay(entry.date)}</button>`
          : html`<button type="button" class="danger small" disabled=${busy} onClick=${() => setConfirmCancel(true)}>Cancel this date</button>`}
      ${!entry.oneOff && (entry.reassigned || entry.retimed) && html`<button type="button" class="secondary small" disabled=${busy} onClick=${() => restore.submit()}>Back to the usual</button>`}
    </div>
  </form>`;
}

/**
 * A one-off shift for `person` on `date`.
 * @param {{ person: Person, date: string, onDone: () => void, onCancel: () => void }} props
 */
export function OneOffForm({ person, date, onDone, onCancel }) {
  const format = useFormat();
  const times = useTimes('09:00', '17:00');
  const [note, setNote] = useState('');
  const add = useSubmit(async () => {
    const typed = times.read();
    if (!typed) return;
    await post('/api/roster/one-off', { staff: person.id, date, start: typed.start, end: typed.end, ...(note.trim() && { note: note.trim() }) });
    onDone();
  });
  const id = `one-off-${person.id}-${date}`;
  return html`<form class="shift-editor" noValidate onSubmit=${add.submit} onKeyDown=${closeOnEscape(onCancel)} aria-label=${`Add a one-off shift for ${person.name} on ${format.calendarDay(date)}`}>
    <${TimesFields} times=${times} idPrefix=${id} serverError=${add.error} />
    <label for=${`${id}-note`}>Note <span class="hint">(optional)</span></label>
    <input id=${`${id}-note`} value=${note} maxLength="200" placeholder="e.g. Covering for Sam" onInput=${(/** @type {any} */ e) => setNote(e.currentTarget.value)} />
    <${FieldError} error=${add.error} field="note" />
    <${ErrorMessage} error=${formLevel(add.error, ['start', 'end', 'note'])} />
    <div class="row">
      <button type="submit" class="primary small" disabled=${add.busy}>Add shift</button>
      <button type="button" class="secondary small" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
