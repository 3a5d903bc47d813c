/**
 * A paired kiosk's page in Chromium against a real server process, from
 * navigation start to the PIN pad on screen (the digit buttons rendered):
 *
 * - first load: a new browser context (empty HTTP cache, no service worker),
 *   server up; also when the worker it installs meanwhile takes control; and
 *   the same with service workers blocked, for what the worker costs it;
 * - reload, server up, the worker in control (page from the network, its
 *   files from the worker's cache);
 * - reload with the server process stopped (port closed), the worker in
 *   control: everything from the worker's cache, the pad shown under the
 *   "Connecting…" banner.
 *
 *   node --import tsx bench/kiosk-load.ts        (BENCH_RUNS=20)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, type Page } from '../tests/helpers/browser.js';
import { registerAndSignIn } from '../tests/helpers/fixtures.js';
import { createClient } from '../tests/helpers/http.js';
import { spawnServer } from '../tests/helpers/server-process.js';
import { median, ms, percentile } from './stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 20);

/** Polled every animation frame in the page: ms since navigation start at the first frame with the pad's "1". */
async function padShownAt(page: Page): Promise<number> {
  const shown = await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === '1') && performance.now(), undefined, { polling: 'raf' });
  return (await shown.jsonValue()) as number;
}

async function workerInControlAt(page: Page): Promise<number> {
  const controlled = await page.waitForFunction(() => navigator.serviceWorker.controller !== null && performance.now(), undefined, { polling: 'raf' });
  return (await controlled.jsonValue()) as number;
}

const figures = (samples: number[]) => `median ${ms(median(samples))}, p95 ${ms(percentile(samples, 95))}`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-bench-kiosk-load-'));
const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
const browser = await launchChromium();
try {
  const client = createClient(server.url);
  const manager = await registerAndSignIn(client, 'bench_manager', 'Manager');
  const code = await client.post('/api/kiosks/pairing-codes', {}, { token: manager.token });
  const paired = await client.post('/api/kiosks/pair', { code: code.body.code, name: 'Bench' });
  if (paired.status !== 201) throw new Error(`pair: ${paired.text}`);
  const token: string = paired.body.token;

  /** A new context (empty cache, no worker) whose kiosk is already paired. */
  async function pairedPage(serviceWorkers: 'allow' | 'block' = 'allow'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url, serviceWorkers });
    await context.addInitScript((value) => localStorage.setItem('rollcall.kioskToken', value), token);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  const firstLoads: number[] = [];
  const inControl: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await pairedPage();
    await page.goto('/kiosk', { waitUntil: 'commit' });
    firstLoads.push(await padShownAt(page));
    inControl.push(await workerInControlAt(page));
    await page.context().close();
  }
  const withoutWorker: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await pairedPage('block');
    await page.goto('/kiosk', { waitUntil: 'commit' });
    withoutWorker.push(await padShownAt(page));
    await page.context().close();
  }

  const page = await pairedPage();
  await page.goto('/kiosk');
  await workerInControlAt(page);
  const onlineReloads: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload({ waitUntil: 'commit' });
    onlineReloads.push(await padShownAt(page));
  }

  await server.stop();
  const offlineReloads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const response = await page.reload({ waitUntil: 'commit' });
    if (!response?.fromServiceWorker()) throw new Error('the offline reload did not come from the service worker');
    offlineReloads.push(await padShownAt(page));
  }
  await page.context().close();

  console.log(`Chromium ${browser.version()}, server process on PGlite (${server.url}), ${runs} runs each, navigation start → PIN pad shown:`);
  console.log(`  first load, new context, server up              ${figures(firstLoads)}`);
  console.log(`    … its service worker in control               ${figures(inControl)}`);
  console.log(`  first load, service workers blocked             ${figures(withoutWorker)}`);
  console.log(`  reload, server up, worker in control            ${figures(onlineReloads)}`);
  console.log(`  reload, server stopped, worker in control       ${figures(offlineReloads)}`);
} finally {
  await browser.close();
  if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
