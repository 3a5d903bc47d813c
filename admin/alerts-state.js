// @ts-check
// The stored alerts, for the whole app: the Live page lists them and the
// navigation shows how many wait. Loaded whenever the /admin connection
// (re)opens, kept current by its `alert` and `alert:acknowledged` events.
import { get, post } from './api.js';
import { createWatchedValue } from './watched-value.js';

/** @typedef {import('../server/socket-contract.js').Alert} Alert */
/** @typedef {ReturnType<typeof import('./admin-socket.js').createAdminSocket>} AdminSocket */

/** How many of the latest alerts are kept. */
export const alertsShown = 20;

/** @param {AdminSocket} socket */
export function createAlertsState(socket) {
  const list = createWatchedValue(/** @type {Alert[]} */ ([]));
  const unacknowledged = createWatchedValue(0);
  const problem = createWatchedValue(/** @type {string | null} */ (null));
  const failed = (/** @type {unknown} */ error) => problem.set(error instanceof Error ? error.message : String(error));

  async function load() {
    try {
      const stored = /** @type {{ alerts: Alert[], unacknowledged: number }} */ (await get(`/api/alerts/?limit=${alertsShown}`));
      list.set(stored.alerts);
      unacknowledged.set(stored.unacknowledged);
      problem.set(null);
    } catch (error) {
      failed(error);
    }
  }

  /** Acknowledges through `path`, then reads the list again (another manager may have acknowledged meanwhile). */
  async function acknowledgeAt(/** @type {string} */ path) {
    try {
      await post(path);
      await load();
    } catch (error) {
      failed(error);
    }
  }

  socket.on('alert', (alert) => {
    if (list.value.some((a) => a.id === alert.id)) return;
    list.set([alert, ...list.value].slice(0, alertsShown));
    unacknowledged.set(unacknowledged.value + 1);
  });
  socket.on('alert:acknowledged', ({ ids, by, at }) => {
    list.set(list.value.map((a) => (ids.includes(a.id) && !a.acknowledged ? { ...a, acknowledged: { by, at } } : a)));
    unacknowledged.set(Math.max(0, unacknowledged.value - ids.length));
  });
  // Events may have been missed while the connection was down.
  socket.connected.subscribe((connected) => {
    if (connected) void load();
  });

  return {
    list,
    unacknowledged,
    problem,
    load,
    /** @param {number} id */
    acknowledge: (id) => acknowledgeAt(`/api/alerts/${id}/ack`),
    acknowledgeAll: () => acknowledgeAt('/api/alerts/ack'),
  };
}
