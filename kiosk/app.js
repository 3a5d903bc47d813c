// @ts-check
// The kiosk: pair once, then all day long: PIN → hello → photo → confirmation.
// This module only decides between the two: the pairing screen until there
// is a token, the station after (and back to pairing if it is revoked).
import { html } from 'htm/preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { forgetOfflinePunches, rememberKioskKey } from './offline-punches.js';
import { PairScreen } from './pair-screen.js';
import { Station } from './station.js';

/** @typedef {import('./timings.js').Timings} Timings */

const tokenKey = 'rollcall.kioskToken';

/** @param {{ timings: Timings }} props */
export function App({ timings }) {
  const [token, setToken] = useState(() => localStorage.getItem(tokenKey));
  const [notice, setNotice] = useState(/** @type {string | null} */ (null));
  const [org, setOrg] = useState(/** @type {{ orgName: string, timezone?: string, locale?: string, clock?: '24h' | '12h', faceCheck?: boolean }} */ ({ orgName: 'Rollcall', timezone: undefined }));

  useEffect(() => {
    fetch('/api/auth/status')
      .then((response) => (response.ok ? response.json() : null))
      .then((status) => status && setOrg({ orgName: status.orgName, timezone: status.timezone, locale: status.locale, clock: status.clock, faceCheck: status.faceCheck }))
      .catch(() => {});
  }, []);

  const unpair = useCallback((/** @type {string} */ message) => {
    localStorage.removeItem(tokenKey);
    forgetOfflinePunches().catch(() => {});
    setToken(null);
    setNotice(message);
  }, []);

  if (!token) {
    return html`<${PairScreen}
      notice=${notice}
      onPaired=${(/** @type {string} */ newToken, /** @type {string} */ publicKey) => {
        localStorage.setItem(tokenKey, newToken);
        rememberKioskKey(publicKey);
        setNotice(null);
        setToken(newToken);
      }}
    />`;
  }
  return html`<${Station} token=${token} org=${org} timings=${timings} onUnpaired=${unpair} />`;
}
