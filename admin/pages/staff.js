// @ts-check
// Staff: add people (account, PIN and weekly days off in one form,
// staff-form.js; what to give them shown once, staff-credentials.js), edit,
// regenerate a PIN; deactivate, reactivate or reset a password in a click
// (accounts.js); set a reference face while the face check is on
// (reference-face.js); and the managers below.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { Empty, Loaded, useData } from '../ui.js';
import { AccountActions, ManagersSection } from './accounts.js';
import { newPersonShown, RegeneratePin, ShownOncePanel } from './staff-credentials.js';
import { ReferenceFacePanel } from './reference-face.js';
import { StaffForm } from './staff-form.js';

export function StaffPage() {
  const state = useData(() => get('/api/staff/'));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(null);
  const [faceOf, setFaceOf] = useState(/** @type {number | null} */ (null));
  const settings = useData(() => get('/api/settings/'));
  const faceCheck = settings.data?.face_check === 'flag';
  const [message, setMessage] = useState('');
  const [shown, setShown] = useState(/** @type {import('./staff-credentials.js').ShownOnce | null} */ (null));
  const taken = new Set((state.data ?? []).map((/** @type {{ username: string }} */ person) => person.username.toLowerCase()));

  return html`
    <section>
      <div class="page-head">
        <h1>Staff</h1>
        ${!adding && html`<button class="primary" onClick=${() => setAdding(true)}>Add staff</button>`}
      </div>
      ${message && html`<p class="ok-text" role="status">${message}</p>`}
      ${shown && html`<${ShownOncePanel} shown=${shown} onDone=${() => setShown(null)} />`}
      ${adding &&
      html`<${StaffForm}
        taken=${taken}
        onAdded=${(/** @type {import('./staff-form.js').NewPerson} */ person) => { setAdding(false); setShown(newPersonShown(person)); state.reload(); }}
        onCancel=${() => setAdding(false)}
      />`}
      <${Loaded} state=${state} what="Loading staff">
        ${(staff) =>
          staff.length === 0
            ? html`<${Empty}>No staff yet. “Add staff” asks for a name and days off, and makes their sign-in and kiosk PIN.</${Empty}>`
            : html`<div class="table-wrap"><table class="stack">
                <thead><tr><th>Name</th><th>Username</th><th>Days off</th><th>PIN</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                  ${staff.map((person) =>
                    editing === person.id
                      ? html`<tr class="fix-row"><td colspan="6"><${StaffForm} person=${person} onSaved=${() => { setEditing(null); state.reload(); }} onCancel=${() => setEditing(null)} /></td></tr>`
                      : html`<tr class=${person.active ? '' : 'inactive'}>
                          <td class="stack-title">${person.name}</td>
                          <td data-label="Username">${person.username}</td>
                          <td data-label="Days off">${person.weekly_off_days.replaceAll(',', ', ')}</td>
                          <td data-label="PIN">${person.has_pin ? 'Set' : html`<span class="warn-text">Not set</span>`}</td>
                          <td data-label="Status">${person.active ? 'Active' : 'Deactivated'}</td>
                          <td class="actions">
                            <button class="secondary small" aria-label=${`Edit ${person.name}`} onClick=${() => setEditing(person.id)}>Edit</button>
                            ${faceCheck && person.active && html`<button class="secondary small" aria-label=${`Reference face of ${person.name}`} aria-expanded=${faceOf === person.id} onClick=${() => setFaceOf(faceOf === person.id ? null : person.id)}>Face</button>`}
                            <${RegeneratePin} staffId=${person.id} name=${person.name} hasPin=${person.has_pin} onShown=${(/** @type {any} */ next) => { setShown(next); state.reload(); }} />
                            <${AccountActions} userId=${person.user} name=${person.name} active=${person.active} onChanged=${state.reload} onMessage=${setMessage} />
                          </td>
                        </tr>
                        ${faceOf === person.id && html`<tr class="fix-row"><td colspan="6"><${ReferenceFacePanel} person=${person} onClose=${() => setFaceOf(null)} /></td></tr>`}`,
                  )}
                </tbody>
              </table></div>`}
      <//>
      <${ManagersSection} />
    </section>
  `;
}
