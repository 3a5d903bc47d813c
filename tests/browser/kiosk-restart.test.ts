/**
 * The kiosk page in Chromium while the server restarts (same port, same
 * database): a "Reconnecting…" banner and a disabled pad while it is down,
 * then back to work by itself, with exactly one attendance row per check-in.
 * Organisation time zone UTC; Monday 23 November 2026, asha works 09:00–17:00.
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
import { createManager, createStaffMember, type Account, type StaffAccount } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let client: Client;
let browser: Browser;
let manager: Account;
let asha: StaffAccount;
let page: Page;

test.before(async () => {
  [server, browser] = await Promise.all([startTestServer({ now: '2026-11-23T08:57:00Z', timezone: 'UTC' }), launchChromium()]);
  client = createClient(server.url);
});
test.before.each(async () => {
  await server.reset();
  manager = await createManager(client);
  asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  page = await openKiosk(browser, server.url);
  await pairThroughUi(page, await newPairingCode(client, manager));
});
test.after.each(() => page.context().close());
test.after(async () => {
  await browser.close();
  await server.close();
});

const banner = () => page.getByRole('status').getByText(/^Reconnecting…/);

test('a restart while a PIN is typed: banner and disabled pad while down, then OK works, one row', async () => {
  const url = server.url;
  await expectPadReady(page);
  for (const digit of '111111') await page.keyboard.press(digit);
  await until.enabled(button(page, 'OK'));
  await server.restart(async () => {
    await until.visible(banner());
    await until.disabled(button(page, 'OK'));
    for (const key of ['1', '0', 'Clear']) await until.disabled(button(page, key));
    await assertInViewport(page, button(page, 'OK'), 'OK under the banner');
    // Enter and Backspace do nothing while down: the PIN is neither sent nor changed.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await until.visible(page.getByText('Enter your PIN'));
    await until.visible(page.getByLabel('6 of 6 digits entered'));
    await saveShot(page, '14-reconnecting');
  });
  assert.equal(server.url, url, 'same address after the restart');

  await until.gone(banner());
  await until.enabled(button(page, 'OK'));
  await button(page, 'OK').click();
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.staff, asha.staffId);
  assert.equal(record.kind, 'check_in');

  // And the next person types a PIN as usual.
  await page.getByText('Tap to finish').click();
  await enterPin(page, '111111', 'pad');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await attendanceRows(client, manager, 1);
});

test('server down when the countdown ends: the photo waits, is sent once it is back, and is recorded once', async () => {
  await enterPin(page, '111111', 'pad');
  await until.visible(page.locator('.countdown').getByText('3', { exact: true }));
  await server.restart(async () => {
    await until.visible(banner());
    // The countdown runs out while the server is away: the photo is taken and held.
    await until.visible(page.getByText('Reconnecting… your photo will be sent'));
    await until.visible(page.getByText(/Photo taken\. Please wait/));
    await saveShot(page, '15-photo-waiting-for-server');
  });

  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await until.gone(banner());
  await saveShot(page, '16-confirmed-after-restart');
  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.staff, asha.staffId);

  // The kiosk carries on: the same person again shows the same record, still one row.
  await page.getByText('Tap to finish').click();
  await enterPin(page, '111111', 'keyboard');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await attendanceRows(client, manager, 1);
});

test.run();
