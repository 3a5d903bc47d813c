// @ts-check
// Account actions a manager takes on a person: deactivate or reactivate in
// one click (signed out everywhere at once), reset the password; and the
// managers' own list, where a manager is added or deactivated.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, patch, post } from '../api.js';
import { useCheckedForm } from '../checked-form.js';
import { Empty, ErrorMessage, Loaded, useData, useSubmit } from '../ui.js';

/**
 * @typedef {{ id: number, username: string, role: 'manager' | 'staff', active: boolean, staffId: number | null, name: string | null }} Account
 */

/**
 * Deactivate/Reactivate and Reset password for one account.
 * @param {{ userId: number, name: string, active: boolean, onChanged: () => void, onMessage: (text: string) => void }} props
 */
export function AccountActions({ userId, name, active, onChanged, onMessage }) {
  const [resetting, setResetting] = useState(false);
  const { busy, error, submit: toggle } = useSubmit(async () => {
    await patch(`/api/users/${userId}/`, { active: !active });
    onMessage(active ? `${name} is deactivated and signed out everywhere.` : `${name} is active again and can sign in.`);
    onChanged();
  });
  return html`<div class="actions">
    <button class="secondary small" disabled=${busy} aria-label=${`${active ? 'Deactivate' : 'Reactivate'} ${name}`} onClick=${toggle}>${active ? 'Deactivate' : 'Reactivate'}</button>
    <button class="secondary small" aria-label=${`Reset password of ${name}`} onClick=${() => setResetting(true)}>Reset password</button>
    <${ErrorMessage} error=${error} />
    ${resetting && html`<${ResetPasswordForm} userId=${userId} name=${name} onDone=${(/** @type {string} */ text) => { setResetting(false); onMessage(text); }} onCancel=${() => setResetting(false)} />`}
  </div>`;
}

/** @param {string} password @returns {Record<string, string>} */
const checkNewPassword = (password) =>
  password.length < 8 ? { password: password ? 'The password must be at least 8 characters.' : 'Enter the new password (at least 8 characters).' } : {};

/** @param {{ userId: number, name: string, onDone: (text: string) => void, onCancel: () => void }} props */
function ResetPasswordForm({ userId, name, onDone, onCancel }) {
  const [password, setPassword] = useState('');
  const form = useCheckedForm({
    id: `reset-password-${userId}`,
    subjects: { password: 'The password' },
    check: () => checkNewPassword(password),
    action: async () => {
      await post(`/api/users/${userId}/password`, { password });
      onDone(`${name}’s password is reset; they are signed out everywhere. Give them the new password.`);
    },
  });
  return html`<form class="inline-form" novalidate onSubmit=${form.submit}>
    <label for=${form.idOf('password')}>New password for ${name}</label>
    <input ...${form.input('password')} type="password" autocomplete="new-password" value=${password} onInput=${form.typed('password', setPassword)} />
    ${form.message('password')}
    <${ErrorMessage} error=${form.formError} />
    <button type="submit" class="primary small" disabled=${form.busy}>${form.busy ? 'Resetting…' : 'Reset password'}</button>
    <button type="button" class="secondary small" onClick=${onCancel}>Cancel</button>
  </form>`;
}

/** The managers: who can manage Rollcall, add one, deactivate one (never the last). */
export function ManagersSection() {
  const accounts = useData(() => get('/api/users/'));
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState('');
  return html`<section class="managers">
    <div class="page-head">
      <h2>Managers</h2>
      ${!adding && html`<button class="secondary" onClick=${() => setAdding(true)}>Add manager</button>`}
    </div>
    ${adding && html`<${AddManagerForm} onDone=${(/** @type {string} */ username) => { setAdding(false); setMessage(`${username} can now sign in as a manager.`); accounts.reload(); }} onCancel=${() => setAdding(false)} />`}
    ${message && html`<p class="ok-text" role="status">${message}</p>`}
    <${Loaded} state=${accounts} what="Loading managers">
      ${(/** @type {Account[]} */ all) => {
        const managers = all.filter((account) => account.role === 'manager');
        if (managers.length === 0) return html`<${Empty}>No managers.</${Empty}>`;
        return html`<div class="table-wrap"><table class="stack">
          <thead><tr><th>Username</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${managers.map(
            (account) => html`<tr class=${account.active ? '' : 'inactive'}>
              <td class="stack-title">${account.name ?? account.username}</td>
              <td data-label="Status">${account.active ? 'Active' : 'Deactivated'}</td>
              <td><${AccountActions} userId=${account.id} name=${account.name ?? account.username} active=${account.active} onChanged=${accounts.reload} onMessage=${setMessage} /></td>
            </tr>`,
          )}</tbody>
        </table></div>`;
      }}
    <//>
  </section>`;
}

/** @param {{ onDone: (username: string) => void, onCancel: () => void }} props */
function AddManagerForm({ onDone, onCancel }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useCheckedForm({
    id: 'manager',
    subjects: { username: 'The username', password: 'The password' },
    check: () => ({ ...(username.trim() ? {} : { username: 'Enter a username: they sign in with it.' }), ...checkNewPassword(password) }),
    action: async () => {
      await post('/api/register/', { username: username.trim(), password, role: 'Manager' });
      onDone(username.trim());
    },
  });
  return html`<form class="card form" novalidate onSubmit=${form.submit}>
    <h2>Add manager</h2>
    <label for=${form.idOf('username')}>Username</label>
    <input ...${form.input('username')} autocomplete="off" autocapitalize="none" spellcheck="false" value=${username} onInput=${form.typed('username', setUsername)} />
    ${form.message('username')}
    <label for=${form.idOf('password')}>Password</label>
    <input ...${form.input('password', { hint: true })} type="password" autocomplete="new-password" value=${password} onInput=${form.typed('password', setPassword)} />
    ${form.message('password')}
    ${form.hint('password', 'At least 8 characters. Give it to them in person; they can change it under Password.')}
    <${ErrorMessage} error=${form.formError} />
    <div class="row">
      <button type="submit" class="primary" disabled=${form.busy}>${form.busy ? 'Adding…' : 'Add manager'}</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
