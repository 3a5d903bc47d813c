// @ts-check
// The form that adds a person or edits one. Adding asks only for a name and
// days off: the username is suggested from the name, and the password and
// kiosk PIN are made by the server unless the manager types them (the
// answer shows them once). Every field is checked here first, in words.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { patch, post } from '../api.js';
import { useCheckedForm } from '../checked-form.js';
import { weekdays } from '../format.js';
import { ErrorMessage } from '../ui.js';

/**
 * @typedef {{ id: number, user: number, username: string, name: string, weekly_off_days: string, active: boolean, has_pin: boolean }} StaffProfile
 * @typedef {{ name: string, username: string, password?: string, pin?: string }} NewPerson  what the manager gives the person; password and PIN only when generated
 */

/**
 * A username from a name: "José Núñez" → "jose.nunez", with a number added
 * if someone has it already; "" when the name has no Latin letters or digits.
 * @param {string} name
 * @param {Set<string>} taken usernames in use, lower case
 */
export function suggestUsername(name, taken) {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40);
  if (!base) return '';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  return candidate;
}

const subjects = { name: 'The name', username: 'The username', password: 'The password', pin: 'The PIN', weekly_off_days: 'The days off' };

/**
 * The problems a manager can fix before sending, as sentences; the server checks the same again.
 * @param {{ isNew: boolean, name: string, username: string, password: string, pin: string, offs: string[] }} values
 */
function checkStaff({ isNew, name, username, password, pin, offs }) {
  /** @type {Record<string, string>} */
  const problems = {};
  if (!name.trim()) problems.name = 'Enter the person’s name.';
  else if (name.trim().length > 100) problems.name = 'The name must be at most 100 characters.';
  if (isNew) {
    const user = username.trim();
    if (!user) problems.username = 'Enter a username: the person signs in with it.';
    else if (!/^[\w.@+-]+$/.test(user)) problems.username = 'A username can use only letters a–z, digits and . _ - @ + (no spaces or accents).';
    else if (user.length > 150) problems.username = 'The username must be at most 150 characters.';
    if (password && password.length < 8) problems.password = 'The password must be at least 8 characters.';
    else if (password.length > 256) problems.password = 'The password must be at most 256 characters.';
  }
  // Leaving it empty is said beside the field already (hint, or label when editing).
  if (pin && !/^[0-9]{6}$/.test(pin)) problems.pin = 'The PIN must be exactly 6 digits.';
  if (offs.length === 0) problems.weekly_off_days = 'Choose one or two weekly days off.';
  else if (offs.length > 2) problems.weekly_off_days = `Choose at most two weekly days off (${offs.length} are ticked).`;
  return problems;
}

/**
 * @param {{ person?: StaffProfile, taken?: Set<string>, onAdded?: (person: NewPerson) => void, onSaved?: () => void, onCancel: () => void }} props
 *   `taken`: usernames in use (lower case), so the suggestion avoids them
 */
export function StaffForm({ person, taken = new Set(), onAdded, onSaved, onCancel }) {
  const isNew = !person;
  const [name, setName] = useState(person?.name ?? '');
  const [username, setUsername] = useState('');
  // The username follows the name until the manager types one of their own.
  const [ownUsername, setOwnUsername] = useState(false);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [offs, setOffs] = useState(person ? person.weekly_off_days.split(',') : ['Saturday', 'Sunday']);
  const [active, setActive] = useState(person?.active ?? true);

  const form = useCheckedForm({
    id: person ? `staff-${person.id}` : 'staff',
    subjects: isNew ? subjects : { name: subjects.name, pin: subjects.pin, weekly_off_days: subjects.weekly_off_days },
    check: () => checkStaff({ isNew, name, username, password, pin, offs }),
    action: async () => {
      const weekly_off_days = weekdays.filter((d) => offs.includes(d)).join(',');
      if (!isNew) {
        await patch(`/api/staff/${person.id}/`, { name, weekly_off_days, active, ...(pin && { pin }) });
        return onSaved?.();
      }
      const generate = [...(password ? [] : ['password']), ...(pin ? [] : ['pin'])];
      const body = { name, username: username.trim(), weekly_off_days, ...(password && { password }), ...(pin && { pin }), ...(generate.length > 0 && { generate }) };
      const created = await post('/api/staff/', body);
      onAdded?.({ name: created.name, username: created.username, password: created.temporary_password, pin: created.pin });
    },
  });
  const nameTyped = (/** @type {string} */ value) => {
    setName(value);
    if (!ownUsername) setUsername(suggestUsername(value, taken));
  };
  const toggleOff = (/** @type {string} */ day) => {
    setOffs((current) => (current.includes(day) ? current.filter((d) => d !== day) : [...current, day]));
    form.edited('weekly_off_days');
  };

  return html`<form class="card form" novalidate onSubmit=${form.submit}>
    <h2>${isNew ? 'Add staff' : `Edit ${person.name}`}</h2>
    <label for=${form.idOf('name')}>Name</label>
    <input ...${form.input('name')} value=${name} autocomplete="off" onInput=${form.typed('name', nameTyped)} />
    ${form.message('name')}
    ${isNew &&
    html`<label for=${form.idOf('username')}>Username</label>
      <input ...${form.input('username', { hint: true })} value=${username} autocomplete="off" autocapitalize="none" spellcheck="false"
        onInput=${form.typed('username', (value) => { setUsername(value); setOwnUsername(value !== ''); })} />
      ${form.message('username')}
      ${form.hint('username', 'What they sign in with. Suggested from the name; change it if you like.')}
      <label for=${form.idOf('password')}>Password</label>
      <input ...${form.input('password', { hint: true })} type="password" autocomplete="new-password" value=${password} onInput=${form.typed('password', setPassword)} />
      ${form.message('password')}
      ${form.hint('password', 'Leave empty and Rollcall makes one for you to give them. They can change it after signing in.')}`}
    <label for=${form.idOf('pin')}>${isNew ? 'PIN (6 digits, for the kiosk)' : 'New PIN (leave empty to keep the current one)'}</label>
    <input ...${form.input('pin', { hint: isNew })} inputmode="numeric" autocomplete="off" value=${pin} onInput=${form.typed('pin', setPin)} />
    ${form.message('pin')}
    ${isNew && form.hint('pin', 'Leave empty and Rollcall picks one nobody else has.')}
    <fieldset>
      <legend>Weekly days off (one or two)</legend>
      ${weekdays.map(
        (day, index) => html`<label class="check"><input type="checkbox" ...${form.input('weekly_off_days', { id: index === 0 ? undefined : `${form.idOf('weekly_off_days')}-${index}` })}
          checked=${offs.includes(day)} onChange=${() => toggleOff(day)} /> ${day}</label>`,
      )}
      ${form.message('weekly_off_days')}
    </fieldset>
    ${!isNew && html`<label class="check"><input type="checkbox" checked=${active} onChange=${(/** @type {any} */ e) => setActive(e.currentTarget.checked)} /> Active (can check in and be rostered)</label>`}
    <${ErrorMessage} error=${form.formError} />
    <div class="row">
      <button type="submit" class="primary" disabled=${form.busy}>${form.busy ? 'Saving…' : isNew ? 'Add staff' : 'Save'}</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
