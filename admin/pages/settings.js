// @ts-check
// Settings: time zone, windows, lateness grace, swap approval, minimum rest;
// pay and hours (rounding, breaks, overtime, pay periods; pay-settings.js);
// and kiosks, photos and privacy (privacy-settings.js).
// What the server sends back goes into the app state, so a new time zone
// applies on every page at once, without a reload.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, patch } from '../api.js';
import { useAppState } from '../app-state.js';
import { createFormat } from '../format.js';
import { ErrorMessage, FieldError, Loaded, formLevel, useData, useSubmit } from '../ui.js';
import { PaySettings, payFields } from './pay-settings.js';
import { PrivacySettings, privacyFields } from './privacy-settings.js';

const attendanceFields = ['timezone', 'locale', 'clock', 'window_minutes', 'late_grace_minutes', 'min_rest_hours', 'swap_requires_approval'];

/** Offered by name; any other tag the server accepts can be typed. */
const locales = ['en-GB', 'en-US', 'en-AU', 'en-CA', 'en-IE', 'en-IN', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-PT', 'pt-BR', 'pl-PL', 'sv-SE'];

/** How a sample day and time read with the formats chosen, so the choice shows what it does; null for a locale that cannot be read. */
function sampleOf(locale, clock) {
  try {
    const format = createFormat('UTC', { locale, clock });
    const sample = Date.UTC(2026, 10, 23, 17, 5);
    return `${format.day(sample)}, ${format.time(sample)}`;
  } catch {
    return null;
  }
}

export function SettingsPage() {
  const app = useAppState();
  const state = useData(async () => {
    const settings = await get('/api/settings/');
    app.updateSettings(settings);
    return settings;
  });
  return html`<section>
    <h1>Settings</h1>
    <${Loaded} state=${state} what="Loading settings">${(settings) => html`<${SettingsForm} settings=${settings} />`}<//>
  </section>`;
}

/** @param {{ settings: import('../app-state.js').Settings }} props */
function SettingsForm({ settings }) {
  const app = useAppState();
  const [values, setValues] = useState(settings);
  const [saved, setSaved] = useState(false);
  const sample = sampleOf(values.locale, values.clock);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const set = (change) => {
    setSaved(false);
    setValues((current) => ({ ...current, ...change }));
  };

  const { busy, error, submit } = useSubmit(async () => {
    const saved = await patch('/api/settings/', values);
    setValues(saved);
    app.updateSettings(saved);
    setSaved(true);
  });
  const number = (field, label, min, max, help) => html`
    <label for=${field}>${label}</label>
    <input id=${field} type="number" min=${min} max=${max} value=${values[field]} onInput=${(e) => set({ [field]: Number(e.currentTarget.value) })} required />
    <span class="hint">${help}</span>
    <${FieldError} error=${error} field=${field} />`;

  return html`<form class="card form settings" onSubmit=${submit}>
    <h2>Check-in and swaps</h2>
    <label for="timezone">Time zone</label>
    <input id="timezone" list="zones" value=${values.timezone} onInput=${(e) => set({ timezone: e.currentTarget.value })} required />
    <datalist id="zones">${zones.map((zone) => html`<option value=${zone} />`)}</datalist>
    <span class="hint">Shift times are local times in this zone.</span>
    <${FieldError} error=${error} field="timezone" />
    <label for="locale">Date format</label>
    <input id="locale" list="locales" value=${values.locale} onInput=${(e) => set({ locale: e.currentTarget.value.trim() })} required />
    <datalist id="locales">${locales.map((tag) => html`<option value=${tag}>${new Intl.DisplayNames([tag], { type: 'language' }).of(tag)}</option>`)}</datalist>
    <span class="hint">A language and region, such as en-GB or en-US. The admin app and the kiosks write dates this way${sample ? `: ${sample}` : ''}.</span>
    <${FieldError} error=${error} field="locale" />
    <fieldset class="choice">
      <legend>Clock</legend>
      <label class="check"><input type="radio" name="clock" value="24h" checked=${values.clock !== '12h'} onChange=${() => set({ clock: '24h' })} /> 24-hour (17:05)</label>
      <label class="check"><input type="radio" name="clock" value="12h" checked=${values.clock === '12h'} onChange=${() => set({ clock: '12h' })} /> 12-hour (5:05 pm)</label>
    </fieldset>
    ${number('window_minutes', 'Check-in window (minutes)', 5, 180, 'Check-in opens this long before a shift starts and closes this long after; check-out likewise around the end.')}
    ${number('late_grace_minutes', 'Late after (minutes)', 0, 60, 'A check-in later than this after the start counts as late.')}
    ${number('min_rest_hours', 'Minimum rest between shifts (hours)', 0, 24, '0 turns the rule off.')}
    <label class="check"><input type="checkbox" checked=${values.swap_requires_approval} onChange=${(e) => set({ swap_requires_approval: e.currentTarget.checked })} /> Swaps need a manager’s approval</label>
    <${PaySettings} values=${values} set=${set} error=${error} />
    <${PrivacySettings} values=${values} set=${set} error=${error} />
    <${ErrorMessage} error=${formLevel(error, [...attendanceFields, ...payFields, ...privacyFields])} />
    <div class="row">
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : 'Save settings'}</button>
      ${saved && html`<span class="ok-text" role="status">Saved.</span>`}
    </div>
  </form>`;
}
