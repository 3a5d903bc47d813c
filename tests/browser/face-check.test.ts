/**
 * The face check end to end in Chromium: the kiosk's fake camera plays a
 * real face (an MJPEG made from the face-api demo photos), the kiosk says the
 * photo is compared, and a manager watching the Live board sees the verdict
 * appear next to the person's reference photo. Then someone else's face on
 * the same PIN: "Face differs" on the board, and the two photos side by side
 * on Needs attention, and History shows each punch photo beside the
 * reference. Organisation time zone UTC; Monday 23 November 2026
 * 08:57, asha and bo work 09:00–17:00.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import { goTo, signIn } from '../helpers/admin-page.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { button, launchChromium, openPage, saveShot, typeDate, until, type Browser } from '../helpers/chromium.js';
import { faceSamples, faceVideo } from '../helpers/face-samples.js';
import { createStaffMember, toBase64, type StaffAccount } from '../helpers/fixtures.js';
import { enterPin, newPairingCode, pairThroughUi, quick, kioskPath } from '../helpers/kiosk-page.js';

let asha: StaffAccount;
let bo: StaffAccount;
let videoDir: string;
/** Chromium whose camera shows asha's face, and one whose camera shows someone else's. */
const cameras = new Map<'asha' | 'stranger', Browser>();

const ctx = useApiSuite(
  test,
  {
    now: '2026-11-23T08:57:00Z',
    timezone: 'UTC',
    async seed({ client, manager }) {
      const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
      asha = await createStaffMember(client, manager, 'asha', { pin: '111111', shifts });
      bo = await createStaffMember(client, manager, 'bo', { pin: '222222', shifts });
    },
  },
  {
    async start() {
      const people = await faceSamples();
      videoDir = await mkdtemp(path.join(tmpdir(), 'rollcall-face-video-'));
      for (const [name, person] of [['asha', people[0]!], ['stranger', people[1]!]] as const) {
        const video = await faceVideo(path.join(videoDir, `${name}.mjpeg`), person.frames.slice(1, 3));
        cameras.set(name, await launchChromium({ args: [`--use-file-for-fake-video-capture=${video}`] }));
      }
    },
    async stop() {
      await Promise.all([...cameras.values()].map((browser) => browser.close()));
      if (videoDir) await rm(videoDir, { recursive: true, force: true });
    },
  },
);

test('a real face at the kiosk: the kiosk says it is compared, the board shows the verdict beside the reference photo', async () => {
  const people = await faceSamples();
  const manager = await ctx.auth(ctx.manager);
  assert.equal((await ctx.client.patch('/api/settings/', { face_check: 'flag' }, manager)).status, 200);
  for (const person of [asha, bo]) {
    const set = await ctx.client.put(`/api/staff/${person.staffId}/reference-photo`, { image: toBase64(people[person === asha ? 0 : 2]!.frames[0]!) }, manager);
    assert.equal(set.status, 200, set.text);
  }

  const board = await openPage(cameras.get('asha')!, ctx.server.url, '/app/live');
  await signIn(board, ctx.manager.username, ctx.manager.password);
  const ashaRow = board.locator('tr[data-staff="asha"]');
  await until.visible(ashaRow);

  const kiosk = await openPage(cameras.get('asha')!, ctx.server.url, kioskPath({ ...quick, countdown: 3 }));
  await pairThroughUi(kiosk, await newPairingCode(ctx));
  await enterPin(kiosk, '111111', 'pad');
  await until.visible(kiosk.getByText(/It is compared with your reference photo/));
  await until.visible(kiosk.getByRole('heading', { name: 'Checked in at 08:57' }));

  await until.visible(ashaRow.locator('[data-verdict="match"]'));
  await until.visible(ashaRow.getByRole('img', { name: 'Reference photo of asha' }));
  await saveShot(board, 'admin-41-live-face-match');

  // Someone else's face on bo's PIN.
  const otherKiosk = await openPage(cameras.get('stranger')!, ctx.server.url, kioskPath({ ...quick, countdown: 0 }));
  await pairThroughUi(otherKiosk, await newPairingCode(ctx));
  await enterPin(otherKiosk, '222222', 'pad');
  await until.visible(otherKiosk.getByRole('heading', { name: 'Checked in at 08:57' }));
  const boRow = board.locator('tr[data-staff="bo"]');
  await until.visible(boRow.locator('[data-verdict="mismatch"]'));
  await saveShot(board, 'admin-42-live-face-mismatch');

  await goTo(board, 'Needs attention');
  const row = board.locator('tr.problem[data-type="face_mismatch"]');
  await until.visible(row.getByText('Face differs'));
  await row.getByRole('button', { name: 'Compare photos' }).click();
  await until.visible(board.getByRole('img', { name: 'Reference photo: bo' }));
  await until.visible(board.getByRole('img', { name: 'Punch at 08:57: bo' }));
  await saveShot(board, 'admin-43-attention-face-mismatch');
  await button(board, 'Confirm it was them').click();
  await until.gone(board.locator('tr.problem[data-type="face_mismatch"]'));
  await ctx.server.deps.background.settled();
  const [punch] = (await ctx.client.get(`/api/attendance/?staff=${bo.staffId}`, manager)).body;
  assert.equal(punch.face.review, 'confirmed');

  // History: each punch photo with the person's reference photo beside it.
  await goTo(board, 'History');
  await typeDate(board, 'From', '2026-11-23'); // The browser's clock is the real one: the server's says 23 November.
  await typeDate(board, 'To', '2026-11-23');
  const ashaPunch = board.locator('.history-list tbody tr', { hasText: 'asha' });
  await until.visible(ashaPunch.getByRole('img', { name: 'Reference photo of asha' }));
  await until.visible(ashaPunch.getByText('Face matches'));
  await until.visible(board.locator('.history-list tbody tr', { hasText: 'bo' }).getByRole('img', { name: 'Reference photo of bo' }));
  await saveShot(board, 'admin-44-history-face');
});

test.run();
