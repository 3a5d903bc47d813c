/**
 * The kiosk page and the manager's Kiosks page in Chromium, when wrong PINs
 * reach the 24-hour cap: someone holding the kiosk's token guesses as fast
 * as the short lockouts allow (the server's clock moved past each), five
 * more wrong PINs typed at the kiosk reach the cap, the kiosk says to ask a
 * manager, the Kiosks page shows it locked and why, and once the manager
 * clicks Unlock the kiosk's pad works again without a reload.
 * Organisation time zone UTC; Monday 23 November 2026, asha works 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { goTo, signIn } from '../helpers/admin-page.js';
import { button, openPage, saveShot, until, type Page } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember } from '../helpers/fixtures.js';
import { enterPin, expectPadReady, useKioskPage } from '../helpers/kiosk-page.js';
import { ask, closeSockets, connectKiosk } from '../helpers/sockets.js';

const ctx = useKioskPage(test, {
  now: '2026-11-23T08:57:00Z',
  timezone: 'UTC',
  async seed({ client, manager }) {
    await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  },
});

const managerLockText = 'This kiosk is locked after too many wrong PINs. Ask a manager to unlock it in Rollcall (Kiosks page).';

/** Fifteen wrong PINs through the kiosk's own token, as fast as the lockouts allow: three lockouts, the clock moved past each. */
async function guessFromElsewhere(token: string): Promise<void> {
  const socket = await connectKiosk(ctx.server.url, token);
  try {
    for (let guess = 0, locks = 0; locks < 3; guess++) {
      const reply = await ask(socket, 'identify', { pin: String(500000 + guess) });
      if (reply.error.code === 'invalid_pin') continue;
      assert.equal(reply.error.code, 'locked', JSON.stringify(reply));
      locks++;
      ctx.server.clock.advance(reply.error.retryAfterSeconds * 1000);
    }
  } finally {
    closeSockets(socket);
  }
}

/** The manager's Kiosks page, signed in while the server's clock is the real time so the browser keeps the cookie whatever day this runs. */
async function openKiosksPage(): Promise<Page> {
  const kioskTime = ctx.server.clock.now();
  ctx.server.clock.set(new Date());
  const admin = await openPage(ctx.browser, ctx.server.url, '/app');
  await signIn(admin, ctx.manager.username, ctx.manager.password);
  ctx.server.clock.set(kioskTime);
  await goTo(admin, 'Kiosks');
  return admin;
}

test('the cap locks the kiosk until a manager clicks Unlock on the Kiosks page; then the pad works again, live', async () => {
  const token = await ctx.page.evaluate(() => localStorage.getItem('rollcall.kioskToken'));
  assert.ok(token, 'the kiosk page is paired');
  await guessFromElsewhere(token);

  // At the door: four more wrong PINs, then the twentieth of the day.
  for (let left = 4; left >= 1; left--) {
    await enterPin(ctx.page, '000000', left % 2 ? 'pad' : 'keyboard');
    await until.visible(ctx.page.getByRole('alert').getByText(`That PIN is not right. ${left === 1 ? '1 try' : `${left} tries`} left before the kiosk locks.`));
  }
  await enterPin(ctx.page, '000000', 'keyboard');
  await until.visible(ctx.page.getByRole('alert').getByText(managerLockText, { exact: true }));
  await until.visible(ctx.page.getByText('This kiosk is locked', { exact: true }));
  for (const key of ['1', '0', 'Clear']) await until.disabled(button(ctx.page, key));
  await saveShot(ctx.page, 'kiosk-17-locked-ask-a-manager');

  const admin = await openKiosksPage();
  try {
    const row = admin.getByRole('row', { name: /^Front desk/ });
    await until.visible(row.getByText('Locked', { exact: true }));
    const why = admin.getByRole('row', { name: /^“Front desk” is locked:/ });
    await until.visible(why);
    assert.equal((await why.textContent())!.trim(), '“Front desk” is locked: 20 wrong PINs within 24 hours, the last at 23 Nov, 09:32. It stays locked until you unlock it.');
    await until.visible(row.getByText('Online'));
    await saveShot(admin, 'admin-35-kiosks-locked');

    // Nothing gets through at the kiosk meanwhile (asha's check-in window is still open until 10:00).
    ctx.server.clock.advance(20 * 60_000);
    for (const digit of '111111') await ctx.page.keyboard.press(digit);
    await ctx.page.keyboard.press('Enter');
    await until.visible(ctx.page.getByLabel('0 of 6 digits entered'));

    await button(row, 'Unlock').click();
    await until.visible(admin.getByRole('status').getByText('“Front desk” is unlocked: it takes PINs again.'));
    await until.gone(row.getByText('Locked', { exact: true }));
    await until.detached(button(row, 'Unlock'));
    await until.detached(why);
    await saveShot(admin, 'admin-36-kiosks-unlocked');

    // The kiosk was told: the pad is back without a reload, and the right PIN checks asha in.
    await expectPadReady(ctx.page);
    await until.gone(ctx.page.getByText(managerLockText));
    ctx.server.clock.advance(1000);
    await enterPin(ctx.page, '111111', 'pad');
    await until.visible(ctx.page.getByRole('heading', { name: /^Checked in at \d\d:\d\d$/ }));
    await attendanceRows(ctx, 1);
  } finally {
    await admin.context().close();
  }
});

test('a kiosk page opened while the kiosk is locked shows the lock at once', async () => {
  const token = await ctx.page.evaluate(() => localStorage.getItem('rollcall.kioskToken'));
  await guessFromElsewhere(token!);
  const socket = await connectKiosk(ctx.server.url, token!);
  try {
    for (let i = 0; i < 5; i++) await ask(socket, 'identify', { pin: String(600000 + i) });
  } finally {
    closeSockets(socket);
  }
  await ctx.page.reload();
  await until.visible(ctx.page.getByRole('alert').getByText(managerLockText, { exact: true }));
  await until.disabled(button(ctx.page, '1'));
});

test.run();
