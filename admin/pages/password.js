// @ts-check
// Change password, for everyone: the current one, the new one twice. Every
// other place this account is signed in is signed out; this browser stays.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { ErrorMessage, FieldError, useSubmit } from '../ui.js';

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(/** @type {number | null} */ (null));
  const mismatch = repeat !== '' && repeat !== password;
  const { busy, error, submit } = useSubmit(async () => {
    // The button is disabled then, but Enter in a field still submits.
    if (mismatch) return;
    setDone(null);
    const reply = await post('/api/auth/password', { current, password });
    setDone(reply.signedOutSessions);
    setCurrent('');
    setPassword('');
    setRepeat('');
  });
  const elsewhere = (/** @type {number} */ count) => (count === 0 ? 'You were not signed in anywhere else.' : `Signed out ${count === 1 ? 'one other session' : `${count} other sessions`}.`);
  return html`<section>
    <h1>Change password</h1>
    <form class="card form" onSubmit=${submit}>
      <label for="current-password">Current password</label>
      <input id="current-password" type="password" autocomplete="current-password" value=${current} onInput=${(/** @type {any} */ e) => setCurrent(e.currentTarget.value)} required />
      <${FieldError} error=${error} field="current" />
      <label for="new-password">New password</label>
      <input id="new-password" type="password" autocomplete="new-password" value=${password} onInput=${(/** @type {any} */ e) => setPassword(e.currentTarget.value)} required />
      <span class="hint">At least 8 characters.</span>
      <${FieldError} error=${error} field="password" />
      <label for="repeat-password">New password again</label>
      <input id="repeat-password" type="password" autocomplete="new-password" value=${repeat} onInput=${(/** @type {any} */ e) => setRepeat(e.currentTarget.value)} required />
      ${mismatch && html`<span class="field-error">does not match the new password</span>`}
      <${ErrorMessage} error=${error && !Object.keys(error.fields ?? {}).length ? error : null} />
      <div class="row">
        <button type="submit" class="primary" disabled=${busy || mismatch}>${busy ? 'Changing…' : 'Change password'}</button>
        ${done !== null && html`<span class="ok-text" role="status">Password changed. ${elsewhere(done)}</span>`}
      </div>
    </form>
  </section>`;
}
