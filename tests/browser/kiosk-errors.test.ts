/**
 * The kiosk page in Chromium, when the answer is no: a wrong PIN (with the
 * tries left), the lockout after five with a live countdown, and no window
 * open (naming when the next one opens). Organisation time zone UTC;
 * Monday 23 November 2026, asha works 09:00–17:00.
 */
import assert from 'node:assert/strict';
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
import { createManager, createStaffMember, type Account } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let client: Client;
let browser: Browser;
let manager: Account;
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
  await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  page = await openKiosk(browser, server.url);
  await pairThroughUi(page, await newPairingCode(client, manager));
});
test.after.each(() => page.context().close());
test.after(async () => {
  await browser.close();
  await server.close();
});

const alert = () => page.getByRole('alert');

test('a wrong PIN says so with the tries left, clears the dots, and the right PIN still works', async () => {
  await enterPin(page, '123456', 'keyboard');
  await until.visible(alert().getByText('That PIN is not right. 4 tries left before the kiosk locks.'));
  await saveShot(page, '11-wrong-pin');
  await until.visible(page.getByLabel('0 of 6 digits entered'));
  await expectPadReady(page);

  await enterPin(page, '654321', 'pad');
  await until.visible(alert().getByText('That PIN is not right. 3 tries left before the kiosk locks.'));

  // Backspace corrects a typo before Enter.
  for (const key of ['1', '1', '1', '1', '1', '9', 'Backspace', '1']) await page.keyboard.press(key);
  await until.visible(page.getByLabel('6 of 6 digits entered'));
  await page.keyboard.press('Enter');
  await until.visible(page.getByRole('heading', { name: 'Hello, asha' }));
});

test('five wrong PINs lock the kiosk: the pad is disabled and "Try again in m:ss" counts down live', async () => {
  for (let i = 1; i <= 4; i++) {
    await enterPin(page, '000000', i % 2 ? 'keyboard' : 'pad');
    await until.visible(alert().getByText(`That PIN is not right. ${5 - i === 1 ? '1 try' : `${5 - i} tries`} left`));
  }
  await enterPin(page, '000000', 'keyboard');
  const countdown = alert().getByText(/^Too many wrong PINs\. Try again in \d:\d\d\. A manager has been told\.$/);
  await until.visible(countdown);
  await until.visible(page.getByText('This kiosk is locked for a moment'));
  await saveShot(page, '12-locked');
  for (const key of ['0', '5', '9', 'Clear']) await until.disabled(button(page, key));

  const seconds = (text: string) => {
    const [, minutes, secs] = /in (\d):(\d\d)/.exec(text)!;
    return Number(minutes) * 60 + Number(secs);
  };
  const first = (await countdown.textContent())!;
  assert.ok(seconds(first) > 4 * 60 && seconds(first) <= 5 * 60, first);
  // The text changes by itself (no new PIN, no reload): wait for it to differ, then compare.
  await until.gone(alert().getByText(first, { exact: true }));
  const second = (await countdown.textContent())!;
  assert.ok(seconds(second) < seconds(first), `${second} after ${first}`);
  await until.gone(alert().getByText(second, { exact: true }));
  const third = (await countdown.textContent())!;
  assert.ok(seconds(third) < seconds(second), `${third} after ${second}`);

  // Typing on the keyboard does nothing while locked, and the right PIN is not even sent.
  for (const digit of '111111') await page.keyboard.press(digit);
  await page.keyboard.press('Enter');
  await until.visible(page.getByLabel('0 of 6 digits entered'));
  await until.visible(countdown);
  await attendanceRows(client, manager, 0);
});

test('no window open: the message names the person and when and for which shift the next window opens', async () => {
  await setClock(server, client, manager, at('12:00:00'));
  await enterPin(page, '111111', 'pad');
  const message = alert().getByText(/No check-in or check-out window is open for you, asha, right now\./);
  await until.visible(message);
  assert.match((await message.textContent())!, /Your next window opens Monday 23 November at 16:00 \(check-out for the 09:00–17:00 shift\)\./);
  await saveShot(page, '13-no-window');
  await expectPadReady(page);
  await attendanceRows(client, manager, 0);
});

test('no shift at all in the coming week: the message says so', async () => {
  await createStaffMember(client, manager, 'cleo', { pin: '333333' });
  await enterPin(page, '333333', 'keyboard');
  await until.visible(alert().getByText(/You have no shifts in the coming week\./));
});

test.run();
