/**
 * The kiosk page in Chromium while the server restarts (same port, same
 * database): a "Reconnecting…" banner and a disabled pad while it is down,
 * then back to work by itself, with exactly one attendance row per check-in.
 * Organisation time zone UTC; Monday 23 November 2026, asha works 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { button, saveShot, until } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import { assertInViewport, enterPin, expectPadReady, quick, useKioskPage } from '../helpers/kiosk-page.js';

let asha: StaffAccount;
const ctx = useKioskPage(test, {
  now: '2026-11-23T08:57:00Z',
  timezone: 'UTC',
  async seed({ client, manager }) {
    asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  },
});

const banner = () => ctx.page.getByRole('status').getByText(/^Reconnecting…/);

test('a restart while a PIN is typed: banner and disabled pad while down, then OK works, one row', async () => {
  const url = ctx.server.url;
  await expectPadReady(ctx.page);
  for (const digit of '111111') await ctx.page.keyboard.press(digit);
  await until.enabled(button(ctx.page, 'OK'));
  await ctx.server.restart(async () => {
    await until.visible(banner());
    await until.disabled(button(ctx.page, 'OK'));
    for (const key of ['1', '0', 'Clear']) await until.disabled(button(ctx.page, key));
    await assertInViewport(ctx.page, button(ctx.page, 'OK'), 'OK under the banner');
    // Enter and Backspace do nothing while down: the PIN is neither sent nor changed.
    await ctx.page.keyboard.press('Enter');
    await ctx.page.keyboard.press('Backspace');
    await until.visible(ctx.page.getByText('Enter your PIN'));
    await until.visible(ctx.page.getByLabel('6 of 6 digits entered'));
    await saveShot(ctx.page, 'kiosk-14-reconnecting');
  });
  assert.equal(ctx.server.url, url, 'same address after the restart');

  await until.gone(banner());
  await until.enabled(button(ctx.page, 'OK'));
  await button(ctx.page, 'OK').click();
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, asha.staffId);
  assert.equal(record.kind, 'check_in');

  // And PINs are typed as usual: the same person again is told they are checked in.
  await ctx.page.getByText('Tap to finish').click();
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'You are already checked in since 08:57.' }));
  await attendanceRows(ctx, 1);
});

test('server down when the countdown ends: the photo waits, is sent once it is back, and is recorded once', async () => {
  // The real countdown: the server goes down while it runs.
  await ctx.reopen({ ...quick, countdown: 3 });
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.locator('.countdown').getByText('3', { exact: true }));
  await ctx.server.restart(async () => {
    await until.visible(banner());
    // The countdown runs out while the server is away: the photo is taken and held.
    await until.visible(ctx.page.getByText('Reconnecting… your photo will be sent'));
    await until.visible(ctx.page.getByText(/Photo taken\. Please wait/));
    await saveShot(ctx.page, 'kiosk-15-photo-waiting-for-server');
  });

  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await until.gone(banner());
  await saveShot(ctx.page, 'kiosk-16-confirmed-after-restart');
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, asha.staffId);

  // The kiosk carries on: the same person again is told they are checked in, still one row.
  await ctx.page.getByText('Tap to finish').click();
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.getByRole('heading', { name: 'You are already checked in since 08:57.' }));
  await attendanceRows(ctx, 1);
});

test.run();
