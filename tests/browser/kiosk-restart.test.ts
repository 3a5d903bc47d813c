/**
 * The kiosk page in Chromium while the server restarts (same port, same
 * database): a "No connection" banner while it is down, the pad still
 * taking PINs (saved offline, see kiosk-offline.test.ts), then back to work
 * by itself, with exactly one attendance row per check-in.
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

const banner = () => ctx.page.getByRole('status').getByText(/^No connection to the server\./);

test('a restart while a PIN is typed: banner while down, the typed PIN kept, then OK checks in online, one row', async () => {
  const url = ctx.server.url;
  await expectPadReady(ctx.page);
  for (const digit of '111111') await ctx.page.keyboard.press(digit);
  await until.enabled(button(ctx.page, 'OK'));
  await ctx.server.restart(async () => {
    await until.visible(banner());
    // The pad stays usable (a PIN now would be saved offline); what was typed is kept.
    for (const key of ['OK', '1', '0', 'Clear']) await until.enabled(button(ctx.page, key));
    await assertInViewport(ctx.page, button(ctx.page, 'OK'), 'OK under the banner');
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
  assert.equal(record.source, 'kiosk');

  // And PINs are typed as usual: the same person again is told they are checked in.
  await ctx.page.getByText('Tap to finish').click();
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'You are already checked in since 08:57.' }));
  await attendanceRows(ctx, 1);
});

test('server down when the countdown ends: the photo is saved on the kiosk, sent once it is back, and recorded once', async () => {
  // The real countdown: the server goes down while it runs.
  await ctx.reopen({ ...quick, countdown: 3 });
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.locator('.countdown').getByText('3', { exact: true }));
  await ctx.server.restart(async () => {
    // The countdown runs out while the server is away: the photo is sealed and saved with the PIN.
    await until.visible(ctx.page.getByRole('heading', { name: 'Saved — it will be sent when the connection is back' }));
    await until.visible(ctx.page.getByText('1 punch is waiting on this kiosk.'));
    await saveShot(ctx.page, 'kiosk-15-photo-saved-while-down');
  });

  await ctx.page.getByText('Tap to finish').click();
  await until.gone(banner());
  await until.gone(ctx.page.getByText(/saved while offline/));
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, asha.staffId);
  assert.equal(record.source, 'kiosk_offline');

  // The kiosk carries on: the same person again is told they are checked in, still one row.
  // Its time is when the photo was taken (the server's clock stands still in this test, so a moment before 08:57).
  const takenAt = new Date(record.timestamp);
  assert.ok(Date.parse('2026-11-23T08:56:00Z') <= takenAt.getTime() && takenAt.getTime() <= Date.parse('2026-11-23T08:57:00Z'), record.timestamp);
  const shown = takenAt.toISOString().slice(11, 16);
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.getByRole('heading', { name: `You are already checked in since ${shown}.` }));
  await attendanceRows(ctx, 1);
});

test.run();
