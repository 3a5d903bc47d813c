// @ts-check
// The admin app's state, built once (in main.js) and shared through context:
// who is signed in, the organisation's settings, the formatter for its time
// zone, where the app is, and the one live connection for managers. Pages
// import the hooks below, never the app shell.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import * as api from './api.js';
import { createAdminSocket } from './admin-socket.js';
import { createAlertsState } from './alerts-state.js';
import { createFormat } from './format.js';
import { createWatchedValue, useWatchedValue } from './watched-value.js';

/**
 * @typedef {{ id: number, username: string, role: 'manager' | 'staff', staff: { id: number, name: string } | null }} Me
 * @typedef {{ needsFirstManager: boolean, orgName: string, timezone?: string }} AuthStatus
 * @typedef {{ loading: boolean, me: Me | null, status: AuthStatus | null, error?: unknown }} Session
 * @typedef {{ timezone?: string, locale?: string, clock?: '24h' | '12h', window_minutes?: number, late_grace_minutes?: number, swap_requires_approval?: boolean, min_rest_hours?: number }} Settings
 * @typedef {ReturnType<typeof createFormat>} Format
 * @typedef {ReturnType<typeof createAppState>} AppState
 */

const offline = { needsFirstManager: false, orgName: 'Rollcall', timezone: undefined };
const withoutTrailingSlash = (/** @type {string} */ path) => path.replace(/\/$/, '');

/**
 * @example
 *   const app = createAppState();
 *   render(html`<${AppStateContext.Provider} value=${app}><${App} /><//>`, root);
 *   await app.loadSession();
 */
export function createAppState() {
  const browser = window;
  const socket = createAdminSocket();
  const alerts = createAlertsState(socket);
  const session = createWatchedValue(/** @type {Session} */ ({ loading: true, me: null, status: null }));
  const settings = createWatchedValue(/** @type {Settings} */ ({}));
  const format = createWatchedValue(createFormat(undefined));
  const path = createWatchedValue(withoutTrailingSlash(browser.location.pathname));

  // A new formatter only when the zone, locale or clock changes: every page then re-renders with it.
  let formatKey = '';
  settings.subscribe(({ timezone, locale, clock }) => {
    const key = `${timezone} ${locale} ${clock}`;
    if (key === formatKey) return;
    formatKey = key;
    format.set(createFormat(timezone, { locale, clock }));
  });
  browser.addEventListener('popstate', () => path.set(withoutTrailingSlash(browser.location.pathname)));

  /** Takes in settings the server sent (Settings page, auth status, the live board), keeping the rest. */
  function updateSettings(/** @type {Settings} */ change) {
    const known = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const current = /** @type {Record<string, unknown>} */ (settings.value);
    if (Object.entries(known).some(([key, value]) => current[key] !== value)) settings.set({ ...settings.value, ...known });
  }

  async function loadSession() {
    // Asked together: neither answer depends on the other, and the first page waits for both.
    const [status, answer] = await Promise.all([api.get('/api/auth/status').catch(() => offline), api.get('/api/me/').then((me) => ({ me }), (error) => ({ error }))]);
    updateSettings({ timezone: status.timezone, locale: status.locale, clock: status.clock });
    try {
      if ('error' in answer) throw answer.error;
      /** @type {Me} */
      const me = answer.me;
      session.set({ loading: false, me, status });
      // Only managers may join /admin; opening it twice is a no-op.
      if (me.role === 'manager') socket.open();
      else socket.close();
    } catch (error) {
      socket.close();
      session.set({ loading: false, me: null, status, error: error instanceof api.ApiError && error.status === 401 ? null : error });
    }
  }

  async function signOut() {
    await api.post('/api/auth/logout').catch(() => {});
    socket.close();
    browser.history.replaceState(null, '', '/app');
    path.set('/app');
    session.set({ loading: false, me: null, status: session.value.status });
  }

  function navigate(/** @type {string} */ to) {
    if (to !== browser.location.pathname) browser.history.pushState(null, '', to);
    path.set(withoutTrailingSlash(to));
    browser.scrollTo(0, 0);
  }

  return { session, settings, format, path, socket, alerts, loadSession, signOut, navigate, updateSettings };
}

export const AppStateContext = createContext(/** @type {AppState} */ (/** @type {unknown} */ (null)));

/** The app state itself (stable): actions, the live socket and the watched values. */
export const useAppState = () => useContext(AppStateContext);
/** Who is signed in, re-rendering when that changes. */
export const useSession = () => useWatchedValue(useAppState().session);
/** The formatter for the organisation's time zone, re-rendering when the zone changes. */
export const useFormat = () => useWatchedValue(useAppState().format);
