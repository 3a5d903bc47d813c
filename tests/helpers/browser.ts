/**
 * Browser building blocks for the kiosk tests: Debian's Chromium driven by
 * `playwright-core` (never a downloaded browser) with Chromium's fake webcam,
 * a kiosk page paired through its own UI, PIN entry by keyboard or pad, and
 * screenshots of each state saved for a person to look at.
 *
 * @example
 *   const browser = await launchChromium();
 *   const page = await openKiosk(browser, server.url);
 *   await pairThroughUi(page, await newPairingCode(client, manager));
 *   await enterPin(page, '111111', 'pad');
 *   await saveShot(page, 'identified');
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Account } from './fixtures.js';
import type { Client } from './http.js';
import type { TestServer } from './test-server.js';

export type { Browser, Locator, Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const quietFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const fakeCameraFlags = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Where every test run leaves its screenshots (one file per state, overwritten each run). */
export const shotsDir = path.join(tmpdir(), 'rollcall-kiosk-shots');

/**
 * Chromium with a camera that is `fake` (Chromium's test pattern, permission
 * granted: the default), `none` (no camera at all) or `denied` (the fake
 * camera, but nobody accepts the permission prompt, so the page is refused).
 */
export function launchChromium(options: { camera?: 'fake' | 'none' | 'denied' } = {}): Promise<Browser> {
  const camera = { fake: fakeCameraFlags, none: [], denied: ['--use-fake-device-for-media-stream'] }[options.camera ?? 'fake'];
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...camera, ...quietFlags] });
}

export type Viewport = { width: number; height: number };
export const laptop: Viewport = { width: 1366, height: 768 };
export const fullHd: Viewport = { width: 1920, height: 1080 };

/** A fresh browser context (its own localStorage) with the kiosk page open. */
export async function openKiosk(browser: Browser, baseUrl: string, viewport: Viewport = laptop): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  const page = await context.newPage();
  // Generous for a loaded 2-core CI machine, but a missing state still fails rather than hangs.
  page.setDefaultTimeout(15_000);
  await page.goto('/kiosk');
  return page;
}

/** A one-time pairing code, as a manager would create it in the admin app. */
export async function newPairingCode(client: Client, manager: Account): Promise<string> {
  const reply = await client.post('/api/kiosks/pairing-codes', {}, { token: manager.token });
  assert.equal(reply.status, 201, `pairing code: ${reply.text}`);
  return reply.body.code;
}

/** Types the code into the pairing screen and waits for the PIN pad. */
export async function pairThroughUi(page: Page, code: string): Promise<void> {
  await page.getByLabel('Pairing code').fill(code);
  await page.getByRole('button', { name: 'Pair' }).click();
  await expectPadReady(page);
}

/**
 * Auto-waiting checks (playwright-core has no `expect`): each waits until the
 * element is in that state and fails with Playwright's timeout otherwise.
 */
export const until = {
  visible: (locator: Locator) => locator.waitFor({ state: 'visible' }),
  gone: (locator: Locator) => locator.waitFor({ state: 'hidden' }),
  async enabled(locator: Locator) {
    await (await locator.elementHandle())!.waitForElementState('enabled');
  },
  async disabled(locator: Locator) {
    await (await locator.elementHandle())!.waitForElementState('disabled');
  },
};

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The idle screen, connected: "Enter your PIN", no connection banner, the digit buttons enabled. */
export async function expectPadReady(page: Page): Promise<void> {
  await until.visible(page.getByText('Enter your PIN'));
  await until.gone(page.getByText(/Reconnecting…|Connecting to the server…/));
  await until.enabled(button(page, '1'));
}

/** Types a PIN on the physical keyboard (then Enter) or taps it on the on-screen pad (then OK). */
export async function enterPin(page: Page, pin: string, via: 'keyboard' | 'pad'): Promise<void> {
  await expectPadReady(page);
  if (via === 'keyboard') {
    for (const digit of pin) await page.keyboard.press(digit);
    await until.visible(page.getByLabel(`${pin.length} of 6 digits entered`));
    await page.keyboard.press('Enter');
  } else {
    for (const digit of pin) await button(page, digit).click();
    await until.visible(page.getByLabel(`${pin.length} of 6 digits entered`));
    await button(page, 'OK').click();
  }
}

/** Saves a PNG of what is on screen as `<name>.png` in {@link shotsDir}. */
export async function saveShot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Every attendance record as the manager sees it through the API (newest
 * first); with `count`, fails unless there are exactly that many.
 */
export async function attendanceRows(client: Client, manager: Account, count?: number): Promise<any[]> {
  const reply = await client.get('/api/attendance/', { token: manager.token });
  assert.equal(reply.status, 200, reply.text);
  assert.ok(Array.isArray(reply.body), reply.text);
  if (count !== undefined) assert.equal(reply.body.length, count, `attendance rows: ${reply.text}`);
  return reply.body;
}

/**
 * Sets the server's clock and signs the manager in again at that time: the
 * access token is checked against the same clock, so one issued hours
 * "earlier" would have expired.
 */
export async function setClock(server: TestServer, client: Client, manager: Account, instant: string): Promise<void> {
  server.clock.set(instant);
  const tokens = await client.post('/api/token/', { username: manager.username, password: manager.password });
  assert.equal(tokens.status, 200, tokens.text);
  manager.token = tokens.body.access;
}

/** Fails unless the element is visible and entirely inside the viewport (nothing to scroll to: the kiosk page does not scroll). */
export async function assertInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  await until.visible(locator);
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  assert.ok(box, `${what} has no box`);
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  assert.ok(inside, `${what} is cut off at ${viewport.width}×${viewport.height}: box ${JSON.stringify(box)}`);
}
