/**
 * Browser building blocks for the admin app tests: Debian's Chromium driven
 * by `playwright-core` (never a downloaded browser), a page per person in its
 * own context, signing in through the form, screenshots to look at, a day
 * plan that puts "now" at midday in the organisation's zone, and a kiosk
 * made of a real `socket.io-client` socket.
 *
 * The server's clock is manual and the browser's is real, so tests that
 * depend on "today" start the server at the real current time, in a zone
 * where that time is around noon: the day then neither starts nor ends
 * while the test runs.
 *
 * @example
 *   const plan = planToday();
 *   const server = await startTestServer({ now: plan.now.toISOString(), timezone: plan.timezone });
 *   const browser = await launchBrowser();
 *   const page = await openApp(browser, server.url);
 *   await signIn(page, 'boss', 'Boss-Passw0rd!');
 *   await shot(page, 'live');
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { Auth, Client } from './http.js';

export type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
export type { Socket } from 'socket.io-client';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where the admin tests leave their screenshots (one file per page and state, overwritten each run). */
export const shotsDir = path.join(tmpdir(), 'rollcall-admin-shots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
}

export type Viewport = { width: number; height: number };
export const laptop: Viewport = { width: 1366, height: 768 };
export const phone: Viewport = { width: 390, height: 844 };

/** A fresh context (its own cookies) with `path` open. */
export async function openApp(browser: Browser, baseUrl: string, path = '/app', viewport: Viewport = laptop): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, acceptDownloads: true });
  const page = await context.newPage();
  // Generous for a loaded 2-core CI machine, but a missing state still fails rather than hangs.
  page.setDefaultTimeout(15_000);
  await page.goto(path);
  return page;
}

/**
 * Auto-waiting checks (playwright-core has no `expect`): each waits until
 * the element is in that state and fails with Playwright's timeout otherwise.
 */
export const until = {
  visible: (locator: Locator) => locator.waitFor({ state: 'visible' }),
  gone: (locator: Locator) => locator.waitFor({ state: 'hidden' }),
  detached: (locator: Locator) => locator.waitFor({ state: 'detached' }),
};

export const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
export const link = (scope: Page | Locator, name: string) => scope.getByRole('link', { name, exact: true });

/** Signs in through the form and waits for the app shell (its "Sign out" button). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await until.visible(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await button(page, 'Sign in').click();
  await until.visible(button(page, 'Sign out'));
}

/** Opens a page from the main navigation. */
export async function goTo(page: Page, label: string): Promise<void> {
  await link(page.getByRole('navigation', { name: 'Main' }), label).click();
  await until.visible(page.getByRole('link', { name: label, exact: true }).and(page.locator('[aria-current="page"]')));
}

/** Saves a full-page PNG as `<name>.png` in {@link shotsDir}. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
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

/** A kiosk paired through the API (as the manager `auth`) and connected to `/kiosk` with `socket.io-client`. */
export async function connectPairedKiosk(client: Client, baseUrl: string, auth: Auth, name = 'Front desk'): Promise<Socket> {
  const code = await client.post('/api/kiosks/pairing-codes', {}, auth);
  assert.equal(code.status, 201, `pairing code: ${code.text}`);
  const paired = await client.post('/api/kiosks/pair', { code: code.body.code, name });
  assert.equal(paired.status, 201, `pair: ${paired.text}`);
  const socket = io(`${baseUrl}/kiosk`, { transports: ['websocket'], forceNew: true, auth: { token: paired.body.token } });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the kiosk socket did not connect')), 5000);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
    socket.once('connect_error', (error) => (clearTimeout(timer), reject(error)));
  });
  return socket;
}

/** The kiosk's two steps: `identify` with the PIN, then `capture` with the frame; returns the capture's ack. */
export async function checkInAtKiosk(kiosk: Socket, pin: string, frame: Buffer, kind: 'check_in' | 'check_out' = 'check_in'): Promise<any> {
  const identified = await kiosk.timeout(5000).emitWithAck('identify', { pin });
  assert.equal(identified.ok, true, `identify: ${JSON.stringify(identified)}`);
  const captured = await kiosk.timeout(10_000).emitWithAck('capture', { attempt: identified.attempt, kind, image: frame, requestId: randomUUID() });
  assert.equal(captured.ok, true, `capture: ${JSON.stringify(captured)}`);
  return captured.attendance;
}

export type Person = { name: string; username: string; password: string; pin: string; staffId?: number };

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

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * A staff member with account, PIN, days off and template shifts, made
 * through the API as a manager (the Staff page's own request), for tests
 * whose subject is something else. Sets `person.staffId`.
 */
export async function seedStaff(
  client: Client,
  manager: Auth,
  person: Person,
  weeklyOffs: string[],
  shifts: { day: string; start: string; end: string }[],
): Promise<number> {
  const created = await client.post(
    '/api/staff/',
    { name: person.name, username: person.username, password: person.password, pin: person.pin, weekly_off_days: weeklyOffs.join(',') },
    manager,
  );
  assert.equal(created.status, 201, `staff ${person.username}: ${created.text}`);
  for (const shift of shifts) {
    const reply = await client.post('/api/shifts/', { staff: created.body.id, day_of_week: shift.day, shift_start: shift.start, shift_end: shift.end }, manager);
    assert.equal(reply.status, 201, `shift for ${person.username}: ${reply.text}`);
  }
  person.staffId = created.body.id;
  return created.body.id;
}
