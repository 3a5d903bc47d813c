/**
 * The kiosk page in Chromium: the suite every kiosk test file shares (one
 * server and one browser per file; before each test an empty database, a
 * manager, and the kiosk page open in a fresh context, paired through its
 * own pairing screen), and the steps a person takes at it: PIN by keyboard
 * or pad, what the manager then sees through the API.
 *
 * The page opens with {@link quick} timings (no countdown, a confirmation
 * that stays until tapped) unless the test is about those waits; `ctx.reopen`
 * loads it again, still paired, with others.
 *
 * @example
 *   const ctx = useKioskPage(test, { now: '2026-11-23T08:57:00Z' });
 *
 *   test('a check-in', async () => {
 *     await enterPin(ctx.page, '111111', 'pad');
 *     await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
 *     await attendanceRows(ctx, 1); // from fixtures.ts
 *   });
 */
import assert from 'node:assert/strict';
import type { Test } from 'uvu';
import { useApiSuite, type ApiSuite, type SuiteOptions } from './api-suite.js';
import { button, chromiumForFile, openPage, until, type Browser, type Camera, type Locator, type Page } from './chromium.js';

/** The kiosk's two waits, as its page address takes them (`/kiosk?countdown=0&confirmSeconds=1`); unset means the kiosk's default (3 and 5 seconds). */
export type KioskTimings = { countdown?: number; confirmSeconds?: number };

/** What a real kiosk does: the 3-second countdown and the 5-second confirmation. */
export const realTimings: KioskTimings = {};

/**
 * For tests not about the waits: the photo is taken at once, and the
 * confirmation stays until the test taps it (30 s, the longest the kiosk
 * takes) rather than vanishing while the test reads it.
 */
export const quick: KioskTimings = { countdown: 0, confirmSeconds: 30 };

export function kioskPath(timings: KioskTimings): string {
  const query = new URLSearchParams();
  if (timings.countdown !== undefined) query.set('countdown', String(timings.countdown));
  if (timings.confirmSeconds !== undefined) query.set('confirmSeconds', String(timings.confirmSeconds));
  return query.toString() ? `/kiosk?${query}` : '/kiosk';
}

export type KioskPageOptions = SuiteOptions & {
  camera?: Camera;
  /** Pair the page through its pairing screen before each test (default true). */
  pair?: boolean;
  /** Default {@link quick}. */
  timings?: KioskTimings;
};

export type KioskPageSuite = ApiSuite & {
  browser: Browser;
  /** This test's kiosk page (its own context, closed after the test). */
  page: Page;
  /** Loads the kiosk again in `ctx.page` with other timings; it stays paired. */
  reopen(timings: KioskTimings): Promise<void>;
};

export function useKioskPage(test: Test, options: KioskPageOptions = {}): KioskPageSuite {
  const ctx = useApiSuite(test, options, {
    start: async () => {
      ctx.browser = await chromiumForFile(options.camera).acquire();
    },
    // The page loads while the manager and the seed data are made; it is paired once they are.
    eachTest: async () => {
      ctx.page = await openPage(ctx.browser, ctx.server.url, kioskPath(options.timings ?? quick));
    },
    stop: async () => {
      if (ctx.browser) await chromiumForFile(options.camera).release(ctx.browser);
    },
  }) as KioskPageSuite;
  ctx.reopen = async (timings) => {
    await ctx.page.goto(kioskPath(timings));
    await expectPadReady(ctx.page);
  };
  if (options.pair !== false) {
    test.before.each(async () => {
      await pairThroughUi(ctx.page, await newPairingCode(ctx));
    });
  }
  test.after.each(async () => {
    await ctx.page?.context().close();
  });
  return ctx;
}

/** A one-time pairing code, as the suite's manager makes it in the admin app. */
export async function newPairingCode(ctx: ApiSuite): Promise<string> {
  const reply = await ctx.client.post('/api/kiosks/pairing-codes', {}, await ctx.auth(ctx.manager));
  assert.equal(reply.status, 201, `pairing code: ${reply.text}`);
  return reply.body.code;
}

/** Types the code into the pairing screen and waits for the PIN pad. */
export async function pairThroughUi(page: Page, code: string): Promise<void> {
  await page.getByLabel('Pairing code').fill(code);
  await page.getByRole('button', { name: 'Pair' }).click();
  await expectPadReady(page);
}

/** The idle screen, connected: "Enter your PIN", no connection banner, the digit buttons enabled. */
export async function expectPadReady(page: Page): Promise<void> {
  await until.visible(page.getByText('Enter your PIN'));
  await until.gone(page.getByText(/Reconnecting…|Connecting to the server…|No connection to the server/));
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

/** Fails unless the element is visible and entirely inside the viewport (nothing to scroll to: the kiosk page does not scroll). */
export async function assertInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  await until.visible(locator);
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  assert.ok(box, `${what} has no box`);
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  assert.ok(inside, `${what} is cut off at ${viewport.width}×${viewport.height}: box ${JSON.stringify(box)}`);
}
