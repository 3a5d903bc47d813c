/**
 * The kiosk page in Chromium with the fake webcam, checking in and out:
 * PIN by keyboard or on-screen pad, the 3-second countdown, the automatic
 * photo, the confirmation, and the stored record and photo seen through the
 * API. Organisation time zone UTC; Monday 23 November 2026.
 *
 * The page opens without a countdown (`quick`); the first test sees the real
 * one, and the tests that need a countdown or a confirmation that goes by
 * itself reopen the page with just those.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { test } from 'uvu';
import { button, saveShot, until } from '../helpers/chromium.js';
import { attendanceRows, createStaffMember, type StaffAccount } from '../helpers/fixtures.js';
import { enterPin, expectPadReady, quick, realTimings, useKioskPage } from '../helpers/kiosk-page.js';

const at = (time: string) => `2026-11-23T${time}Z`;

let asha: StaffAccount;
let bo: StaffAccount;
const ctx = useKioskPage(test, {
  now: at('08:57:00'),
  timezone: 'UTC',
  async seed({ client, manager }) {
    asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
    // An early shift ending at 09:00 and the next one starting at 09:30: at 09:00 both windows are open.
    bo = await createStaffMember(client, manager, 'bo', {
      pin: '222222',
      shifts: [
        { day: 'Monday', start: '06:00', end: '09:00' },
        { day: 'Monday', start: '09:30', end: '17:00' },
      ],
    });
  },
});

/** The stored photo of a record, fetched as the manager: a WebP at most 640 px wide. */
async function assertStoredPhoto(photoUrl: string): Promise<void> {
  const { token } = await ctx.auth(ctx.manager);
  const reply = await fetch(`${ctx.server.url}${photoUrl}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(reply.status, 200, photoUrl);
  assert.equal(reply.headers.get('content-type'), 'image/webp');
  const metadata = await sharp(Buffer.from(await reply.arrayBuffer())).metadata();
  assert.equal(metadata.format, 'webp');
  assert.ok(metadata.width! > 0 && metadata.width! <= 640, `photo width ${metadata.width}`);
  assert.ok(metadata.height! > 0, `photo height ${metadata.height}`);
}

test('keyboard PIN: hello, a 3-second countdown over the live preview, automatic photo, confirmation, stored record', async () => {
  await ctx.reopen(realTimings);
  await enterPin(ctx.page, '111111', 'keyboard');
  const pressed = Date.now();
  await until.visible(ctx.page.getByRole('heading', { name: 'Hello, asha' }));
  await until.visible(ctx.page.getByText('Check in — shift 09:00–17:00'));
  await until.visible(ctx.page.getByLabel('Camera preview'));
  await until.visible(ctx.page.locator('.countdown').getByText('2', { exact: true }));
  await saveShot(ctx.page, 'kiosk-05-countdown');
  // Mid-countdown nothing is recorded yet: the photo waits for zero.
  await attendanceRows(ctx, 0);
  assert.ok(await ctx.page.getByLabel('Camera preview').evaluate((video: HTMLVideoElement) => video.videoWidth > 0 && !video.paused), 'the preview is playing');

  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  const confirmedAfter = Date.now() - pressed;
  await until.visible(ctx.page.getByText('On time', { exact: true }));
  await until.visible(ctx.page.getByRole('img', { name: 'Photo of asha just taken' }));
  await saveShot(ctx.page, 'kiosk-06-confirmed-on-time');
  assert.ok(confirmedAfter >= 3000, `the photo waited for the countdown (confirmed ${confirmedAfter} ms after Enter)`);

  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, asha.staffId);
  assert.equal(record.kind, 'check_in');
  assert.equal(record.status, 'on_time');
  assert.equal(record.timestamp, at('08:57:00.000'));
  await assertStoredPhoto(record.captured_image);

  // The confirmation goes back to the pad on a tap.
  await ctx.page.getByText('Tap to finish').click();
  await expectPadReady(ctx.page);
});

test('on-screen pad: Clear empties the PIN, a late check-in says Late, and the pad returns by itself', async () => {
  // A confirmation shorter than the real 5 s, but long enough to be read before it goes.
  await ctx.reopen({ ...quick, confirmSeconds: 2 });
  ctx.server.clock.set(at('09:20:00'));
  await expectPadReady(ctx.page);
  await button(ctx.page, '9').click();
  await button(ctx.page, '9').click();
  await until.visible(ctx.page.getByLabel('2 of 6 digits entered'));
  await until.disabled(button(ctx.page, 'OK'));
  await button(ctx.page, 'Clear').click();
  await until.visible(ctx.page.getByLabel('0 of 6 digits entered'));

  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 09:20' }));
  await until.visible(ctx.page.getByText('Late', { exact: true }));
  await saveShot(ctx.page, 'kiosk-07-confirmed-late');
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.status, 'late');
  await assertStoredPhoto(record.captured_image);

  // Nobody taps: after `confirmSeconds` the kiosk is ready for the next person.
  await expectPadReady(ctx.page);
  await until.visible(ctx.page.getByLabel('0 of 6 digits entered'));
});

test('both windows open: "Check in" and "Check out" buttons, and the chosen one is recorded', async () => {
  // A countdown, short: what it says is open is part of the test.
  await ctx.reopen({ ...quick, countdown: 1 });
  ctx.server.clock.set(at('09:00:00'));
  await enterPin(ctx.page, '222222', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'Hello, bo' }));
  const checkIn = ctx.page.getByRole('button', { name: /^Check in/ });
  const checkOut = ctx.page.getByRole('button', { name: /^Check out/ });
  await until.visible(checkIn);
  await until.visible(checkOut);
  assert.match((await checkIn.textContent()) ?? '', /shift 09:30–17:00/);
  assert.match((await checkOut.textContent()) ?? '', /shift 06:00–09:00/);
  await saveShot(ctx.page, 'kiosk-08-choose');

  await checkOut.click();
  await until.visible(ctx.page.getByText('Check out — shift 06:00–09:00'));
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked out at 09:00' }));
  await saveShot(ctx.page, 'kiosk-09-confirmed-check-out');
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.staff, bo.staffId);
  assert.equal(record.kind, 'check_out');
  assert.equal(record.scheduled_end, at('09:00:00.000'));
  await assertStoredPhoto(record.captured_image);

  // Next time only the check-in is left: it is offered alone, with the countdown.
  await ctx.page.getByText('Tap to finish').click();
  await enterPin(ctx.page, '222222', 'keyboard');
  await until.visible(ctx.page.getByText('Check in — shift 09:30–17:00'));
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 09:00' }));
  const rows = await attendanceRows(ctx, 2);
  assert.deepEqual(rows.map((row) => row.kind).sort(), ['check_in', 'check_out']);
});

test('Cancel during the countdown returns to the pad and takes no photo', async () => {
  await ctx.reopen({ ...quick, countdown: 3 });
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.locator('.countdown').getByText('3', { exact: true }));
  await button(ctx.page, 'Cancel').click();
  await expectPadReady(ctx.page);
  await until.gone(ctx.page.getByLabel('Camera preview'));
  await saveShot(ctx.page, 'kiosk-10-after-cancel');

  // The next check-in takes longer than the cancelled countdown would have: had that one
  // still fired, a row would exist before this one and the count below would be off.
  await attendanceRows(ctx, 0);
  ctx.server.clock.set(at('08:58:00'));
  await enterPin(ctx.page, '111111', 'pad');
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:58' }));
  const [record] = await attendanceRows(ctx, 1);
  assert.equal(record.timestamp, at('08:58:00.000'));
});

test('Cancel on the choice screen returns to the pad', async () => {
  ctx.server.clock.set(at('09:00:00'));
  await enterPin(ctx.page, '222222', 'keyboard');
  await until.visible(ctx.page.getByRole('button', { name: /^Check out/ }));
  await button(ctx.page, 'Cancel').click();
  await expectPadReady(ctx.page);
  await attendanceRows(ctx, 0);
});

test('a repeat PIN says "already checked in since 08:57", with no countdown and no photo, and stores nothing', async () => {
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await ctx.page.getByText('Tap to finish').click();
  await until.visible(ctx.page.getByText('Enter your PIN'));

  ctx.server.clock.set(at('09:01:00'));
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.getByRole('heading', { name: 'You are already checked in since 08:57.' }));
  await saveShot(ctx.page, 'kiosk-18-already-checked-in');
  assert.equal(await ctx.page.locator('.camera.visible, .countdown, img.photo').count(), 0, 'no preview, countdown or photo');
  await until.visible(ctx.page.locator('.person-name').getByText('asha'));
  await ctx.page.getByText('Tap to finish').click();
  await until.visible(ctx.page.getByText('Enter your PIN'));
  await attendanceRows(ctx, 1);
});

test('Not you? on the confirmation cancels the punch: a calm message asks for their own PIN, and the punch does not count', async () => {
  await enterPin(ctx.page, '111111', 'keyboard');
  await until.visible(ctx.page.getByRole('heading', { name: 'Checked in at 08:57' }));
  await saveShot(ctx.page, 'kiosk-19-confirmed-with-not-you');
  await button(ctx.page, 'Not you? Cancel this check-in').click();
  const message = ctx.page.getByText('Cancelled — that punch was not kept. Please type your own PIN.');
  await until.visible(message);
  await expectPadReady(ctx.page);
  await saveShot(ctx.page, 'kiosk-20-not-you-cancelled');
  assert.equal(await ctx.page.locator('.message.error').count(), 0, 'the cancel is information, not a red alarm');
  assert.equal(await ctx.page.locator('.message.info').count(), 1);

  const { token } = await ctx.auth(ctx.manager);
  const reply = await fetch(`${ctx.server.url}/api/timesheets/?from=2026-11-23&to=2026-11-23`, { headers: { Authorization: `Bearer ${token}` } });
  const [entry] = (await reply.json()) as any[];
  assert.equal(entry.staffName, 'asha');
  assert.equal(entry.checkIn.final, null, 'the cancelled check-in does not count');
  assert.match(entry.checkIn.original.voided.reason, /Not you\?/);
});

test.run();
