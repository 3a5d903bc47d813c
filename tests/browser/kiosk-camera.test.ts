/**
 * The kiosk page in Chromium without a usable camera: launched with no
 * (fake) camera at all, and with a camera whose permission is refused. The
 * page says what is wrong and what to do, and a person who identifies is
 * told to ask a manager; nothing is recorded without a photo.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { signIn, goTo } from '../helpers/admin-page.js';
import { eventually } from '../helpers/assertions.js';
import { button, chromiumForFile, openPage, saveShot, until, type Browser, type Camera, type Page } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember } from '../helpers/fixtures.js';
import { assertInViewport, enterPin, expectPadReady, newPairingCode, pairThroughUi } from '../helpers/kiosk-page.js';

// Each test needs Chromium launched with its own camera flags: both are launched with the server,
// rather than the kiosk suite's one browser.
const browsers = new Map<Camera, Browser>();
const ctx = useApiSuite(
  test,
  {
    now: '2026-11-23T08:57:00Z',
    timezone: 'UTC',
    async seed({ client, manager }) {
      await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
    },
  },
  {
    async start() {
      await Promise.all((['none', 'denied'] as const).map(async (camera) => browsers.set(camera, await chromiumForFile(camera).acquire())));
    },
    async stop() {
      await Promise.all([...browsers].map(([camera, browser]) => chromiumForFile(camera).release(browser)));
    },
  },
);

/**
 * In the Chromium with that camera: pairs the page, checks the camera banner,
 * then identifies and expects "ask a manager" and no record.
 */
async function expectCameraRefusal(camera: Camera, cameraMessage: RegExp, shot: string): Promise<void> {
  const page = await openPage(browsers.get(camera)!, ctx.server.url, '/kiosk');
  try {
    await pairThroughUi(page, await newPairingCode(ctx));
    const banner = page.getByRole('alert').getByText(cameraMessage);
    await until.visible(banner);
    await assertInViewport(page, banner, 'the camera message');
    await saveShot(page, `kiosk-${shot}-idle`);
    // The kiosk tells the server, and managers are alerted once.
    const manager = await ctx.auth(ctx.manager);
    const [kiosk] = await eventually(async () => (await ctx.client.get('/api/kiosks/', manager)).body as any[], (rows) => rows[0]?.health?.camera === 'failed');
    assert.match(kiosk.health.cameraError, cameraMessage);
    await ctx.server.deps.background.settled();
    const alerts = ((await ctx.client.get('/api/alerts/', manager)).body.alerts as any[]).filter((alert) => alert.type === 'kiosk_camera');
    assert.equal(alerts.length, 1);
    assert.match(alerts[0].message, /^Kiosk "[^"]+" reports that its camera is not working \(/);

    await enterPin(page, '111111', 'keyboard');
    const reply = page.getByRole('alert').getByText('Hello, asha. The camera is not working, so this kiosk cannot check you in. Ask a manager for help.');
    await until.visible(reply);
    await until.visible(banner);
    await assertInViewport(page, reply, 'the reply to asha');
    await assertInViewport(page, button(page, 'OK'), 'OK');
    await saveShot(page, `kiosk-${shot}-identified`);
    // No countdown, no capture: the pad is back for the next person and nothing is recorded.
    assert.equal(await page.locator('.countdown').count(), 0);
    await expectPadReady(page);
    await attendanceRows(ctx, 0);
    if (camera === 'none') await expectKiosksPageShowsIt(page);
  } finally {
    await page.context().close();
  }
}

/** The manager's Kiosks page, in the same browser: the camera "Not working" with the reason, the queue and the version. */
async function expectKiosksPageShowsIt(kioskPage: Page): Promise<void> {
  const page = await openPage(kioskPage.context().browser()!, ctx.server.url, '/app/kiosks');
  try {
    await signIn(page, ctx.manager.username, ctx.manager.password);
    await goTo(page, 'Kiosks');
    const row = page.getByRole('row').filter({ hasText: 'Not working' });
    await until.visible(row.getByText('No camera found. Connect a webcam, then reload this page.'));
    await until.visible(row.getByRole('cell', { name: '0', exact: true }));
    await saveShot(page, 'admin-40-kiosks-health');
  } finally {
    await page.context().close();
  }
}

test('no camera at all (Chromium without the fake device): "No camera found", then "ask a manager"', async () => {
  await expectCameraRefusal('none', /No camera found\. Connect a webcam, then reload this page\./, '17-no-camera');
});

test('camera permission refused: the page says how to allow it, then "ask a manager"', async () => {
  await expectCameraRefusal('denied', /The camera is blocked for this page\. Allow the camera/, '18-camera-denied');
});

test.run();
