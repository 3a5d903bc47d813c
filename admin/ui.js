// @ts-check
// Small shared pieces: loading, empty and error states, and a data loader hook.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function Loading({ what = 'Loading' }) {
  return html`<p class="loading" role="status">${what}…</p>`;
}

export function Empty({ children }) {
  return html`<div class="empty">${children}</div>`;
}

export function ErrorMessage({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.message ?? String(error)}</p>`;
}

/**
 * A form's submit handler: runs `action` with `busy` up and the last error
 * cleared, and keeps what it threw as `error` for the form to show (beside
 * the fields it names, or as a sentence).
 * @param {() => Promise<void>} action
 * @returns {{ busy: boolean, error: any, submit: (event?: Event) => Promise<void> }}
 */
export function useSubmit(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(/** @type {any} */ (null));
  async function submit(/** @type {Event | undefined} */ event) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, submit };
}

/** The field's messages from a validation error, for showing beside the input. */
export function FieldError({ error, field }) {
  const messages = error?.fields?.[field];
  return messages?.length ? html`<span class="field-error">${messages.join('; ')}</span>` : null;
}

/**
 * The error to show as a sentence at the form: unless every field it names
 * has its message shown beside an input already.
 * @param {any} error
 * @param {string[]} shown the fields the form has a FieldError for
 */
export function formLevel(error, shown) {
  if (!error) return null;
  const named = Object.keys(error.fields ?? {});
  return named.length > 0 && named.every((field) => shown.includes(field)) ? null : error;
}

/**
 * Loads data with `load()` whenever `deps` change; `reload()` loads again.
 * @returns {{ data: any, error: any, loading: boolean, reload: () => Promise<void> }}
 */
export function useData(load, deps = []) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  // Only the latest request's answer is shown: typing a date range starts one per change, and they may answer out of order.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setState((current) => ({ ...current, loading: true }));
    try {
      const data = await load();
      if (request === latest.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (request === latest.current) setState({ data: undefined, error, loading: false });
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}

/** Shows `data` with `render`, or the loading/error state. */
export function Loaded({ state, what, children }) {
  if (state.error) return html`<${ErrorMessage} error=${state.error} />`;
  if (state.data === undefined) return html`<${Loading} what=${what} />`;
  return children(state.data);
}
