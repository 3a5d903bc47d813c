// The app shell: who is signed in, navigation by role, and the pages.
import { html } from 'htm/preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from './api.js';
import { createFormat } from './format.js';
import { SignIn } from './pages/sign-in.js';
import { LivePage } from './pages/live.js';
import { RosterPage } from './pages/roster.js';
import { StaffPage } from './pages/staff.js';
import { HistoryPage } from './pages/history.js';
import { SwapsPage } from './pages/swaps.js';
import { KiosksPage } from './pages/kiosks.js';
import { SettingsPage } from './pages/settings.js';
import { MyWeekPage } from './pages/my-week.js';
import { Loading } from './ui.js';

export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

const managerPages = [
  { path: '/app/live', label: 'Live', page: LivePage },
  { path: '/app/roster', label: 'Roster', page: RosterPage },
  { path: '/app/staff', label: 'Staff', page: StaffPage },
  { path: '/app/history', label: 'History', page: HistoryPage },
  { path: '/app/swaps', label: 'Swaps', page: SwapsPage },
  { path: '/app/kiosks', label: 'Kiosks', page: KiosksPage },
  { path: '/app/settings', label: 'Settings', page: SettingsPage },
];
const staffPages = [
  { path: '/app/me', label: 'My shifts', page: MyWeekPage },
  { path: '/app/swaps', label: 'Swaps', page: SwapsPage },
];

function usePath() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to) => {
    if (to !== location.pathname) history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  };
  return [path.replace(/\/$/, ''), navigate];
}

export function App() {
  const [session, setSession] = useState({ loading: true });
  const [path, navigate] = usePath();

  async function loadSession() {
    const status = await get('/api/auth/status').catch(() => ({ needsFirstManager: false, orgName: 'Rollcall', timezone: undefined }));
    try {
      const me = await get('/api/me/');
      setSession({ loading: false, me, status });
    } catch (error) {
      setSession({ loading: false, me: null, status, error: error instanceof ApiError && error.status === 401 ? null : error });
    }
  }
  useEffect(() => {
    loadSession();
  }, []);

  if (session.loading) return html`<${Loading} what="Loading Rollcall" />`;
  if (!session.me) return html`<${SignIn} status=${session.status} onSignedIn=${loadSession} />`;

  const { me, status } = session;
  const pages = me.role === 'manager' ? managerPages : staffPages;
  const current = pages.find((p) => p.path === path);
  if (!current) {
    const forbidden = me.role !== 'manager' && managerPages.some((p) => p.path === path);
    if (!forbidden) {
      // /app and unknown paths land on the role's home page.
      queueMicrotask(() => navigate(pages[0].path));
      return html`<${Loading} />`;
    }
  }
  const context = { me, status, format: createFormat(status.timezone), navigate, timezone: status.timezone };

  async function signOut() {
    await post('/api/auth/logout').catch(() => {});
    history.replaceState(null, '', '/app');
    setSession({ loading: false, me: null, status });
  }

  const Page = current?.page;
  return html`
    <${AppContext.Provider} value=${context}>
      <header class="topbar">
        <strong class="brand">${status.orgName}</strong>
        <nav aria-label="Main">
          ${pages.map(
            (p) => html`<a href=${p.path} class=${p.path === path ? 'active' : ''} aria-current=${p.path === path ? 'page' : undefined}
              onClick=${(e) => {
                e.preventDefault();
                navigate(p.path);
              }}>${p.label}</a>`,
          )}
        </nav>
        <span class="who">${me.staff?.name ?? me.username} · <button class="link" onClick=${signOut}>Sign out</button></span>
      </header>
      <main class="page">
        ${Page
          ? html`<${Page} />`
          : html`<section><h1>Not available</h1><p class="error" role="alert">This page is for managers. You are signed in as staff.</p></section>`}
      </main>
    <//>
  `;
}
