// @ts-check
// A staff member's reference face, on the Staff page while the face check is
// on: the photo their punches are compared with, their recent verdicts, and
// setting it from a file or from their latest punch photo (it must show
// exactly one face; the server says why not), or removing it.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ApiError, api, del, get } from '../api.js';
import { useFormat } from '../app-state.js';
import { ErrorMessage, useData, useSubmit } from '../ui.js';

const verdictLabels = { pending: 'Checking…', match: 'Matches', mismatch: 'Differs', no_face: 'No face', several_faces: 'Several faces', no_reference: 'No reference then' };

/** @param {Blob} file @returns {Promise<string>} base64 of its bytes */
async function base64Of(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** @param {{ person: { id: number, name: string }, onClose: () => void }} props */
export function ReferenceFacePanel({ person, onClose }) {
  const format = useFormat();
  const [message, setMessage] = useState('');
  const reference = useData(() => get(`/api/staff/${person.id}/reference-photo`).catch((error) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error))), [person.id]);
  const punches = useData(() => get(`/api/attendance/?staff=${person.id}&limit=6`), [person.id]);
  const latestPhoto = punches.data?.find((/** @type {any} */ p) => p.captured_image);
  const put = async (/** @type {object} */ body, /** @type {string} */ done) => {
    await api('PUT', `/api/staff/${person.id}/reference-photo`, body);
    setMessage(done);
    await reference.reload();
  };
  const [file, setFile] = useState(/** @type {File | null} */ (null));
  const upload = useSubmit(async () => file && put({ image: await base64Of(file) }, 'Reference photo set from the file.'));
  const fromPunch = useSubmit(() => put({ fromAttendance: latestPhoto.id }, `Reference photo set from the punch of ${format.dateTime(latestPhoto.timestamp)}.`));
  const remove = useSubmit(async () => {
    await del(`/api/staff/${person.id}/reference-photo`);
    setMessage('Reference photo removed.');
    await reference.reload();
  });
  const busy = upload.busy || fromPunch.busy || remove.busy;

  return html`<div class="card reference-face" role="group" aria-label=${`Reference face: ${person.name}`}>
    <h3>Reference face: ${person.name}</h3>
    <div class="face-photos">
      <figure class="face-photo">
        ${reference.data
          ? html`<img src=${reference.data.photoUrl} alt=${`Reference photo of ${person.name}`} /><figcaption>Set ${format.dateTime(reference.data.setAt)}</figcaption>`
          : html`<div class="no-photo">${reference.data === null ? 'None yet' : 'Loading…'}</div><figcaption>Reference photo</figcaption>`}
      </figure>
      ${(punches.data ?? []).filter((/** @type {any} */ p) => p.captured_image).slice(0, 4).map(
        (/** @type {any} */ p) => html`<figure class="face-photo">
          <img src=${p.captured_image} alt=${`Punch photo of ${person.name}, ${format.dateTime(p.timestamp)}`} loading="lazy" />
          <figcaption>${format.dateTime(p.timestamp)}${p.face ? ` · ${verdictLabels[p.face.verdict] ?? p.face.verdict}` : ''}</figcaption>
        </figure>`,
      )}
    </div>
    <p class="hint">Their punch photos are compared with this one. Use a clear, front-on photo of ${person.name} alone.</p>
    <div class="row">
      <label for=${`reference-file-${person.id}`}>Photo file</label>
      <input id=${`reference-file-${person.id}`} type="file" accept="image/jpeg,image/png,image/webp" onChange=${(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <button class="primary small" disabled=${busy || !file} onClick=${() => upload.submit()}>${upload.busy ? 'Checking the face…' : 'Use this file'}</button>
      ${latestPhoto && html`<button class="secondary small" disabled=${busy} onClick=${() => fromPunch.submit()}>Use the latest punch photo</button>`}
      ${reference.data && html`<button class="danger small" disabled=${busy} onClick=${() => remove.submit()}>Remove</button>`}
      <button class="secondary small" onClick=${onClose}>Close</button>
    </div>
    ${message && html`<p class="ok-text" role="status">${message}</p>`}
    <${ErrorMessage} error=${upload.error ?? fromPunch.error ?? remove.error ?? reference.error} />
  </div>`;
}
