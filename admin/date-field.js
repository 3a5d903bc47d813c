// @ts-check
// A date typed and shown as the whole app writes dates ("1 Dec 2026" in
// en-GB), whatever the browser's locale: a native date input shows the
// browser's format (11/25/2026 in en-US) and Chromium ignores `lang`. The
// calendar button still opens the browser's own picker.
import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { useFormat } from './app-state.js';

/**
 * `value` and what `onChange` receives are YYYY-MM-DD. A typed date is taken
 * on Enter or on leaving the field; one that cannot be read, or is outside
 * `min`–`max`, is said beside the field and changes nothing.
 * @param {{ id: string, label?: string, value: string, onChange: (date: string) => void, min?: string, max?: string, disabled?: boolean }} props
 */
export function DateField({ id, label, value, onChange, min, max, disabled = false }) {
  const format = useFormat();
  const picker = useRef(/** @type {HTMLInputElement | null} */ (null));
  const [typed, setTyped] = useState(/** @type {string | null} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const shown = typed ?? (value ? format.fullDate(value) : '');
  const errorId = `${id}-error`;

  const take = (/** @type {string} */ date) => {
    setTyped(null);
    setError(null);
    if (date !== value) onChange(date);
  };
  const commit = () => {
    if (typed === null) return;
    if (typed.trim() === '' && value) return take(value);
    // The date shown (else today) gives a date typed without its year its year, and the example.
    const reference = value || format.date(Date.now());
    const date = format.parseDate(typed, Number(reference.slice(0, 4)));
    if (!date) return setError(`Write a date such as ${format.fullDate(reference)}.`);
    if (min && date < min) return setError(`Choose ${format.fullDate(min)} or later.`);
    if (max && date > max) return setError(`Choose ${format.fullDate(max)} or earlier.`);
    take(date);
  };
  const openCalendar = () => {
    try {
      picker.current?.showPicker();
    } catch {
      // A browser without showPicker: the typed field still works.
      picker.current?.focus();
    }
  };

  return html`<span class="date-field">
    ${label && html`<label for=${id}>${label}</label>`}
    <span class="date-input">
      <input id=${id} type="text" autocomplete="off" size="11" value=${shown} disabled=${disabled}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? errorId : undefined}
        onInput=${(/** @type {any} */ e) => setTyped(e.currentTarget.value)}
        onBlur=${commit}
        onKeyDown=${(/** @type {KeyboardEvent} */ e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setTyped(null);
            setError(null);
          }
        }} />
      <button type="button" class="calendar-button" disabled=${disabled} onClick=${openCalendar}
        aria-label="Calendar" title="Choose the date from a calendar">
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" stroke-width="1.4" />
        </svg>
      </button>
      <input ref=${picker} type="date" class="date-picker" tabindex="-1" aria-hidden="true" value=${value} min=${min} max=${max}
        onChange=${(/** @type {any} */ e) => e.currentTarget.value && take(e.currentTarget.value)} />
    </span>
    ${error && html`<span class="field-error" id=${errorId} role="alert">${error}</span>`}
  </span>`;
}
