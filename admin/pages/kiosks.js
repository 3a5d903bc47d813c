// @ts-check
// Kiosks: add one (a pairing code shown large, with its expiry), see which
// are online (live, from the shared /admin connection), revoke.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { useAppState, useFormat } from '../app-state.js';
import { Empty, ErrorMessage, Loaded, useData } from '../ui.js';

/**
 * @typedef {import('../../server/socket-contract.js').KioskStatus} KioskStatus
 * @typedef {{ id: number, name: string, online: boolean, lastSeenAt: string | null, pairedAt: string, revokedAt: string | null }} Kiosk
 */

export function KiosksPage() {
  const format = useFormat();
  const { socket } = useAppState();
  const kiosks = useData(() => get('/api/kiosks/'));
  // Online/offline as the server reports it while the page is open, over the list as loaded.
  const [statuses, setStatuses] = useState(/** @type {Record<number, KioskStatus>} */ ({}));
  const [code, setCode] = useState(null);
  const [error, setError] = useState(null);
  const [now, setNow] = useState(Date.now());

  // A fresh list already has the latest states.
  useEffect(() => setStatuses({}), [kiosks.data]);
  useEffect(
    () =>
      socket.on('kiosk:status', (status) => {
        setStatuses((current) => ({ ...current, [status.id]: status }));
        // A kiosk paired since the list loaded (it connects right after pairing): show it.
        if (!kiosks.data?.some((/** @type {Kiosk} */ k) => k.id === status.id)) kiosks.reload();
      }),
    [kiosks.data],
  );

  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [code]);

  async function addKiosk() {
    setError(null);
    try {
      setCode(await post('/api/kiosks/pairing-codes'));
      setNow(Date.now());
    } catch (caught) {
      setError(caught);
    }
  }
  async function revoke(kiosk) {
    if (!confirm(`Revoke “${kiosk.name}”? It stops working at once and must be paired again.`)) return;
    setError(null);
    try {
      await del(`/api/kiosks/${kiosk.id}/`);
      await kiosks.reload();
    } catch (caught) {
      setError(caught);
    }
  }
  const secondsLeft = code ? Math.max(0, Math.round((Date.parse(code.expiresAt) - now) / 1000)) : 0;

  return html`
    <section>
      <div class="page-head">
        <h1>Kiosks</h1>
        <button class="primary" onClick=${addKiosk}>Add kiosk</button>
      </div>
      ${code &&
      html`<div class="card pairing" role="status">
        <p>On the kiosk laptop, open <strong>${location.origin}/kiosk</strong> and type this code:</p>
        <p class="pairing-code" aria-label="Pairing code">${code.code.slice(0, 4)} ${code.code.slice(4)}</p>
        <p class="hint">${secondsLeft > 0 ? `Valid for ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')} more, once.` : 'This code has expired: add the kiosk again for a new one.'}</p>
        <button class="secondary small" onClick=${() => { setCode(null); kiosks.reload(); }}>Done</button>
      </div>`}
      <${ErrorMessage} error=${error} />
      <${Loaded} state=${kiosks} what="Loading kiosks">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No kiosks yet. “Add kiosk” gives a code to type on the site laptop.</${Empty}>`
            : html`<div class="table-wrap"><table>
                <thead><tr><th>Name</th><th>State</th><th>Last seen</th><th>Paired</th><th></th></tr></thead>
                <tbody>
                  ${rows.map((/** @type {Kiosk} */ row) => ({ ...row, ...statuses[row.id] })).map(
                    (k) => html`<tr class=${k.revokedAt ? 'inactive' : ''}>
                      <td>${k.name}</td>
                      <td>${k.revokedAt ? 'Revoked' : k.online ? html`<span class="pill ok">Online</span>` : html`<span class="pill off">Offline</span>`}</td>
                      <td>${k.lastSeenAt ? format.dateTime(k.lastSeenAt) : 'Never'}</td>
                      <td>${format.dateTime(k.pairedAt)}</td>
                      <td>${!k.revokedAt && html`<button class="danger small" onClick=${() => revoke(k)}>Revoke</button>`}</td>
                    </tr>`,
                  )}
                </tbody>
              </table></div>`}
      <//>
    </section>
  `;
}
