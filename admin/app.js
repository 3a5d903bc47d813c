// @ts-check
// The app shell: navigation by role, the signed-in person, and the page for
// the current path. The state it shows lives in app-state.js.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { useAppState, useSession } from './app-state.js';
import { useWatchedValue } from './watched-value.js';
import { SignIn } from './pages/sign-in.js';
import { LivePage } from './pages/live.js';
import { AttentionPage } from './pages/attention.js';
import { TimesheetsPage } from './pages/timesheets.js';
import { RosterPage } from './pages/roster.js';
import { StaffPage } from './pages/staff.js';
import { HistoryPage } from './pages/history.js';
import { SwapsPage } from './pages/swaps.js';
import { KiosksPage } from './pages/kiosks.js';
import { SettingsPage } from './pages/settings.js';
import { MyWeekPage } from './pages/my-week.js';
import { PasswordPage } from './pages/password.js';
import { Loading } from './ui.js';

const managerPages = [
  { path: '/app/live', label: 'Live', page: LivePage },
  { path: '/app/attention', label: 'Needs attention', page: AttentionPage },
  { path: '/app/timesheets', label: 'Timesheets', page: TimesheetsPage },
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
/** Everyone's, linked beside "Sign out" rather than in the navigation. */
const passwordPage = { path: '/app/password', label: 'Password', page: PasswordPage };

export function App() {
  const app = useAppState();
  const session = useSession();
  const path = useWatchedValue(app.path);
  const waitingAlerts = useWatchedValue(app.alerts.unacknowledged);
  const { me, status } = session;
  const [menuOpen, setMenuOpen] = useState(false);
  const pages = me?.role === 'manager' ? managerPages : staffPages;
  const current = [...pages, passwordPage].find((p) => p.path === path);
  const forbidden = !current && me?.role !== 'manager' && managerPages.some((p) => p.path === path);

  useEffect(() => {
    // /app and unknown paths land on the role's home page.
    if (me && !current && !forbidden) app.navigate(pages[0].path);
  }, [me, current, forbidden]);

  if (session.loading) return html`<${Loading} what="Loading Rollcall" />`;
  if (!me) return html`<${SignIn} status=${status} onSignedIn=${app.loadSession} />`;
  if (!current && !forbidden) return html`<${Loading} />`;

  const Page = current?.page;
  const follow = (/** @type {string} */ to) => (/** @type {MouseEvent} */ e) => {
    e.preventDefault();
    setMenuOpen(false);
    app.navigate(to);
  };
  // A function, not one element: the count shows in two places, and an element can be rendered only once.
  const alertCount = () => waitingAlerts > 0
    ? html`<span class="nav-count" title="Alerts waiting for a manager">${waitingAlerts}<span class="visually-hidden"> ${waitingAlerts === 1 ? 'alert waits' : 'alerts wait'}</span></span>`
    : null;
  // Managers have too many pages for a phone's width: there they sit behind "Menu", which keeps the alert count in sight.
  const compact = pages.length > 3;
  return html`
    <header class=${compact ? 'topbar compact' : 'topbar'} onKeyDown=${(/** @type {KeyboardEvent} */ e) => e.key === 'Escape' && setMenuOpen(false)}>
      <strong class="brand">${status.orgName}</strong>
      ${compact && html`<button class="menu-toggle" aria-expanded=${menuOpen} aria-controls="main-menu" onClick=${() => setMenuOpen(!menuOpen)}>
        <span aria-hidden="true" class="menu-icon">${menuOpen ? '✕' : '☰'}</span> Menu${waitingAlerts > 0 && html` ${alertCount()}`}</button>`}
      <div id="main-menu" class=${menuOpen ? 'menu open' : 'menu'}>
        <nav aria-label="Main">
          ${pages.map(
            (p) => html`<a href=${p.path} class=${p.path === path ? 'active' : ''} aria-current=${p.path === path ? 'page' : undefined}
              onClick=${follow(p.path)}>${p.label}</a>${p.path === '/app/live' ? alertCount() : null}`,
          )}
        </nav>
        <span class="who">${me.staff?.name ?? me.username}${' · '}<a href=${passwordPage.path} aria-current=${path === passwordPage.path ? 'page' : undefined} onClick=${follow(passwordPage.path)}>Password</a></span>
      </div>
      <button class="link sign-out" onClick=${app.signOut}>Sign out</button>
    </header>
    <main class="page">
      ${Page
        ? html`<${Page} />`
        : html`<section><h1>Not available</h1><p class="error" role="alert">This page is for managers. You are signed in as staff.</p></section>`}
    </main>
  `;
}
