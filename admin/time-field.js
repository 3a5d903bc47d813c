// @ts-check
// Times of day typed as the whole app shows them: 24-hour HH:MM, whatever the
// browser's locale (a native time input shows 12-hour AM/PM in en-US), read
// leniently by `parseTime`; and the hours shifts add up to.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { parseTime } from './format.js';

/** The sentence shown beside a time that cannot be read. */
export const clockHint = 'Write a 24-hour time such as 09:00 or 21:30.';

/**
 * Minutes a shift from `start` to `end` (HH:MM) lasts: one ending at or
 * before its start runs into the next day.
 * @param {string} start
 * @param {string} end
 */
export function shiftMinutes(start, end) {
  const minutesOf = (/** @type {string} */ time) => {
    const [h, m] = time.split(':').map(Number);
    return h * 60 + m;
  };
  const length = minutesOf(end) - minutesOf(start);
  return length > 0 ? length : length + 24 * 60;
}

/** "7.5 h", "8 h", "—" for none. @param {number} minutes */
export function formatHours(minutes) {
  if (minutes === 0) return '—';
  return `${Number((minutes / 60).toFixed(2))} h`;
}

/**
 * A 24-hour time input. `value` is what is typed; on leaving the field a
 * readable time is written back as HH:MM. `error`: a message shown beside it.
 * @param {{ label: string, value: string, onInput: (value: string) => void, error?: string | null, id: string, autoFocus?: boolean }} props
 */
export function TimeField({ label, value, onInput, error, id, autoFocus }) {
  const errorId = `${id}-error`;
  return html`<label class="time-field" for=${id}>${label}
    <input id=${id} type="text" inputmode="numeric" autocomplete="off" placeholder="HH:MM" maxlength="5" size="5" value=${value}
      autoFocus=${autoFocus}
      aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? errorId : undefined}
      onInput=${(/** @type {any} */ e) => onInput(e.currentTarget.value)}
      onBlur=${(/** @type {any} */ e) => {
        const clock = parseTime(e.currentTarget.value);
        if (clock && clock !== e.currentTarget.value) onInput(clock);
      }} />
    ${error && html`<span class="field-error" id=${errorId}>${error}</span>`}
  </label>`;
}

/**
 * A start and an end typed in a form: checked before the form is sent, so a
 * time that cannot be read is said beside its field and nothing is sent.
 * @param {string} initialStart
 * @param {string} initialEnd
 */
export function useTimes(initialStart, initialEnd) {
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(initialEnd);
  const [checked, setChecked] = useState(false);
  const problem = (/** @type {string} */ value) => (checked && !parseTime(value) ? clockHint : null);
  return {
    start,
    end,
    setStart,
    setEnd,
    startError: problem(start),
    endError: problem(end),
    /** The times as HH:MM, or null (and the fields say why) when one cannot be read. */
    read() {
      setChecked(true);
      const [s, e] = [parseTime(start), parseTime(end)];
      return s && e ? { start: s, end: e } : null;
    },
  };
}

/**
 * Start and end fields, with "ends the next day" said when it does.
 * `serverError`: a failed request whose field messages (`startField`, `endField`) belong beside them.
 * @param {{ times: ReturnType<typeof useTimes>, idPrefix: string, nextDay?: string, serverError?: any, startField?: string, endField?: string }} props
 */
export function TimesFields({ times, idPrefix, nextDay = 'the next day', serverError, startField = 'start', endField = 'end' }) {
  const fromServer = (/** @type {string} */ field) => serverError?.fields?.[field]?.join('; ') ?? null;
  const [start, end] = [parseTime(times.start), parseTime(times.end)];
  const overnight = start && end && shiftMinutes(start, end) > 0 && end <= start;
  return html`<div class="times">
    <${TimeField} id=${`${idPrefix}-start`} label="Start" value=${times.start} onInput=${times.setStart} error=${times.startError ?? fromServer(startField)} autoFocus=${true} />
    <${TimeField} id=${`${idPrefix}-end`} label="End" value=${times.end} onInput=${times.setEnd} error=${times.endError ?? fromServer(endField)} />
    ${start && end && html`<span class="hint times-length">${formatHours(shiftMinutes(start, end))}${overnight ? html`, <strong class="overnight">overnight, ends ${nextDay}</strong>` : ''}</span>`}
  </div>`;
}
