// @ts-check
// What a manager gives a person, shown once: a new person's username,
// generated password and kiosk PIN, or a regenerated PIN; each with a Copy
// button. Rollcall keeps only their hashes, so after "Done" nobody can see
// them again: a forgotten PIN is regenerated, a password reset.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../api.js';
import { ErrorMessage, useSubmit } from '../ui.js';

/**
 * @typedef {{ label: string, value: string, secret?: boolean }} Credential
 * @typedef {{ title: string, note: string, items: Credential[] }} ShownOnce
 */

/**
 * Puts `text` on the clipboard: the Clipboard API where the page is a
 * secure context, else the older copy command (an admin app opened over
 * plain http on the local network has no Clipboard API).
 * @param {string} text
 * @returns {Promise<boolean>}
 */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** @param {{ text: string, what: string }} props */
function CopyButton({ text, what }) {
  const [said, setSaid] = useState('');
  const copy = async () => setSaid((await copyText(text)) ? 'Copied' : 'Copy it by hand');
  return html`<button type="button" class="secondary small" aria-label=${`Copy ${what}`} onClick=${copy}>${said || 'Copy'}</button>`;
}

/**
 * The panel with what to give the person, until the manager is done with it.
 * @param {{ shown: ShownOnce, onDone: () => void }} props
 */
export function ShownOncePanel({ shown, onDone }) {
  const heading = useRef(/** @type {HTMLHeadingElement | null} */ (null));
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, [shown]);
  return html`<section class="card shown-once" aria-labelledby="shown-once-title">
    <h2 id="shown-once-title" tabindex="-1" ref=${heading}>${shown.title}</h2>
    <p>${shown.note}</p>
    <dl>
      ${shown.items.map(
        (item) => html`<div class="credential">
          <dt>${item.label}</dt>
          <dd><code class=${item.secret ? 'secret' : ''}>${item.value}</code> <${CopyButton} text=${item.value} what=${item.label.toLowerCase()} /></dd>
        </div>`,
      )}
    </dl>
    <button type="button" class="primary" onClick=${onDone}>Done, I have given them</button>
  </section>`;
}

/**
 * What to show after adding a person: their username, and the password and PIN the server made.
 * @param {{ name: string, username: string, password?: string, pin?: string }} person
 * @returns {ShownOnce}
 */
export function newPersonShown(person) {
  /** @type {Credential[]} */
  const items = [{ label: 'Username', value: person.username }];
  if (person.password) items.push({ label: 'Password', value: person.password, secret: true });
  if (person.pin) items.push({ label: 'Kiosk PIN', value: person.pin, secret: true });
  const given = person.password || person.pin ? ' Write them down or copy them now: they are shown only this once.' : '';
  return { title: `${person.name} is added`, note: `Give ${person.name} what they need to sign in and to use the kiosk.${given}`, items };
}

/**
 * Regenerate PIN, after a confirmation: the current PIN stops working at once.
 * @param {{ staffId: number, name: string, hasPin: boolean, onShown: (shown: ShownOnce) => void }} props
 */
export function RegeneratePin({ staffId, name, hasPin, onShown }) {
  const [asking, setAsking] = useState(false);
  const action = hasPin ? 'Regenerate PIN' : 'Generate PIN';
  const { busy, error, submit } = useSubmit(async () => {
    const { pin } = await post(`/api/staff/${staffId}/pin`);
    setAsking(false);
    onShown({
      title: `${name}’s new PIN`,
      note: `Give ${name} this PIN now: it is shown only this once.${hasPin ? ' Their old PIN no longer works.' : ''}`,
      items: [{ label: 'Kiosk PIN', value: pin, secret: true }],
    });
  });
  if (!asking) return html`<button class="secondary small" aria-label=${`${action} for ${name}`} onClick=${() => setAsking(true)}>${action}</button>`;
  return html`<div class="inline-form" role="group" aria-label=${`${action} for ${name}`}>
    <span>${hasPin ? `A new PIN for ${name}? The current one stops working at once.` : `Give ${name} a kiosk PIN?`}</span>
    <button class="primary small" disabled=${busy} onClick=${() => submit()}>${busy ? 'Making…' : action}</button>
    <button class="secondary small" onClick=${() => setAsking(false)}>Cancel</button>
    <${ErrorMessage} error=${error} />
  </div>`;
}
