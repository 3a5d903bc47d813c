// @ts-check
// The kiosk's service worker (written by server/web/kiosk-worker.ts) keeps
// this release's files, so a kiosk reloaded while the server is unreachable
// still opens; a new release's worker takes over by itself.

const workerPath = '/kiosk/service-worker.js';
// Not the default `/kiosk/`: the page itself is at `/kiosk`.
const scope = '/kiosk';
// The browser looks for a new worker on navigations, and a kiosk goes days without one.
const updateCheckMs = 5 * 60 * 1000;

/**
 * Registers the worker; never fails: without it (a non-secure origin has no
 * `navigator.serviceWorker`) the kiosk works as before, only not offline.
 *
 * @example
 *   registerKioskWorker({ onUpdated: () => location.reload() });
 *
 * @param {{ onUpdated(): void }} events `onUpdated`: a new release's worker
 *   has taken over this page, which still runs the old release's files.
 * @returns {Promise<void>}
 */
export async function registerKioskWorker({ onUpdated }) {
  if (!('serviceWorker' in navigator)) return;
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first worker to claim this page brings the release it already runs.
    if (controlled) onUpdated();
    controlled = true;
  });
  try {
    const registration = await navigator.serviceWorker.register(workerPath, { scope });
    setInterval(() => registration.update().catch(() => {}), updateCheckMs);
  } catch (error) {
    console.warn('The kiosk runs without its offline copy:', error);
  }
}

let busy = false;
let reloadPending = false;

/** The station says whether someone is mid check-in: a reload for a new release waits until they are done. */
export function setKioskBusy(/** @type {boolean} */ value) {
  busy = value;
  if (!busy && reloadPending) location.reload();
}

/** Loads the new release now, or as soon as the person at the kiosk is done. */
export function reloadWhenQuiet() {
  reloadPending = true;
  if (!busy) location.reload();
}
