/**
 * The one way the tests drive a browser: Debian's Chromium through
 * `playwright-core` (never a downloaded browser), with Chromium's fake webcam
 * unless a test asks for none; a page per person in its own context; waits
 * for states (playwright-core has no `expect`); and screenshots saved for a
 * person to look at.
 *
 * @example
 *   const browser = await launchChromium();
 *   const page = await openPage(browser, server.url, '/kiosk');
 *   await until.visible(page.getByText('Enter your PIN'));
 *   await saveShot(page, 'kiosk-01-idle');
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { keptBetweenFiles, type Kept } from './kept-between-files.js';

export type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and nothing in the background that could compete with the test for the CPU or the network. */
export const quietFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const fakeDevice = '--use-fake-device-for-media-stream';
const fakePermissionPrompt = '--use-fake-ui-for-media-stream';

export type Camera = 'fake' | 'none' | 'denied';

/**
 * Chromium with a camera that is `fake` (Chromium's test pattern, permission
 * granted: the default), `none` (no camera at all) or `denied` (the fake
 * camera, but nobody accepts the permission prompt, so the page is refused).
 * `args`: more command-line flags (a certificate to accept, say).
 */
export function launchChromium(options: { camera?: Camera; args?: string[] } = {}): Promise<Browser> {
  const camera = { fake: [fakeDevice, fakePermissionPrompt], none: [], denied: [fakeDevice] }[options.camera ?? 'fake'];
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...camera, ...quietFlags, ...(options.args ?? [])] });
}

const keptBrowsers = new Map<Camera, Kept<Browser>>();

/**
 * The file's Chromium with that camera: launched for it, or in a test worker
 * the one the file before released, with every page it left closed.
 */
export function chromiumForFile(camera: Camera = 'fake'): Kept<Browser> {
  let kept = keptBrowsers.get(camera);
  if (!kept) {
    kept = keptBetweenFiles(
      `Chromium (camera ${camera})`,
      () => launchChromium({ camera }),
      (browser) => browser.close(),
      async (browser) => {
        if (!browser.isConnected()) throw new Error('Chromium is gone');
        await Promise.all(browser.contexts().map((context) => context.close()));
      },
    );
    keptBrowsers.set(camera, kept);
  }
  return kept;
}

export type Viewport = { width: number; height: number };
export const laptop: Viewport = { width: 1366, height: 768 };
export const fullHd: Viewport = { width: 1920, height: 1080 };
export const phone: Viewport = { width: 390, height: 844 };

/** A fresh context (its own cookies and localStorage) with `path` open; closing the page's context is the caller's. */
export async function openPage(browser: Browser, baseUrl: string, path: string, viewport: Viewport = laptop): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, acceptDownloads: true });
  const page = await context.newPage();
  // Generous for a loaded 2-core CI machine, but a missing state still fails rather than hangs.
  page.setDefaultTimeout(15_000);
  await page.goto(path);
  return page;
}

/**
 * Auto-waiting checks: each waits until the element is in that state and
 * fails with Playwright's timeout otherwise.
 */
export const until = {
  visible: (locator: Locator) => locator.waitFor({ state: 'visible' }),
  gone: (locator: Locator) => locator.waitFor({ state: 'hidden' }),
  detached: (locator: Locator) => locator.waitFor({ state: 'detached' }),
  async enabled(locator: Locator) {
    await (await locator.elementHandle())!.waitForElementState('enabled');
  },
  async disabled(locator: Locator) {
    await (await locator.elementHandle())!.waitForElementState('disabled');
  },
};

export const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
export const link = (scope: Page | Locator, name: string) => scope.getByRole('link', { name, exact: true });

/** Types a date into the app's date field labelled `label` and takes it, as Enter does. */
export async function typeDate(scope: Page | Locator, label: string, date: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(date);
  await field.press('Enter');
}

/** Where the browser tests leave their screenshots (one file per page and state, overwritten each run). */
export const shotsDir = path.join(tmpdir(), 'rollcall-shots');

/** Saves a full-page PNG as `<name>.png` in {@link shotsDir}. */
export async function saveShot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Fails unless the page is no wider than the screen, naming the outermost
 * elements that reach past its right edge (also those cut off inside a
 * scrolling box, which a person would have to scroll sideways to see).
 */
export async function assertFitsWidth(page: Page, where: string): Promise<void> {
  // No named functions in here: the test runner's compiler would wrap them in a helper the page does not have.
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const tooWide = [...document.body.querySelectorAll('*')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && box.right > width + 0.5 && element.checkVisibility({ visibilityProperty: true });
    });
    const offenders = tooWide
      .filter((element) => !tooWide.includes(element.parentElement!))
      .map((element) => {
        const parts: string[] = [];
        for (let e: Element | null = element; e && e !== document.body && parts.length < 4; e = e.parentElement) {
          parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`);
        }
        return `${parts.join(' > ')} (right edge at ${Math.round(element.getBoundingClientRect().right)} px)`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders };
  });
  assert.deepEqual(found.offenders, [], `${where}: elements wider than the ${found.width} px screen`);
  assert.ok(found.scrollWidth <= found.width, `${where}: the page is ${found.scrollWidth} px wide on a ${found.width} px screen`);
}
