/**
 * The kiosk reloaded while its server is down (the server really stopped,
 * its port closed: `ctx.server.restart`): its service worker opens it from
 * the copy kept for this release — the PIN pad, the organisation's name, the
 * connection banner — and once the server is back it reconnects and
 * takes check-ins. The worker keeps nothing but the kiosk's files and the
 * status, and controls no page of the admin app.
 * Organisation time zone UTC; Monday 23 November 2026, asha works 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { saveShot, until, type Page } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import { enterPin, expectPadReady, useKioskPage } from '../helpers/kiosk-page.js';

let asha: StaffAccount;
const ctx = useKioskPage(test, {
  now: '2026-11-23T08:57:00Z',
  timezone: 'UTC',
  async seed({ client, manager }) {
    asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  },
});

// A reloaded page has never been connected, so it says "Connecting", not "Reconnecting"; or, once it can save punches offline, that it does.
const banner = () => ctx.page.getByRole('status').getByText(/^(Connecting to the server…|No connection to the server\.)/);

/** Resolves once a service worker controls the page (its first one claims it as soon as it is active). */
const workerInControl = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

/** The paths of everything the page's origin keeps in its caches, by cache name. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () =>
    Promise.all(
      (await caches.keys()).map(async (name) => ({ name, paths: (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname) })),
    ),
  );

test('reloaded while the server is down: PIN pad, name and banner; back up: reconnects and checks in', async () => {
  await workerInControl(ctx.page);
  await until.visible(ctx.page.getByText('Test Site'));

  await ctx.server.restart(async () => {
    const reloaded = await ctx.page.reload();
    assert.ok(reloaded?.fromServiceWorker(), 'the page came from the service worker');
    await until.visible(ctx.page.getByText('Enter your PIN'));
    await until.visible(ctx.page.getByText('Test Site'));
    await until.visible(banner());
    await saveShot(ctx.page, 'kiosk-30-reloaded-offline');
  });

  await expectPadReady(ctx.page);
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, asha.staffId);

  // After a check-in (identify, photo, Socket.IO) the worker still keeps only the kiosk's files and the status.
  const release = /\/kiosk\/r\/([0-9a-f]{12})\//.exec(await ctx.page.content())![1];
  const caches = await cachedPaths(ctx.page);
  assert.deepEqual(caches.map((cache) => cache.name), [`rollcall-kiosk-${release}`]);
  const unexpected = caches[0]!.paths.filter((path) => !['/kiosk', '/api/auth/status'].includes(path) && !path.startsWith(`/kiosk/r/${release}/`) && !path.startsWith(`/vendor/r/${release}/`));
  assert.deepEqual(unexpected, []);
  assert.ok(caches[0]!.paths.includes('/api/auth/status'));
});

test('the worker controls the kiosk at /kiosk and /kiosk/, and no page of the admin app', async () => {
  await workerInControl(ctx.page);
  const context = ctx.page.context();
  for (const path of ['/kiosk', '/kiosk/', '/app', '/app/live']) {
    const page = await context.newPage();
    await page.goto(path);
    const control = await page.evaluate(async () => ({ controlled: navigator.serviceWorker.controller !== null, registered: (await navigator.serviceWorker.getRegistration()) !== undefined }));
    const kiosk = path.startsWith('/kiosk');
    assert.deepEqual(control, { controlled: kiosk, registered: kiosk }, path);
    await page.close();
  }
});

test.run();
