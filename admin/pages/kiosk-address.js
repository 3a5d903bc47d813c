// @ts-check
// Where to open the kiosk on the kiosk laptop, as the server knows its own
// addresses (the admin app may be open at 127.0.0.1, which another laptop
// cannot use), and with a self-signed certificate the fingerprint to compare
// in that laptop's browser before trusting it.
import { html } from 'htm/preact';
import { get } from '../api.js';
import { useData } from '../ui.js';

/** @typedef {{ kioskUrls: string[], certificate: { sha256: string } | null, reachableFromOtherMachines: boolean }} KioskAddressInfo */

/** The lines above the pairing code: the address to open, and what to check or change first. */
export function KioskAddress() {
  const address = useData(() => get('/api/kiosks/address'));
  /** @type {KioskAddressInfo | undefined} */
  const info = address.data;
  // Until it loads (or if it cannot), the address this page is open at, which works at least on this machine.
  if (!info) return html`<p>On the kiosk laptop, open <strong>${location.origin}/kiosk</strong> and type this code:</p>`;
  const [first, ...others] = info.kioskUrls;
  return html`
    ${first
      ? html`<p>On the kiosk laptop, open <strong>${first}</strong>${others.map((url) => html` or <strong>${url}</strong>`)} and type this code:</p>`
      : html`<p class="warn-text">
            Other computers cannot reach this server: it only listens on this computer. For a kiosk on another laptop, restart it with
            HOST=0.0.0.0${location.protocol === 'https:' ? '' : ' and TLS=self-signed'}.
          </p>
          <p>On this computer, open <strong>${location.origin}/kiosk</strong> and type this code:</p>`}
    ${first?.startsWith('http:') &&
    html`<p class="warn-text">Over plain HTTP the kiosk laptop's browser refuses the camera: restart the server with TLS=self-signed.</p>`}
    ${info.certificate &&
    html`<p class="hint">
      The browser first warns about the certificate. Accept it only if its SHA-256 fingerprint is
      <code class="fingerprint" aria-label="Certificate SHA-256 fingerprint">${info.certificate.sha256}</code>
    </p>`}
  `;
}
