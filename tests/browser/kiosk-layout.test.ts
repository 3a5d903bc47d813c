/**
 * The kiosk page at the two screen sizes it must work on (1366×768 and
 * 1920×1080): PIN keys big enough for a thumb, and nothing a person must
 * press or read pushed below the edge of the screen (the page never scrolls).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { button, fullHd, laptop, saveShot, until, type Viewport } from '../helpers/chromium.js';
import { createStaffMember } from '../helpers/fixtures.js';
import { assertInViewport, enterPin, expectPadReady, quick, useKioskPage } from '../helpers/kiosk-page.js';

const at = (time: string) => `2026-11-23T${time}Z`;
const padKeys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'Clear', 'OK'];

// A long countdown, so the countdown screen stays while it is measured (the test cancels it).
const ctx = useKioskPage(test, {
  now: at('09:00:00'),
  timezone: 'UTC',
  timings: { ...quick, countdown: 10 },
  async seed({ client, manager }) {
    // asha has one window open at 09:00; bo has two (a check-out at 09:00 and a check-in for 09:30).
    await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
    await createStaffMember(client, manager, 'bo', {
      pin: '222222',
      shifts: [
        { day: 'Monday', start: '06:00', end: '09:00' },
        { day: 'Monday', start: '09:30', end: '17:00' },
      ],
    });
  },
});

async function checkLayout(viewport: Viewport): Promise<void> {
  const size = `${viewport.width}x${viewport.height}`;
  const { page } = ctx;
  await page.setViewportSize(viewport);

  // Idle, with a message above the pad (the tallest idle state).
  await enterPin(page, '999999', 'keyboard');
  await until.visible(page.getByText(/That PIN is not right/));
  await expectPadReady(page);
  for (const key of padKeys) {
    const box = await button(page, key).boundingBox();
    assert.ok(box && box.height >= 64, `key "${key}" is ${box?.height} px tall at ${size}`);
    assert.ok(box.width >= 64, `key "${key}" is ${box.width} px wide at ${size}`);
    await assertInViewport(page, button(page, key), `key "${key}"`);
  }
  await assertInViewport(page, page.getByText(/That PIN is not right/), 'the wrong-PIN message');
  await saveShot(page, `kiosk-20-layout-${size}-idle-message`);

  // Both windows open: the two choices and Cancel.
  await enterPin(page, '222222', 'pad');
  await assertInViewport(page, page.getByRole('button', { name: /^Check in/ }), '"Check in"');
  await assertInViewport(page, page.getByRole('button', { name: /^Check out/ }), '"Check out"');
  await assertInViewport(page, button(page, 'Cancel'), '"Cancel" on the choice screen');
  await saveShot(page, `kiosk-21-layout-${size}-choose`);

  // The countdown over the preview, with Cancel.
  await page.getByRole('button', { name: /^Check in/ }).click();
  await until.visible(page.locator('.countdown'));
  await assertInViewport(page, page.getByLabel('Camera preview'), 'the camera preview');
  await assertInViewport(page, page.getByText('Check in — shift 09:30–17:00'), 'what is open');
  await assertInViewport(page, button(page, 'Cancel'), '"Cancel" during the countdown');
  await saveShot(page, `kiosk-22-layout-${size}-countdown`);
  await button(page, 'Cancel').click();

  // The confirmation: the photo, the time and the status all on screen (no countdown to sit through).
  await ctx.reopen(quick);
  await enterPin(page, '111111', 'keyboard');
  await until.visible(page.getByRole('heading', { name: 'Checked in at 09:00' }));
  await assertInViewport(page, page.getByRole('img', { name: 'Photo of asha just taken' }), 'the photo');
  await assertInViewport(page, page.getByRole('heading', { name: 'Checked in at 09:00' }), 'the confirmation');
  await assertInViewport(page, page.getByText('On time', { exact: true }), 'the status');
  await saveShot(page, `kiosk-23-layout-${size}-confirmed`);
}

test('1366×768: PIN keys at least 64 px, and every state fits on the screen', async () => {
  await checkLayout(laptop);
});

test('1920×1080: PIN keys at least 64 px, and every state fits on the screen', async () => {
  await checkLayout(fullHd);
});

test.run();
