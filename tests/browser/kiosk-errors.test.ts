/**
 * The kiosk page in Chromium, when the answer is no: a wrong PIN (with the
 * tries left), the lockout after five with a live countdown, and no window
 * open (naming when the next one opens). Organisation time zone UTC;
 * Monday 23 November 2026, asha works 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { button, saveShot, until } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember } from '../helpers/fixtures.js';
import { enterPin, expectPadReady, realTimings, useKioskPage } from '../helpers/kiosk-page.js';

const at = (time: string) => `2026-11-23T${time}Z`;

// The kiosk's real timings: no test here waits for a countdown or a confirmation, and the first
// ends at "Hello", which a zero countdown would hurry past.
const ctx = useKioskPage(test, {
  now: at('08:57:00'),
  timezone: 'UTC',
  timings: realTimings,
  async seed({ client, manager }) {
    await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  },
});

const alert = () => ctx.page.getByRole('alert');
/** Information, such as when your next window opens: shown in a neutral style, not as an alarm. */
const information = () => ctx.page.getByRole('status');

const padBox = async () => {
  const box = await ctx.page.locator('.pin-pad').boundingBox();
  assert.ok(box, 'the PIN pad is on screen');
  return box;
};

test('a wrong PIN says so with the tries left, clears the dots, and the right PIN still works', async () => {
  const before = await padBox();
  await enterPin(ctx.page, '123456', 'keyboard');
  await until.visible(alert().getByText('That PIN is not right. 4 tries left before the kiosk locks.'));
  assert.deepEqual(await padBox(), before, 'the pad does not move when a message appears');
  await saveShot(ctx.page, 'kiosk-11-wrong-pin');
  await until.visible(ctx.page.getByLabel('0 of 6 digits entered'));
  await expectPadReady(ctx.page);

  await enterPin(ctx.page, '654321', 'pad');
  await until.visible(alert().getByText('That PIN is not right. 3 tries left before the kiosk locks.'));

  // Backspace corrects a typo before Enter.
  for (const key of ['1', '1', '1', '1', '1', '9', 'Backspace', '1']) await ctx.page.keyboard.press(key);
  await until.visible(ctx.page.getByLabel('6 of 6 digits entered'));
  await ctx.page.keyboard.press('Enter');
  await until.visible(ctx.page.getByRole('heading', { name: 'Hello, asha' }));
});

test('five wrong PINs lock the kiosk: the pad is disabled and "Try again in m:ss" counts down live', async () => {
  for (let i = 1; i <= 4; i++) {
    await enterPin(ctx.page, '000000', i % 2 ? 'keyboard' : 'pad');
    await until.visible(alert().getByText(`That PIN is not right. ${5 - i === 1 ? '1 try' : `${5 - i} tries`} left`));
  }
  await enterPin(ctx.page, '000000', 'keyboard');
  const countdown = alert().getByText(/^Too many wrong PINs\. Try again in \d:\d\d\. A manager has been told\.$/);
  await until.visible(countdown);
  await until.visible(ctx.page.getByText('This kiosk is locked for a moment'));
  await saveShot(ctx.page, 'kiosk-12-locked');
  for (const key of ['0', '5', '9', 'Clear']) await until.disabled(button(ctx.page, key));

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
  for (const digit of '111111') await ctx.page.keyboard.press(digit);
  await ctx.page.keyboard.press('Enter');
  await until.visible(ctx.page.getByLabel('0 of 6 digits entered'));
  await until.visible(countdown);
  await attendanceRows(ctx, 0);

  // A reload (or a new tab) during the lockout shows the lockout, not a live pad.
  await ctx.page.reload();
  await until.visible(alert().getByText(/^Too many wrong PINs\. Try again in \d:\d\d\. A manager has been told\.$/));
  for (const key of ['0', '5', '9', 'Clear']) await until.disabled(button(ctx.page, key));
});

test('no window open: the message names the person and when and for which shift the next window opens', async () => {
  ctx.server.clock.set(at('12:00:00'));
  await enterPin(ctx.page, '111111', 'pad');
  const message = information().getByText(/No check-in or check-out window is open for you, asha, right now\./);
  await until.visible(message);
  assert.equal(await message.getAttribute('class'), 'message info');
  assert.match((await message.textContent())!, /Your next window opens Monday 23 November at 16:00 \(check-out for the 09:00–17:00 shift\)\./);
  await saveShot(ctx.page, 'kiosk-13-no-window');
  await expectPadReady(ctx.page);
  await attendanceRows(ctx, 0);
});

test('no shift at all in the coming week: the message says so', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'cleo', { pin: '333333' });
  await enterPin(ctx.page, '333333', 'keyboard');
  await until.visible(information().getByText(/You have no shifts in the coming week\./));
});

test.run();
