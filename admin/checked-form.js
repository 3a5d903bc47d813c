// @ts-check
// Forms that check their fields in the page before anything is sent: no
// browser pop-ups (the form is `novalidate`), each problem a sentence beside
// its field and linked to it (`aria-invalid`, `aria-describedby`), focus on
// the first one. What the server refuses about a field lands in the same place.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { formLevel, useSubmit } from './ui.js';

/** @typedef {Record<string, string>} Messages  one sentence per field */

/**
 * A field's message from the server as a sentence about it.
 * @param {string} subject how a sentence names the field, e.g. "The PIN"
 * @param {string} message
 * @example
 *   asSentence('The PIN', 'must be exactly 6 digits'); // 'The PIN must be exactly 6 digits.'
 */
export function asSentence(subject, message) {
  const text = /^(must|is|are|may|cannot|can)\b/.test(message) ? `${subject} ${message}` : message;
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * @param {any} error what the action threw (an ApiError, maybe with `fields`)
 * @param {Record<string, string>} subjects the form's fields and how a sentence names each
 * @returns {Messages}
 */
function serverMessages(error, subjects) {
  /** @type {Messages} */
  const messages = {};
  for (const [field, texts] of Object.entries(error?.fields ?? {})) {
    if (field in subjects) messages[field] = texts.map((/** @type {string} */ text) => asSentence(subjects[field], text)).join(' ');
  }
  return messages;
}

/**
 * A form's submit with checks first. `check()` returns the problems found
 * (none: `action` runs); the server's field errors are shown the same way,
 * and any other error as a sentence at the form (`formError`).
 * @param {{ id: string, subjects: Record<string, string>, check: () => Messages, action: () => Promise<void> }} options
 *   `id`: prefix of the fields' element ids (`<id>-<field>`)
 * @example
 *   const form = useCheckedForm({ id: 'pet', subjects: { name: 'The name' }, check: () => (name ? {} : { name: 'Enter a name.' }), action: save });
 *   html`<form novalidate onSubmit=${form.submit}>
 *     <label for=${form.idOf('name')}>Name</label>
 *     <input ...${form.input('name')} value=${name} onInput=${form.typed('name', setName)} />
 *     ${form.message('name')}
 *   </form>`;
 */
export function useCheckedForm({ id, subjects, check, action }) {
  const sending = useSubmit(action);
  const [shown, setShown] = useState(/** @type {Messages} */ ({}));
  const idOf = (/** @type {string} */ field) => `${id}-${field}`;
  const focusFirst = (/** @type {Messages} */ messages) => {
    const first = Object.keys(subjects).find((field) => messages[field]);
    if (first) document.getElementById(idOf(first))?.focus();
  };
  useEffect(() => {
    const fromServer = serverMessages(sending.error, subjects);
    setShown(fromServer);
    focusFirst(fromServer);
  }, [sending.error]);

  function edited(/** @type {string} */ field) {
    if (shown[field]) setShown(({ [field]: _, ...rest }) => rest);
  }

  async function submit(/** @type {Event | undefined} */ event) {
    event?.preventDefault();
    const found = check();
    setShown(found);
    if (Object.keys(found).length > 0) focusFirst(found);
    else await sending.submit();
  }

  return {
    busy: sending.busy,
    submit,
    /** The error to say at the form: one not about a field shown here. */
    formError: formLevel(sending.error, Object.keys(subjects)),
    idOf,
    /**
     * The attributes of the input for `field` (its id, and what describes it).
     * @param {string} field
     * @param {{ hint?: boolean, id?: string }} [options] `hint`: a `hint(field, …)` is shown too; `id`: another element id (one of several checkboxes)
     */
    input(field, options = {}) {
      const describedBy = [shown[field] && `${idOf(field)}-error`, options.hint && `${idOf(field)}-hint`].filter(Boolean).join(' ');
      return { id: options.id ?? idOf(field), 'aria-invalid': shown[field] ? 'true' : undefined, 'aria-describedby': describedBy || undefined };
    },
    /** The field changed: its message goes until the next submit. @param {string} field */
    edited,
    /**
     * An `onInput` handler for a text input: `set` gets its value, and the field's message goes.
     * @param {string} field
     * @param {(value: string) => void} set
     */
    typed: (field, set) => (/** @type {any} */ event) => {
      set(event.currentTarget.value);
      edited(field);
    },
    /** The field's message, if any, where it is placed. @param {string} field */
    message(field) {
      return shown[field] ? html`<span class="field-error" id=${`${idOf(field)}-error`}>${shown[field]}</span>` : null;
    },
    /** A hint under the field, read with it. @param {string} field @param {unknown} text */
    hint(field, text) {
      return html`<span class="hint" id=${`${idOf(field)}-hint`}>${text}</span>`;
    },
  };
}
