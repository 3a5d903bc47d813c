// @ts-check
// The small forms a manager fixes an occurrence with, shared by Needs
// attention and Timesheets: add or correct a punch (a correction, never an
// edit), add both punches of a missed shift, void a punch, excuse an
// absence, accept a late arrival or an API check-in. Each says what it
// will record, asks why, and calls `onDone` once the server has it.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { useFormat } from '../app-state.js';
import { parseTime } from '../format.js';
import { chainOf, correctPunch, entryKey, punchKindLabels } from '../timesheet.js';
import { ErrorMessage, FieldError, formLevel, useSubmit } from '../ui.js';

/**
 * @typedef {import('../timesheet.js').Entry} Entry
 * @typedef {import('../timesheet.js').PunchKind} PunchKind
 * @typedef {{ entry: Entry, onDone: () => void, onCancel: () => void }} FixProps
 */

/** A form's id prefix, unique on the page. @param {Entry} entry @param {string} what */
const idFor = (entry, what) => `${what}-${entryKey(entry).replace('@', '-')}`;

/**
 * A 24-hour time of day typed as text (a time input would follow the
 * browser's locale, often 12-hour), and the day it lands on.
 */
function TimeField({ id, label, value, onInput, at, error = null, required = true }) {
  const format = useFormat();
  const invalid = value.trim() !== '' && !parseTime(value);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} class="time" value=${value} inputmode="numeric" placeholder="HH:MM" maxlength="5" autocomplete="off"
      aria-invalid=${invalid} aria-describedby=${`${id}-day`} onInput=${(e) => onInput(e.currentTarget.value)}
      onBlur=${() => parseTime(value) && onInput(parseTime(value))} required=${required} />
    <span id=${`${id}-day`} class=${invalid ? 'field-error' : 'hint'}>${invalid ? 'Use 24-hour time, such as 17:30' : at ? format.day(at) : required ? ' ' : 'none'}</span>
    <${FieldError} error=${error} field="at" />
  </div>`;
}

/**
 * Stops a submit whose time could not be read. The time field already says
 * why, so the error names the field with no message of its own.
 * @param {string | null} at
 */
function requireTime(at) {
  if (!at) throw Object.assign(new Error('Type each time as 24-hour HH:MM, such as 17:30.'), { fields: { at: [] } });
  return at;
}

function ReasonField({ id, label = 'Reason', value, onInput, error, field = 'reason', placeholder = '' }) {
  return html`<div class="field grow">
    <label for=${id}>${label}</label>
    <input id=${id} value=${value} maxlength="500" placeholder=${placeholder} onInput=${(e) => onInput(e.currentTarget.value)} required />
    <${FieldError} error=${error} field=${field} />
  </div>`;
}

function Buttons({ busy, label, onCancel }) {
  return html`<div class="field buttons">
    <button type="submit" class="primary small" disabled=${busy}>${busy ? 'Saving…' : label}</button>
    <button type="button" class="secondary small" onClick=${onCancel}>Cancel</button>
  </div>`;
}

/**
 * Adds the missing punch of `kind`, or replaces the one shown (prefilled with
 * it, else with the scheduled time).
 * @param {FixProps & { kind: PunchKind, submitLabel: string, defaultReason?: string }} props
 */
export function PunchForm({ entry, kind, submitLabel, defaultReason = '', onDone, onCancel }) {
  const format = useFormat();
  const current = chainOf(entry, kind).final;
  const reference = current?.at ?? (kind === 'check_in' ? entry.start : entry.end);
  const [time, setTime] = useState(format.time(reference));
  const [reason, setReason] = useState(defaultReason);
  const at = parseTime(time) ? format.instantNear(parseTime(time), reference) : null;
  const { busy, error, submit } = useSubmit(async () => {
    await correctPunch(entry, kind, requireTime(at), reason.trim());
    onDone();
  });
  const id = idFor(entry, kind);
  return html`<form class="fix-form" aria-label=${`${submitLabel}: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <${TimeField} id=${`${id}-time`} label=${`${punchKindLabels[kind]} time`} value=${time} onInput=${setTime} at=${at} error=${error} />
    <${ReasonField} id=${`${id}-reason`} value=${reason} onInput=${setReason} error=${error} placeholder="Why, for the record" />
    <${Buttons} busy=${busy} label=${submitLabel} onCancel=${onCancel} />
    <${ErrorMessage} error=${formLevel(error, ['at', 'reason'])} />
  </form>`;
}

/**
 * Corrects either punch or both: a changed time supersedes the punch shown,
 * a time typed where there was none adds the punch; one reason for both.
 * @param {FixProps} props
 */
export function CorrectForm({ entry, onDone, onCancel }) {
  const format = useFormat();
  const shown = (/** @type {PunchKind} */ kind) => chainOf(entry, kind).final;
  const initial = (/** @type {PunchKind} */ kind) => (shown(kind) ? format.time(shown(kind).at) : '');
  const [times, setTimes] = useState({ check_in: initial('check_in'), check_out: initial('check_out') });
  const [reason, setReason] = useState('');
  const [unchanged, setUnchanged] = useState(false);
  const reference = (/** @type {PunchKind} */ kind) => shown(kind)?.at ?? (kind === 'check_in' ? entry.start : entry.end);
  const atOf = (/** @type {PunchKind} */ kind) => (parseTime(times[kind]) ? format.instantNear(parseTime(times[kind]), reference(kind)) : null);
  const changed = /** @type {PunchKind[]} */ (['check_in', 'check_out']).filter((kind) => times[kind].trim() && parseTime(times[kind]) !== initial(kind));
  const { busy, error, submit } = useSubmit(async () => {
    setUnchanged(changed.length === 0);
    if (changed.length === 0) return;
    changed.forEach((kind) => requireTime(atOf(kind)));
    for (const kind of changed) await correctPunch(entry, kind, atOf(kind), reason.trim());
    onDone();
  });
  const id = idFor(entry, 'correct');
  const set = (/** @type {PunchKind} */ kind) => (/** @type {string} */ value) => setTimes((current) => ({ ...current, [kind]: value }));
  return html`<form class="fix-form" aria-label=${`Correct: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <${TimeField} id=${`${id}-in`} label="Check-in time" value=${times.check_in} onInput=${set('check_in')} at=${atOf('check_in')} required=${false} error=${error} />
    <${TimeField} id=${`${id}-out`} label="Check-out time" value=${times.check_out} onInput=${set('check_out')} at=${atOf('check_out')} required=${false} error=${error} />
    <${ReasonField} id=${`${id}-reason`} value=${reason} onInput=${setReason} error=${error} placeholder="Why, for the record" />
    <${Buttons} busy=${busy} label="Save correction" onCancel=${onCancel} />
    ${unchanged && html`<p class="hint" role="status">Change a time first: both are as recorded.</p>`}
    <${ErrorMessage} error=${formLevel(error, ['at', 'reason'])} />
  </form>`;
}

/** A missed shift that was worked after all: both punches, from the scheduled times. @param {FixProps} props */
export function AddPunchesForm({ entry, onDone, onCancel }) {
  const format = useFormat();
  const [checkIn, setCheckIn] = useState(format.time(entry.start));
  const [checkOut, setCheckOut] = useState(format.time(entry.end));
  const [reason, setReason] = useState('Forgot to check in and out');
  const inAt = parseTime(checkIn) ? format.instantNear(parseTime(checkIn), entry.start) : null;
  const outAt = parseTime(checkOut) ? format.instantNear(parseTime(checkOut), entry.end) : null;
  const { busy, error, submit } = useSubmit(async () => {
    requireTime(inAt);
    requireTime(outAt);
    await correctPunch(entry, 'check_in', inAt, reason.trim());
    await correctPunch(entry, 'check_out', outAt, reason.trim());
    onDone();
  });
  const id = idFor(entry, 'punches');
  return html`<form class="fix-form" aria-label=${`Add punches: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <${TimeField} id=${`${id}-in`} label="Check-in time" value=${checkIn} onInput=${setCheckIn} at=${inAt} error=${error} />
    <${TimeField} id=${`${id}-out`} label="Check-out time" value=${checkOut} onInput=${setCheckOut} at=${outAt} error=${error} />
    <${ReasonField} id=${`${id}-reason`} value=${reason} onInput=${setReason} error=${error} />
    <${Buttons} busy=${busy} label="Add punches" onCancel=${onCancel} />
    <${ErrorMessage} error=${formLevel(error, ['at', 'reason'])} />
  </form>`;
}

/** Records an absence, so a missed shift counts as excused. @param {FixProps} props */
export function ExcuseForm({ entry, onDone, onCancel }) {
  const format = useFormat();
  const [type, setType] = useState('sick');
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await post('/api/absences/', { staff: entry.staff, shiftId: entry.shiftId, date: entry.date, type, note: note.trim() });
    onDone();
  });
  const id = idFor(entry, 'excuse');
  return html`<form class="fix-form" aria-label=${`Excuse: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <div class="field">
      <label for=${`${id}-type`}>Absence</label>
      <select id=${`${id}-type`} value=${type} onChange=${(e) => setType(e.currentTarget.value)}>
        <option value="sick">Sick</option>
        <option value="leave">Leave</option>
        <option value="other">Other</option>
      </select>
      <${FieldError} error=${error} field="type" />
    </div>
    <div class="field grow">
      <label for=${`${id}-note`}>Note <span class="hint">(optional)</span></label>
      <input id=${`${id}-note`} value=${note} maxlength="500" placeholder="e.g. Called in sick at 07:30" onInput=${(e) => setNote(e.currentTarget.value)} />
      <${FieldError} error=${error} field="note" />
    </div>
    <${Buttons} busy=${busy} label="Excuse" onCancel=${onCancel} />
    <${ErrorMessage} error=${formLevel(error, ['type', 'note'])} />
  </form>`;
}

const acceptNotes = { late: 'Late start agreed', api_check_in: 'Check-in through the API confirmed' };

/** Accepts a late arrival or an API check-in: it leaves the queue. @param {FixProps & { type: 'late' | 'api_check_in' }} props */
export function AcceptForm({ entry, type, onDone, onCancel }) {
  const format = useFormat();
  const [note, setNote] = useState(acceptNotes[type]);
  const { busy, error, submit } = useSubmit(async () => {
    await post('/api/exceptions/accept', { shiftId: entry.shiftId, date: entry.date, type, note: note.trim() });
    onDone();
  });
  const id = idFor(entry, `accept-${type}`);
  return html`<form class="fix-form" aria-label=${`Accept: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <${ReasonField} id=${`${id}-note`} label="Note" field="note" value=${note} onInput=${setNote} error=${error} />
    <${Buttons} busy=${busy} label="Accept" onCancel=${onCancel} />
    <${ErrorMessage} error=${formLevel(error, ['note'])} />
  </form>`;
}

/** Voids the final check-in or check-out (the punch stays on record, marked void). @param {FixProps} props */
export function VoidForm({ entry, onDone, onCancel }) {
  const format = useFormat();
  const kinds = /** @type {PunchKind[]} */ (['check_in', 'check_out']).filter((kind) => chainOf(entry, kind).final);
  const [kind, setKind] = useState(kinds[0]);
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await post(`/api/attendance/${chainOf(entry, kind).final.id}/void`, { reason: reason.trim() });
    onDone();
  });
  const id = idFor(entry, 'void');
  return html`<form class="fix-form" aria-label=${`Void a punch: ${entry.staffName}, ${format.calendarDay(entry.date)}`} onSubmit=${submit}>
    <div class="field">
      <label for=${`${id}-kind`}>Punch</label>
      <select id=${`${id}-kind`} value=${kind} onChange=${(e) => setKind(e.currentTarget.value)}>
        ${kinds.map((k) => html`<option value=${k}>${punchKindLabels[k]} ${format.time(chainOf(entry, k).final.at)}</option>`)}
      </select>
    </div>
    <${ReasonField} id=${`${id}-reason`} value=${reason} onInput=${setReason} error=${error} placeholder="e.g. Not her in the photo" />
    <${Buttons} busy=${busy} label="Void" onCancel=${onCancel} />
    <${ErrorMessage} error=${formLevel(error, ['reason'])} />
  </form>`;
}
