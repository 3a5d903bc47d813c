/**
 * The kiosk page in Chromium with the fake webcam, checking in and out:
 * PIN by keyboard or on-screen pad, the 3-second countdown, the automatic
 * photo, the confirmation, and the stored record and photo seen through the
 * API. Organisation time zone UTC; Monday 23 November 2026.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { test } from 'uvu';
import {
  attendanceRows,
  button,
  enterPin,
  expectPadReady,
  launchChromium,
  newPairingCode,
  openKiosk,
  pairThroughUi,
  saveShot,
  setClock,
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
let bo: StaffAccount;
let page: Page;

const at = (time: string) => `2026-11-23T${time}Z`;

test.before(async () => {
  [server, browser] = await Promise.all([startTestServer({ now: at('08:57:00'), timezone: 'UTC' }), launchChromium()]);
  client = createClient(server.url);
});
test.before.each(async () => {
  await server.reset();
  server.clock.set(at('08:57:00'));
  manager = await createManager(client);
  asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  // An early shift ending at 09:00 and the next one starting at 09:30: at 09:00 both windows are open.
  bo = await createStaffMember(client, manager, 'bo', {
    pin: '222222',
    shifts: [
      { day: 'Monday', start: '06:00', end: '09:00' },
      { day: 'Monday', start: '09:30', end: '17:00' },
    ],
  });
  page = await openKiosk(browser, server.url);
  await pairThroughUi(page, await newPairingCode(client, manager));
});
test.after.each(() => page.context().close());
test.after(async () => {
  await browser.close();
  await server.close();
});

/** The stored photo of a record, fetched as the manager: a WebP at most 640 px wide. */
async function assertStoredPhoto(photoUrl: string): Promise<void> {
  const reply = await fetch(`${server.url}${photoUrl}`, { headers: { Authorization: `Bearer ${manager.token}` } });
  assert.equal(reply.status, 200, photoUrl);
  assert.equal(reply.headers.get('content-type'), 'image/webp');
  const metadata = await sharp(Buffer.from(await reply.arrayBuffer())).metadata();
  assert.equal(metadata.format, 'webp');
  assert.ok(metadata.width! > 0 && metadata.width! <= 640, `photo width ${metadata.width}`);
  assert.ok(metadata.height! > 0, `photo height ${metadata.height}`);
}

test('keyboard PIN: hello, a 3-second countdown over the live preview, automatic photo, confirmation, stored record', async () => {
  await enterPin(page, '111111', 'keyboard');
  const pressed = Date.now();
  await until.visible(page.getByRole('heading', { name: 'Hello, asha' }));
  await until.visible(page.getByText('Check in — shift 09:00–17:00'));
  await until.visible(page.getByLabel('Camera preview'));
  await until.visible(page.locator('.countdown').getByText('2', { exact: true }));
  await saveShot(page, '05-countdown');
  // Mid-countdown nothing is recorded yet: the photo waits for zero.
  await attendanceRows(client, manager, 0);
  assert.ok(await page.getByLabel('Camera preview').evaluate((video: HTMLVideoElement) => video.videoWidth > 0 && !video.paused), 'the preview is playing');

  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  const confirmedAfter = Date.now() - pressed;
  await until.visible(page.getByText('On time', { exact: true }));
  await until.visible(page.getByRole('img', { name: 'Photo of asha just taken' }));
  await saveShot(page, '06-confirmed-on-time');
  assert.ok(confirmedAfter >= 3000, `the photo waited for the countdown (confirmed ${confirmedAfter} ms after Enter)`);

  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.staff, asha.staffId);
  assert.equal(record.kind, 'check_in');
  assert.equal(record.status, 'on_time');
  assert.equal(record.timestamp, at('08:57:00.000'));
  await assertStoredPhoto(record.captured_image);

  // The confirmation goes back to the pad on a tap.
  await page.getByText('Tap to finish').click();
  await expectPadReady(page);
});

test('on-screen pad: Clear empties the PIN, a late check-in says Late, and the pad returns by itself', async () => {
  await setClock(server, client, manager, at('09:20:00'));
  await expectPadReady(page);
  await button(page, '9').click();
  await button(page, '9').click();
  await until.visible(page.getByLabel('2 of 6 digits entered'));
  await until.disabled(button(page, 'OK'));
  await button(page, 'Clear').click();
  await until.visible(page.getByLabel('0 of 6 digits entered'));

  await enterPin(page, '111111', 'pad');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 09:20' }));
  await until.visible(page.getByText('Late', { exact: true }));
  await saveShot(page, '07-confirmed-late');
  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.status, 'late');
  await assertStoredPhoto(record.captured_image);

  // Nobody taps: after 5 seconds the kiosk is ready for the next person.
  await expectPadReady(page);
  await until.visible(page.getByLabel('0 of 6 digits entered'));
});

test('both windows open: "Check in" and "Check out" buttons, and the chosen one is recorded', async () => {
  await setClock(server, client, manager, at('09:00:00'));
  await enterPin(page, '222222', 'pad');
  await until.visible(page.getByRole('heading', { name: 'Hello, bo' }));
  const checkIn = page.getByRole('button', { name: /^Check in/ });
  const checkOut = page.getByRole('button', { name: /^Check out/ });
  await until.visible(checkIn);
  await until.visible(checkOut);
  assert.match((await checkIn.textContent()) ?? '', /shift 09:30–17:00/);
  assert.match((await checkOut.textContent()) ?? '', /shift 06:00–09:00/);
  await saveShot(page, '08-choose');

  await checkOut.click();
  await until.visible(page.getByText('Check out — shift 06:00–09:00'));
  await until.visible(page.getByRole('heading', { name: 'Checked out at 09:00' }));
  await saveShot(page, '09-confirmed-check-out');
  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.staff, bo.staffId);
  assert.equal(record.kind, 'check_out');
  assert.equal(record.scheduled_end, at('09:00:00.000'));
  await assertStoredPhoto(record.captured_image);

  // Next time only the check-in is left: it is offered alone, with the countdown.
  await page.getByText('Tap to finish').click();
  await enterPin(page, '222222', 'keyboard');
  await until.visible(page.getByText('Check in — shift 09:30–17:00'));
  await until.visible(page.getByRole('heading', { name: 'Checked in at 09:00' }));
  const rows = await attendanceRows(client, manager, 2);
  assert.deepEqual(rows.map((row) => row.kind).sort(), ['check_in', 'check_out']);
});

test('Cancel during the countdown returns to the pad and takes no photo', async () => {
  await enterPin(page, '111111', 'keyboard');
  await until.visible(page.locator('.countdown').getByText('3', { exact: true }));
  await button(page, 'Cancel').click();
  await expectPadReady(page);
  await until.gone(page.getByLabel('Camera preview'));
  await saveShot(page, '10-after-cancel');

  // The next check-in takes longer than the cancelled countdown would have: had that one
  // still fired, a row would exist before this one and the count below would be off.
  await attendanceRows(client, manager, 0);
  await setClock(server, client, manager, at('08:58:00'));
  await enterPin(page, '111111', 'pad');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:58' }));
  const [record] = await attendanceRows(client, manager, 1);
  assert.equal(record.timestamp, at('08:58:00.000'));
});

test('Cancel on the choice screen returns to the pad', async () => {
  await setClock(server, client, manager, at('09:00:00'));
  await enterPin(page, '222222', 'keyboard');
  await until.visible(page.getByRole('button', { name: /^Check out/ }));
  await button(page, 'Cancel').click();
  await expectPadReady(page);
  await attendanceRows(client, manager, 0);
});

test('checking in twice in one window shows the first record again, and stores one row', async () => {
  await enterPin(page, '111111', 'keyboard');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await page.getByText('Tap to finish').click();

  await setClock(server, client, manager, at('09:01:00'));
  await enterPin(page, '111111', 'keyboard');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await attendanceRows(client, manager, 1);
});

test.run();
