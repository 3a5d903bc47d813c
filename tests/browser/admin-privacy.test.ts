/**
 * A manager sets up the face check and photo privacy in the admin app: the
 * Settings section (face check, threshold, retention, kiosks only, quiet
 * kiosk), then a reference face for a person on the Staff page, from a file
 * (a photo with no face is refused with the server's sentence, one with a
 * face is taken). Monday 23 November 2026 08:55 UTC.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import { defaultFaceThreshold } from '../../server/settings/face-settings.js';
import { goTo, useAdminPage } from '../helpers/admin-page.js';
import { button, saveShot, until } from '../helpers/chromium.js';
import { faceSamples, noFaceFrame } from '../helpers/face-samples.js';
import { createStaffMember, type StaffAccount } from '../helpers/fixtures.js';

let asha: StaffAccount;
const ctx = useAdminPage(test, {
  now: '2026-11-23T08:55:00Z',
  timezone: 'UTC',
  async seed({ client, manager }) {
    asha = await createStaffMember(client, manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  },
});

test('Settings: the face check, photo retention, kiosks only and the quiet-kiosk alert, saved and read back', async () => {
  await goTo(ctx.page, 'Settings');
  const faceCheck = ctx.page.getByLabel(/Compare each punch photo with the person’s reference photo/);
  await until.visible(faceCheck);
  assert.equal(await faceCheck.isChecked(), false, 'off by default');
  assert.equal(await ctx.page.getByLabel('Flag a photo when it differs from the reference by more than').count(), 0, 'no threshold while off');
  await faceCheck.check();
  const threshold = ctx.page.getByLabel('Flag a photo when it differs from the reference by more than');
  assert.equal(await threshold.inputValue(), String(defaultFaceThreshold));
  await ctx.page.getByLabel('Delete punch photos after').fill('30');
  await ctx.page.getByLabel(/Only at kiosks/).check();
  await ctx.page.getByLabel('Tell managers when a kiosk has not reached the server for').fill('15');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.getByRole('status').getByText('Saved.'));
  await saveShot(ctx.page, 'admin-44-privacy-settings');
  const saved = (await ctx.client.get('/api/settings/', await ctx.auth(ctx.manager))).body;
  assert.deepEqual(
    { face_check: saved.face_check, photo_retention_days: saved.photo_retention_days, api_check_in: saved.api_check_in, kiosk_offline_alert_minutes: saved.kiosk_offline_alert_minutes },
    { face_check: 'flag', photo_retention_days: 30, api_check_in: 'refuse', kiosk_offline_alert_minutes: 15 },
  );
  // Out of range: the form does not send it (the field says why), and nothing changes.
  const retention = ctx.page.getByLabel('Delete punch photos after');
  await retention.fill('5000');
  await button(ctx.page, 'Save settings').click();
  assert.match(await retention.evaluate((input: HTMLInputElement) => input.validationMessage), /3650/);
  assert.equal((await ctx.client.get('/api/settings/', await ctx.auth(ctx.manager))).body.photo_retention_days, 30);
});

test('Staff → Face: a photo without a face is refused in words, a face is taken and shown', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rollcall-reference-'));
  try {
    const [person] = await faceSamples();
    const face = path.join(dir, 'asha.jpg');
    const blank = path.join(dir, 'wall.jpg');
    await writeFile(face, person!.frames[0]!);
    await writeFile(blank, await noFaceFrame());
    await goTo(ctx.page, 'Staff');
    await button(ctx.page, 'Reference face of asha').click();
    const panel = ctx.page.getByRole('group', { name: 'Reference face: asha' });
    await until.visible(panel.getByText('None yet'));
    const file = panel.getByLabel('Photo file');
    await file.setInputFiles(blank);
    await button(panel, 'Use this file').click();
    await until.visible(panel.getByRole('alert').getByText(/^No face found in this photo\./));
    await file.setInputFiles(face);
    await button(panel, 'Use this file').click();
    await until.visible(panel.getByRole('status').getByText('Reference photo set from the file.'));
    await until.visible(panel.getByRole('img', { name: 'Reference photo of asha' }));
    await saveShot(ctx.page, 'admin-45-staff-reference-face');
    const reference = await ctx.client.get(`/api/staff/${asha.staffId}/reference-photo`, await ctx.auth(ctx.manager));
    assert.equal(reference.status, 200);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
