// @ts-check
// Pairing: shown until the kiosk has a token. A manager creates a one-time
// code in the admin app; posting it here returns the kiosk's token.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';

/**
 * @param {{ notice: string | null, onPaired(token: string, publicKey: string): void }} props
 *   `notice`: why the kiosk is back here (e.g. it was revoked)
 */
export function PairScreen({ notice, onPaired }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('Front desk');
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [busy, setBusy] = useState(false);

  /** @param {SubmitEvent} event */
  async function pair(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/kiosks/pair', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, name }),
      });
      /** @type {{ token?: string, publicKey?: string, error?: { message?: string } } | null} */
      const body = await response.json().catch(() => null);
      if (response.ok) onPaired(body.token, body.publicKey);
      else setError(body?.error?.message ?? 'Pairing failed. Try again.');
    } catch {
      setError('The server cannot be reached. Check the network connection, then try again.');
    } finally {
      setBusy(false);
    }
  }

  return html`
    <section class="screen pair">
      <h1>Set up this kiosk</h1>
      ${notice && html`<p class="message error" role="alert">${notice}</p>`}
      <p class="hint">A manager creates a pairing code in the Rollcall admin app (Kiosks → Add kiosk). Type it here.</p>
      <form onSubmit=${pair}>
        <label for="pairing-code">Pairing code</label>
        <input id="pairing-code" class="code-input" autocomplete="off" autocapitalize="characters" spellcheck="false"
          maxlength="12" value=${code} onInput=${(e) => setCode(e.currentTarget.value)} required />
        <label for="kiosk-name">Kiosk name</label>
        <input id="kiosk-name" value=${name} maxlength="80" onInput=${(e) => setName(e.currentTarget.value)} required />
        ${error && html`<p class="message error" role="alert">${error}</p>`}
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Pairing…' : 'Pair'}</button>
      </form>
    </section>
  `;
}
