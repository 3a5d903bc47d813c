/**
 * The kiosk page in Chromium (fake webcam) against a real server process:
 *
 * - check-in latency as a person feels it: from pressing OK to the
 *   confirmation on screen, minus the deliberate 3-second countdown, median
 *   over 20 check-ins (each by a different person, so every one stores a photo);
 * - page weight of a first load (empty cache), bytes on the wire as Chromium
 *   counts them (compressed bodies plus headers), per resource;
 * - time to interactive: navigation start to the PIN pad enabled (connected).
 *
 *   node --import tsx bench/kiosk-ui.ts        (BENCH_CHECKINS=5 for a quick look)
 *
 * How the check-in is timed: a script added to the page before it loads
 * timestamps (performance.now(), after the next animation frame, i.e. the
 * frame that shows the change) four moments seen in the DOM: the OK button
 * clicked; the countdown "3" shown (the identify round trip is done); the
 * countdown replaced by "Saving…" (the countdown has reached zero and the
 * capture starts); the "Checked in at" heading shown. The figure is
 * (countdown shown − OK) + (confirmed − capture start): everything but the
 * 3-second wait, i.e. identify round trip + render, then frame grab, JPEG
 * encode, upload, server processing (sharp, database, photo file), ack, render.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { button, launchChromium, until, type Page } from '../tests/helpers/browser.js';
import { registerAndSignIn } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { median, ms, percentile } from './stats.js';

const checkIns = Number(process.env.BENCH_CHECKINS ?? 20);
const warmUp = 2;
const coldLoads = 5;

/**
 * Installed before the kiosk's own scripts: timestamps the moments described
 * above. A string, not a function: tsx would wrap a function's inner
 * functions in a helper that does not exist in the page.
 */
const instrument = `
  const bench = (window.__bench = { marks: {} });
  // performance.now() at the next animation frame: the frame that shows the change.
  const mark = (name) => {
    if (bench.marks[name] !== undefined) return;
    bench.marks[name] = -1;
    requestAnimationFrame(() => (bench.marks[name] = performance.now()));
  };
  document.addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest('button')?.textContent.trim() === 'OK') {
      bench.marks = { ok: performance.now() };
    }
  }, true);
  new MutationObserver(() => {
    if (bench.marks.ok === undefined) return;
    const countdown = document.querySelector('.countdown');
    if (countdown && !countdown.classList.contains('small') && countdown.textContent === '3') mark('countdown');
    if (document.querySelector('.countdown.small')) mark('capture');
    if ([...document.querySelectorAll('h1')].some((h) => h.textContent.startsWith('Checked in at'))) mark('confirmed');
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-kiosk-'));
const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
const browser = await launchChromium();
try {
  const client = createClient(server.url);
  const manager = await registerAndSignIn(client, 'bench_manager', 'Manager');

  // One person per check-in, each with a shift starting now, so every check-in is a new record with a photo.
  const now = DateTime.utc();
  const shift = { day_of_week: now.toFormat('cccc'), shift_start: now.toFormat('HH:mm:00'), shift_end: now.plus({ hours: 8 }).toFormat('HH:mm:00') };
  const offDay = now.weekday === 7 ? 'Monday' : 'Sunday';
  const pins: string[] = [];
  for (let i = 0; i < checkIns + warmUp; i++) {
    const account = await registerAndSignIn(client, `bench_staff_${i}`, 'Employee', manager.token);
    const pin = String(200000 + i * 7919).padStart(6, '0');
    const profile = await client.post('/api/staff/', { user: account.id, weekly_off_days: offDay, pin }, { token: manager.token });
    if (profile.status !== 201) throw new Error(`staff: ${profile.text}`);
    const created = await client.post('/api/shifts/', { staff: profile.body.id, ...shift }, { token: manager.token });
    if (created.status !== 201) throw new Error(`shift: ${created.text}`);
    pins.push(pin);
  }
  const code = await client.post('/api/kiosks/pairing-codes', {}, { token: manager.token });
  const paired = await client.post('/api/kiosks/pair', { code: code.body.code, name: 'Bench' });
  if (paired.status !== 201) throw new Error(`pair: ${paired.text}`);
  const token: string = paired.body.token;

  /** A new context (empty cache) whose kiosk is already paired: what a laptop sees every morning after a restart. */
  async function pairedPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
    await context.addInitScript((value) => localStorage.setItem('rollcall.kioskToken', value), token);
    await context.addInitScript({ content: instrument });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  // --- First load: bytes on the wire and time to interactive, over a few cold loads.
  const ttis: number[] = [];
  let weight: { url: string; encoded: number; decoded: number }[] = [];
  for (let i = 0; i < coldLoads; i++) {
    const page = await pairedPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map<string, { url: string; encoded: number; decoded: number }>();
    cdp.on('Network.responseReceived', (event) => requests.set(event.requestId, { url: event.response.url, encoded: 0, decoded: 0 }));
    cdp.on('Network.dataReceived', (event) => {
      const entry = requests.get(event.requestId);
      if (entry) entry.decoded += event.dataLength;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const entry = requests.get(event.requestId);
      if (entry) entry.encoded = event.encodedDataLength;
    });
    await page.goto('/kiosk');
    // Polled every animation frame from the page: the first frame where "1" is enabled, in ms since navigation start.
    const tti = await page.waitForFunction(() => {
      const one = [...document.querySelectorAll('button')].find((b) => b.textContent === '1');
      return one && !one.disabled && performance.now();
    });
    ttis.push((await tti.jsonValue()) as number);
    await page.waitForLoadState('networkidle');
    weight = [...requests.values()];
    await page.context().close();
  }

  // --- Check-ins: pressing OK to the confirmation, without the countdown.
  const page = await pairedPage();
  await page.goto('/kiosk');
  const identifyTimes: number[] = [];
  const captureTimes: number[] = [];
  const totals: number[] = [];
  let frameSize = '';
  for (const [index, pin] of pins.entries()) {
    await until.enabled(button(page, '1'));
    for (const digit of pin) await page.keyboard.press(digit);
    await until.enabled(button(page, 'OK'));
    await button(page, 'OK').click();
    await until.visible(page.getByRole('heading', { name: /^Checked in at/ }));
    const marks = await page.waitForFunction(() => {
      const m = (window as any).__bench.marks;
      return m.confirmed > 0 && m.countdown > 0 && m.capture > 0 && m;
    });
    const { ok, countdown, capture, confirmed } = (await marks.jsonValue()) as Record<string, number>;
    if (index >= warmUp) {
      identifyTimes.push(countdown! - ok!);
      captureTimes.push(confirmed! - capture!);
      totals.push(countdown! - ok! + (confirmed! - capture!));
    }
    frameSize ||= await page.evaluate(() => {
      const video = document.querySelector('video')!;
      return `${video.videoWidth}×${video.videoHeight}`;
    });
    await page.getByText('Tap to finish').click();
  }
  await page.context().close();

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`Chromium ${browser.version()}, fake webcam ${frameSize}, server process on PGlite (${server.url})`);
  console.log(`\nOK → confirmation on screen, excluding the 3 s countdown, ${totals.length} check-ins (after ${warmUp} warm-up):`);
  console.log(`  total          median ${ms(median(totals))}, p90 ${ms(percentile(totals, 90))}, max ${ms(Math.max(...totals))}`);
  console.log(`  OK → countdown shown (identify)            median ${ms(median(identifyTimes))}`);
  console.log(`  countdown at zero → confirmation (capture)  median ${ms(median(captureTimes))}`);
  console.log(`\nFirst load of a paired kiosk, empty cache (${coldLoads} loads):`);
  console.log(`  time to interactive (navigation start → PIN pad enabled): median ${ms(median(ttis))}, max ${ms(Math.max(...ttis))}`);
  const total = weight.reduce((sum, entry) => sum + entry.encoded, 0);
  const decoded = weight.reduce((sum, entry) => sum + entry.decoded, 0);
  console.log(`  transferred: ${kb(total)} on the wire (compressed bodies + headers) for ${kb(decoded)} of content, ${weight.length} responses:`);
  for (const entry of weight.sort((a, b) => b.encoded - a.encoded)) {
    console.log(`    ${kb(entry.encoded).padStart(9)}  (${kb(entry.decoded).padStart(9)} uncompressed)  ${new URL(entry.url).pathname}`);
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
