/**
 * The admin app in Chromium: the suite every admin test file shares (one
 * server and one browser per file, the manager's page open and signed in
 * before the first test; the tests of a file build on each other), a page per
 * person in its own context, signing in through the form, and a day plan
 * that puts "now" at midday in the organisation's zone.
 *
 * The server's clock is manual and the browser's is real, so tests that
 * depend on "today" start the server at the real current time, in a zone
 * where that time is around noon: the day then neither starts nor ends
 * while the test runs.
 *
 * @example
 *   const plan = planToday();
 *   const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: 'boss' });
 *
 *   test('the Live page', async () => {
 *     await goTo(ctx.page, 'Live');
 *     await saveShot(ctx.page, 'admin-live');
 *   });
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Test } from 'uvu';
import { reportingErrors, useApiSuite, type ApiSuite, type SuiteOptions } from './api-suite.js';
import { button, chromiumForFile, link, openPage, until, type Browser, type Page, type Viewport } from './chromium.js';
import type { Auth, Client } from './http.js';

/** The file's tests build on each other (one signed-in page for all of them), so the database is emptied once, before the first. */
export type AdminPageOptions = Omit<SuiteOptions, 'fresh'>;

export type AdminPageSuite = ApiSuite & {
  browser: Browser;
  /** The manager's page at `/app`, signed in (with `manager: false`, the page a new install shows); open for the whole file. */
  page: Page;
  /** Someone's own page (a fresh context) at `/app`, signed in through the form; open for the rest of the file. */
  signedIn(username: string, password: string, viewport?: Viewport): Promise<Page>;
};

export function useAdminPage(test: Test, options: AdminPageOptions = {}): AdminPageSuite {
  const ctx = useApiSuite(test, { ...options, fresh: 'once' }, {
    start: async () => {
      ctx.browser = await chromiumForFile().acquire();
    },
    stop: async () => {
      if (ctx.browser) await chromiumForFile().release(ctx.browser);
    },
  }) as AdminPageSuite;
  ctx.signedIn = async (username, password, viewport) => {
    const page = await openPage(ctx.browser, ctx.server.url, '/app', viewport);
    await signIn(page, username, password);
    return page;
  };
  test.before(
    reportingErrors('opening the admin app', async () => {
      ctx.page = await openPage(ctx.browser, ctx.server.url, '/app');
      if (options.manager !== false) await signIn(ctx.page, ctx.manager.username, ctx.manager.password);
    }),
  );
  return ctx;
}

/** Signs in through the form and waits for the app shell (its "Sign out" button). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await until.visible(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await button(page, 'Sign in').click();
  await until.visible(button(page, 'Sign out'));
}

/** Opens a page from the main navigation, through the "Menu" button where a phone's screen hides the links behind it. */
export async function goTo(page: Page, label: string): Promise<void> {
  const navLink = link(page.getByRole('navigation', { name: 'Main' }), label);
  if (!(await navLink.isVisible())) await unfoldMenu(page);
  await navLink.click();
  // Attached rather than visible: on a phone the menu closes once a link is followed.
  await page.getByRole('link', { name: label, exact: true, includeHidden: true }).and(page.locator('[aria-current="page"]')).waitFor({ state: 'attached' });
}

/** On a phone the navigation is folded into a Menu button: opens it, if it is there and closed. */
export async function unfoldMenu(page: Page): Promise<void> {
  const menu = page.locator('button[aria-controls="main-menu"]');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

/** The `Cookie` header value of the context's session, for API calls as that person. */
export async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'rollcall_session');
  assert.ok(cookie, 'no session cookie in this browser context');
  return `${cookie.name}=${cookie.value}`;
}

export type PlannedDay = { date: string; weekday: string };

/**
 * "Today" for a test that runs now: the real instant, an IANA zone (Etc/GMT±N,
 * no DST) in which it is between 12:00 and 13:00, and a shift that starts at
 * this minute and lasts 8 hours.
 */
export function planToday(now = new Date()) {
  const offset = 12 - now.getUTCHours(); // −11 … +12 hours from UTC
  // POSIX-style names: Etc/GMT-5 is UTC+5.
  const timezone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const local = DateTime.fromJSDate(now).setZone(timezone);
  const start = local.startOf('minute');
  const day = (plus: number): PlannedDay => {
    const date = local.plus({ days: plus });
    return { date: date.toISODate()!, weekday: date.toFormat('cccc') };
  };
  return {
    now,
    timezone,
    today: day(0),
    /** The day `plus` days from today. */
    day,
    start: start.toFormat('HH:mm'),
    end: start.plus({ hours: 8 }).toFormat('HH:mm'),
    /** A local time of today shifted by `hours`, as HH:mm. */
    timeAfterStart: (hours: number) => start.plus({ hours }).toFormat('HH:mm'),
  };
}
export type DayPlan = ReturnType<typeof planToday>;

export type Person = { name: string; username: string; password: string; pin: string; staffId?: number };

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The week the day-based tests share: Asha works today and two and four days
 * on, Bo tomorrow and in three days, both from `plan.start` to `plan.end`;
 * both have the fifth and sixth days from today off. Nobody's days overlap,
 * so either can take the other's shift.
 */
export function plannedWeek(plan: DayPlan) {
  const [d0, d1, d2, d3, d4, d5, d6] = [0, 1, 2, 3, 4, 5, 6].map(plan.day) as [PlannedDay, PlannedDay, PlannedDay, PlannedDay, PlannedDay, PlannedDay, PlannedDay];
  const offs = weekdayNames.filter((day) => day === d5.weekday || day === d6.weekday);
  const person = (p: Person & { days: PlannedDay[] }) => p;
  return {
    days: [d0, d1, d2, d3, d4, d5, d6],
    offs,
    asha: person({ name: 'Asha Rao', username: 'asha', password: 'asha-Passw0rd!', pin: '111111', days: [d0, d2, d4] }),
    bo: person({ name: 'Bo Lee', username: 'bo', password: 'bo-Passw0rd!', pin: '222222', days: [d1, d3] }),
    shiftText: `${plan.start}–${plan.end}`,
  };
}

/**
 * A staff member with account, PIN, days off and template shifts, made
 * through the API as a manager (the Staff page's own request), for tests
 * whose subject is something else. Sets `person.staffId`. `since`: the date
 * they started and their shifts run from (default: today on the server's clock).
 */
export async function seedStaff(
  client: Client,
  manager: Auth,
  person: Person,
  weeklyOffs: string[],
  shifts: { day: string; start: string; end: string }[],
  since?: string,
): Promise<number> {
  const created = await client.post(
    '/api/staff/',
    { name: person.name, username: person.username, password: person.password, pin: person.pin, weekly_off_days: weeklyOffs.join(','), ...(since && { started_on: since }) },
    manager,
  );
  assert.equal(created.status, 201, `staff ${person.username}: ${created.text}`);
  for (const shift of shifts) {
    const reply = await client.post('/api/shifts/', { staff: created.body.id, day_of_week: shift.day, shift_start: shift.start, shift_end: shift.end, ...(since && { effective_from: since }) }, manager);
    assert.equal(reply.status, 201, `shift for ${person.username}: ${reply.text}`);
  }
  person.staffId = created.body.id;
  return created.body.id;
}
