// @ts-check
// Kiosks: add one (a pairing code shown large, with its expiry), see which
// are online (live, from the shared /admin connection), see which are locked
// after wrong PINs and unlock them, revoke.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { useAppState, useFormat } from '../app-state.js';
import { Empty, ErrorMessage, Loaded, useData } from '../ui.js';
import { KioskAddress } from './kiosk-address.js';

/**
 * @typedef {import('../../server/socket-contract.js').KioskStatus} KioskStatus
 * @typedef {{ needsManager: boolean, since: string, until: string | null, wrongPins: number }} KioskLock
 * @typedef {{ camera: 'starting' | 'ready' | 'failed' | null, cameraError: string | null, queue: number | null, version: string }} KioskHealth
 * @typedef {{ id: number, name: string, online: boolean, lastSeenAt: string | null, pairedAt: string, revokedAt: string | null, lock: KioskLock | null, health: KioskHealth | null }} Kiosk
 */

/**
 * Why the kiosk is locked, and until when.
 * @param {KioskLock} lock
 * @param {{ time(value: string): string, dateTime(value: string): string }} format
 */
function lockReason(lock, format) {
  if (lock.needsManager) return `${lock.wrongPins} wrong PINs within 24 hours, the last at ${format.dateTime(lock.since)}. It stays locked until you unlock it.`;
  return `${lock.wrongPins} wrong PINs within 5 minutes. It takes PINs again at ${format.time(lock.until ?? lock.since)}, or when you unlock it.`;
}

/**
 * What the kiosk last said of its camera; a failure with the browser's reason, so a manager knows what to fix.
 * @param {KioskHealth | null} health
 */
function cameraText(health) {
  if (!health?.camera) return '—';
  if (health.camera === 'ready') return html`<span class="pill ok">Working</span>`;
  if (health.camera === 'starting') return 'Starting';
  return html`<span class="pill warn">Not working</span>${health.cameraError && html`<div class="hint">${health.cameraError}</div>`}`;
}

export function KiosksPage() {
  const format = useFormat();
  const { socket } = useAppState();
  const kiosks = useData(() => get('/api/kiosks/'));
  // Online/offline as the server reports it while the page is open, over the list as loaded.
  const [statuses, setStatuses] = useState(/** @type {Record<number, KioskStatus>} */ ({}));
  const [code, setCode] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(/** @type {string | null} */ (null));
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

  // Locks as they start (the managers' alert) and end (an unlock, by anyone).
  useEffect(() => {
    const offAlert = socket.on('alert', (alert) => {
      if (alert.type === 'pin_lockout') kiosks.reload();
    });
    const offUnlocked = socket.on('kiosk:unlocked', () => kiosks.reload());
    return () => {
      offAlert();
      offUnlocked();
    };
  }, [kiosks.data]);

  // A short lockout ends by itself: show that when it does.
  useEffect(() => {
    const ends = (kiosks.data ?? []).map((/** @type {Kiosk} */ k) => k.lock?.until).filter(Boolean).map((until) => Date.parse(until));
    if (ends.length === 0) return;
    const timer = setTimeout(() => kiosks.reload(), Math.max(0, Math.min(...ends) - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [kiosks.data]);

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
  async function unlock(kiosk) {
    setError(null);
    setNotice(null);
    try {
      await post(`/api/kiosks/${kiosk.id}/unlock`);
      setNotice(`“${kiosk.name}” is unlocked: it takes PINs again.`);
      await kiosks.reload();
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
        <${KioskAddress} />
        <p class="pairing-code" aria-label="Pairing code">${code.code.slice(0, 4)} ${code.code.slice(4)}</p>
        <p class="hint">${secondsLeft > 0 ? `Valid for ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')} more, once.` : 'This code has expired: add the kiosk again for a new one.'}</p>
        <button class="secondary small" onClick=${() => { setCode(null); kiosks.reload(); }}>Done</button>
      </div>`}
      <${ErrorMessage} error=${error} />
      ${notice && html`<p class="ok-text" role="status">${notice}</p>`}
      <${Loaded} state=${kiosks} what="Loading kiosks">
        ${(rows) =>
          rows.length === 0
            ? html`<${Empty}>No kiosks yet. “Add kiosk” gives a code to type on the site laptop.</${Empty}>`
            : html`<div class="table-wrap"><table class="stack">
                <thead><tr><th>Name</th><th>State</th><th>Last contact</th><th>Camera</th><th>Waiting punches</th><th>Version</th><th>Paired</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                  ${rows.map((/** @type {Kiosk} */ row) => ({ ...row, ...statuses[row.id] })).map(
                    (k) => [
                      html`<tr class=${k.revokedAt ? 'inactive' : k.lock ? 'locked' : ''}>
                        <td class="stack-title">${k.name}</td>
                        <td data-label="State">
                          ${k.revokedAt ? 'Revoked' : k.online ? html`<span class="pill ok">Online</span>` : html`<span class="pill off">Offline</span>`}
                          ${k.lock && html` <span class="pill warn">Locked</span>`}
                        </td>
                        <td data-label="Last contact">${k.lastSeenAt ? format.dateTime(k.lastSeenAt) : 'Never'}</td>
                        <td data-label="Camera">${cameraText(k.health)}</td>
                        <td data-label="Waiting punches">${k.health?.queue ?? '—'}</td>
                        <td data-label="Version">${k.health ? html`<code>${k.health.version}</code>` : '—'}</td>
                        <td data-label="Paired">${format.dateTime(k.pairedAt)}</td>
                        <td class="row-actions">
                          ${!k.revokedAt &&
                          html`<div class="actions">
                            ${k.lock && html`<button class="primary small" onClick=${() => unlock(k)}>Unlock</button>`}
                            <button class="danger small" onClick=${() => revoke(k)}>Revoke</button>
                          </div>`}
                        </td>
                      </tr>`,
                      // Why, on a line of its own under the kiosk, so the table keeps its columns.
                      k.lock && html`<tr class="lock-detail"><td colspan="8"><span class="warn-text">“${k.name}” is locked:</span> ${lockReason(k.lock, format)}</td></tr>`,
                    ],
                  )}
                </tbody>
              </table></div>`}
      <//>
    </section>
  `;
}
