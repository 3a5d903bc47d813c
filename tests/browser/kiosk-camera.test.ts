/**
 * The kiosk page in Chromium without a usable camera: launched with no
 * (fake) camera at all, and with a camera whose permission is refused. The
 * page says what is wrong and what to do, and a person who identifies is
 * told to ask a manager; nothing is recorded without a photo.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  assertInViewport,
  attendanceRows,
  button,
  enterPin,
  expectPadReady,
  launchChromium,
  newPairingCode,
  openKiosk,
  pairThroughUi,
  saveShot,
  until,
  type Browser,
  type Page,
} from '../helpers/browser.js';
import { createManager, createStaffMember, type Account } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let client: Client;
let manager: Account;

test.before(async () => {
  server = await startTestServer({ now: '2026-11-23T08:57:00Z', timezone: 'UTC' });
  client = createClient(server.url);
});
test.before.each(async () => {
  await server.reset();
  manager = await createManager(client);
  await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
});
test.after(async () => {
  await server.close();
});

/** Pairs the page, checks the camera banner, then identifies and expects "ask a manager" and no record. */
async function expectCameraRefusal(page: Page, cameraMessage: RegExp, shot: string): Promise<void> {
  await pairThroughUi(page, await newPairingCode(client, manager));
  const banner = page.getByRole('alert').getByText(cameraMessage);
  await until.visible(banner);
  await assertInViewport(page, banner, 'the camera message');
  await saveShot(page, `${shot}-idle`);

  await enterPin(page, '111111', 'keyboard');
  const reply = page.getByRole('alert').getByText('Hello, asha. The camera is not working, so this kiosk cannot check you in. Ask a manager for help.');
  await until.visible(reply);
  await until.visible(banner);
  await assertInViewport(page, reply, 'the reply to asha');
  await assertInViewport(page, button(page, 'OK'), 'OK');
  await saveShot(page, `${shot}-identified`);
  // No countdown, no capture: the pad is back for the next person and nothing is recorded.
  assert.equal(await page.locator('.countdown').count(), 0);
  await expectPadReady(page);
  await attendanceRows(client, manager, 0);
}

test('no camera at all (Chromium without the fake device): "No camera found", then "ask a manager"', async () => {
  const browser: Browser = await launchChromium({ camera: 'none' });
  try {
    const page = await openKiosk(browser, server.url);
    await expectCameraRefusal(page, /No camera found\. Connect a webcam, then reload this page\./, '17-no-camera');
  } finally {
    await browser.close();
  }
});

test('camera permission refused: the page says how to allow it, then "ask a manager"', async () => {
  const browser = await launchChromium({ camera: 'denied' });
  try {
    const page = await openKiosk(browser, server.url);
    await expectCameraRefusal(page, /The camera is blocked for this page\. Allow the camera/, '18-camera-denied');
  } finally {
    await browser.close();
  }
});

test.run();
