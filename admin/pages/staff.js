// @ts-check
// Staff: add people (account, PIN and weekly days off in one form), edit,
// reset a PIN; deactivate, reactivate or reset a password in a click
// (accounts.js); and the managers below.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, patch, post } from '../api.js';
import { weekdays } from '../format.js';
import { Empty, ErrorMessage, FieldError, Loaded, useData, useSubmit } from '../ui.js';
import { AccountActions, ManagersSection } from './accounts.js';

export function StaffPage() {
  const state = useData(() => get('/api/staff/'));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(null);
  const [message, setMessage] = useState('');

  return html`
    <section>
      <div class="page-head">
        <h1>Staff</h1>
        ${!adding && html`<button class="primary" onClick=${() => setAdding(true)}>Add staff</button>`}
      </div>
      ${message && html`<p class="ok-text" role="status">${message}</p>`}
      ${adding && html`<${StaffForm} onDone=${() => { setAdding(false); state.reload(); }} onCancel=${() => setAdding(false)} />`}
      <${Loaded} state=${state} what="Loading staff">
        ${(staff) =>
          staff.length === 0
            ? html`<${Empty}>No staff yet. “Add staff” creates their sign-in, kiosk PIN and weekly days off.</${Empty}>`
            : html`<div class="table-wrap"><table>
                <thead><tr><th>Name</th><th>Username</th><th>Days off</th><th>PIN</th><th>Status</th><th></th></tr></thead>
                <tbody>
                  ${staff.map((person) =>
                    editing === person.id
                      ? html`<tr><td colspan="6"><${StaffForm} person=${person} onDone=${() => { setEditing(null); state.reload(); }} onCancel=${() => setEditing(null)} /></td></tr>`
                      : html`<tr class=${person.active ? '' : 'inactive'}>
                          <td>${person.name}</td>
                          <td>${person.username}</td>
                          <td>${person.weekly_off_days.replaceAll(',', ', ')}</td>
                          <td>${person.has_pin ? 'Set' : html`<span class="warn-text">Not set</span>`}</td>
                          <td>${person.active ? 'Active' : 'Deactivated'}</td>
                          <td class="actions">
                            <button class="secondary small" aria-label=${`Edit ${person.name}`} onClick=${() => setEditing(person.id)}>Edit</button>
                            <${AccountActions} userId=${person.user} name=${person.name} active=${person.active} onChanged=${state.reload} onMessage=${setMessage} />
                          </td>
                        </tr>`,
                  )}
                </tbody>
              </table></div>`}
      <//>
      <${ManagersSection} />
    </section>
  `;
}

function StaffForm({ person, onDone, onCancel }) {
  const isNew = !person;
  const [name, setName] = useState(person?.name ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [offs, setOffs] = useState(person ? person.weekly_off_days.split(',') : ['Saturday', 'Sunday']);
  const [active, setActive] = useState(person?.active ?? true);

  const toggleOff = (day) => setOffs((current) => (current.includes(day) ? current.filter((d) => d !== day) : [...current, day]));

  const { busy, error, submit } = useSubmit(async () => {
    const weekly_off_days = weekdays.filter((d) => offs.includes(d)).join(',');
    if (isNew) await post('/api/staff/', { name, username, password, weekly_off_days, ...(pin && { pin }) });
    else await patch(`/api/staff/${person.id}/`, { name, weekly_off_days, active, ...(pin && { pin }) });
    onDone();
  });
  const shownFields = ['name', 'username', 'password', 'pin', 'weekly_off_days'];
  return html`<form class="card form" onSubmit=${submit}>
    <h2>${isNew ? 'Add staff' : `Edit ${person.name}`}</h2>
    <label for="staff-name">Name</label>
    <input id="staff-name" value=${name} onInput=${(e) => setName(e.currentTarget.value)} required maxlength="100" />
    <${FieldError} error=${error} field="name" />
    ${isNew &&
    html`<label for="staff-username">Username</label>
      <input id="staff-username" value=${username} autocomplete="off" onInput=${(e) => setUsername(e.currentTarget.value)} required />
      <${FieldError} error=${error} field="username" />
      <label for="staff-password">Password</label>
      <input id="staff-password" type="password" autocomplete="new-password" value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} required minlength="8" />
      <${FieldError} error=${error} field="password" />`}
    <label for="staff-pin">${isNew ? 'PIN (6 digits, for the kiosk)' : 'New PIN (leave empty to keep the current one)'}</label>
    <input id="staff-pin" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off" value=${pin} onInput=${(e) => setPin(e.currentTarget.value)} />
    <${FieldError} error=${error} field="pin" />
    <fieldset>
      <legend>Weekly days off (one or two)</legend>
      ${weekdays.map(
        (day) => html`<label class="check"><input type="checkbox" checked=${offs.includes(day)} onChange=${() => toggleOff(day)} /> ${day}</label>`,
      )}
    </fieldset>
    <${FieldError} error=${error} field="weekly_off_days" />
    ${!isNew && html`<label class="check"><input type="checkbox" checked=${active} onChange=${(e) => setActive(e.currentTarget.checked)} /> Active (can check in and be rostered)</label>`}
    <${ErrorMessage} error=${error && !shownFields.some((f) => error.fields?.[f]) ? error : null} />
    <div class="row">
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : isNew ? 'Add staff' : 'Save'}</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}
