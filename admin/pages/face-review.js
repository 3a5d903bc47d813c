// @ts-check
// A punch the face check flagged, on Needs attention: the punch photo beside
// the person's reference photo, and the manager's word on it. "Confirm it
// was them" takes it off the list; "Flag" keeps it, marked, until the punch
// is voided or corrected.
import { html } from 'htm/preact';
import { post } from '../api.js';
import { useFormat } from '../app-state.js';
import { ErrorMessage, useSubmit } from '../ui.js';

/** @typedef {import('../timesheet.js').ExceptionEntry} ExceptionEntry */

/** @param {{ entry: ExceptionEntry, onDone: () => void, onCancel: () => void }} props */
export function FaceReviewForm({ entry, onDone, onCancel }) {
  const format = useFormat();
  const face = entry.face;
  const punch = [entry.checkIn?.final, entry.checkOut?.final].find((p) => p?.id === face?.attendanceId);
  const send = async (/** @type {'confirmed' | 'flagged'} */ verdict) => {
    await post(`/api/attendance/${face.attendanceId}/face-review`, { review: verdict });
    onDone();
  };
  const confirm = useSubmit(() => send('confirmed'));
  const flag = useSubmit(() => send('flagged'));
  const busy = confirm.busy || flag.busy;
  const photo = (/** @type {string | null | undefined} */ url, /** @type {string} */ caption) =>
    html`<figure class="face-photo">${url ? html`<img src=${url} alt=${`${caption}: ${entry.staffName}`} />` : html`<div class="no-photo">No photo</div>`}<figcaption>${caption}</figcaption></figure>`;
  return html`<div class="fix-form face-review" role="group" aria-label=${`Compare photos: ${entry.staffName}, ${format.calendarDay(entry.date)}`}>
    <div class="face-photos">
      ${photo(punch?.photoUrl, punch ? `Punch at ${format.time(punch.at)}` : 'Punch')}
      ${photo(face?.referencePhotoUrl, 'Reference photo')}
    </div>
    <p class="hint">
      ${face?.verdict === 'mismatch' ? `The faces differ by ${face.distance?.toFixed(2)}, more than the setting allows.` : 'No face was found in the punch photo.'}
      ${face?.review === 'flagged' ? ' You flagged this punch: void or correct it once you know what happened.' : ''}
    </p>
    <div class="row">
      <button class="primary small" disabled=${busy} onClick=${() => confirm.submit()}>Confirm it was them</button>
      ${face?.review !== 'flagged' && html`<button class="danger small" disabled=${busy} onClick=${() => flag.submit()}>Flag</button>`}
      <button class="secondary small" onClick=${onCancel}>Close</button>
    </div>
    <${ErrorMessage} error=${confirm.error ?? flag.error} />
  </div>`;
}
