// @ts-check
// The "Kiosks, photos and privacy" part of Settings: the face check, how long
// photos are kept, whether the original API may record attendance, and when
// a silent kiosk is reported. Each says in plain words what it does.
import { html } from 'htm/preact';
import { FieldError } from '../ui.js';

/** The fields this section edits, for the form's own error handling. */
export const privacyFields = ['face_check', 'face_match_threshold', 'photo_retention_days', 'api_check_in', 'kiosk_offline_alert_minutes'];

/**
 * @param {{ values: Record<string, any>, set: (change: Record<string, any>) => void, error: any }} props
 */
export function PrivacySettings({ values, set, error }) {
  const on = values.face_check === 'flag';
  return html`<div class="privacy-settings">
    <h2>Kiosks, photos and privacy</h2>

    <h3>Face check</h3>
    <label class="check">
      <input type="checkbox" checked=${on} onChange=${(e) => set({ face_check: e.currentTarget.checked ? 'flag' : 'off' })} />
      Compare each punch photo with the person’s reference photo, and flag the ones that do not match
    </label>
    <p class="hint">
      It never refuses a punch: a flag appears on Needs attention for you to look at. While it is on, the kiosk tells people their face is compared.
      Faces are sensitive data: you need each person’s consent where the law asks for it (GDPR, Illinois BIPA). Turning it off deletes every
      reference face at once.
    </p>
    ${on &&
    html`<div class="sentence">
        <label for="face_match_threshold">Flag a photo when it differs from the reference by more than</label>
        <input id="face_match_threshold" class="amount" type="number" min="0.1" max="1.5" step="0.01" value=${values.face_match_threshold ?? ''}
          onInput=${(e) => set({ face_match_threshold: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })} />
      </div>
      <p class="hint">Lower flags more photos; higher lets more through. The default, ${values.face_match_threshold_default}, was chosen from measurements on test faces: it took 1 pair of different people in 6,000 for the same person, and flagged about 1 same-person photo in 70.</p>`}
    <${FieldError} error=${error} field="face_check" />
    <${FieldError} error=${error} field="face_match_threshold" />

    <h3>Photos</h3>
    <div class="sentence">
      <label for="photo_retention_days">Delete punch photos after</label>
      <input id="photo_retention_days" class="amount" type="number" min="0" max="3650" value=${values.photo_retention_days}
        onInput=${(e) => set({ photo_retention_days: Number(e.currentTarget.value) })} required />
      <span>days</span>
    </div>
    <p class="hint">Checked once a day. The punches stay on timesheets; only their photos go. 0 keeps photos for good.</p>
    <${FieldError} error=${error} field="photo_retention_days" />

    <h3>Where attendance is recorded</h3>
    <label class="check">
      <input type="checkbox" checked=${values.api_check_in === 'refuse'} onChange=${(e) => set({ api_check_in: e.currentTarget.checked ? 'refuse' : 'allow' })} />
      Only at kiosks: refuse check-ins sent through the original API
    </label>
    <p class="hint">Check-ins through the API are always marked as such and listed on Needs attention.</p>
    <${FieldError} error=${error} field="api_check_in" />

    <h3>Kiosk gone quiet</h3>
    <div class="sentence">
      <label for="kiosk_offline_alert_minutes">Tell managers when a kiosk has not reached the server for</label>
      <input id="kiosk_offline_alert_minutes" class="amount" type="number" min="1" max="1440" value=${values.kiosk_offline_alert_minutes}
        onInput=${(e) => set({ kiosk_offline_alert_minutes: Number(e.currentTarget.value) })} required />
      <span>minutes while a shift window is open</span>
    </div>
    <${FieldError} error=${error} field="kiosk_offline_alert_minutes" />
  </div>`;
}
