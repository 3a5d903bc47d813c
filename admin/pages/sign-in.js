// @ts-check
// Sign in, or, on a new install, create the first manager.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { ErrorMessage, FieldError, useSubmit } from '../ui.js';

export function SignIn({ status, onSignedIn }) {
  const first = status.needsFirstManager;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    if (first) await post('/api/register/', { username, password, role: 'Manager' });
    await post('/api/auth/login', { username, password });
    await onSignedIn();
  });

  return html`
    <main class="sign-in">
      <h1>${status.orgName}</h1>
      <form onSubmit=${submit} class="card">
        <h2>${first ? 'Create the first manager' : 'Sign in'}</h2>
        ${first && html`<p class="hint">Nobody has an account yet. The account you create now manages everything else.</p>`}
        <label for="username">Username</label>
        <input id="username" autocomplete="username" value=${username} onInput=${(e) => setUsername(e.currentTarget.value)} required />
        <${FieldError} error=${error} field="username" />
        <label for="password">Password</label>
        <input id="password" type="password" autocomplete=${first ? 'new-password' : 'current-password'} value=${password}
          onInput=${(e) => setPassword(e.currentTarget.value)} required minlength=${first ? 8 : undefined} />
        <${FieldError} error=${error} field="password" />
        <${ErrorMessage} error=${error && !error.fields?.username && !error.fields?.password ? error : null} />
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Please wait…' : first ? 'Create the first manager' : 'Sign in'}</button>
      </form>
    </main>
  `;
}
