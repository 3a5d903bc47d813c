/**
 * A kiosk over HTTPS with `TLS=self-signed`, as on another laptop: the real
 * server process on the real clock, and Chromium told to accept that one
 * certificate by its public key (what a person does by comparing the
 * fingerprint and trusting it). The manager signs in and adds the kiosk in
 * the admin app, which shows the fingerprint the start printed; the kiosk
 * pairs with that code and checks a person in with the fake webcam, and the
 * attendance row is there.
 *
 * The organisation's zone is one where it is about noon now (planToday), so
 * the shift that starts this minute is on today's date whatever the hour.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import { goTo, planToday, signIn, weekdayNames } from '../helpers/admin-page.js';
import { reportingErrors } from '../helpers/api-suite.js';
import { assertNoSeriousViolations } from '../helpers/axe.js';
import { button, launchChromium, openPage, saveShot, until, type Browser } from '../helpers/chromium.js';
import { createManager, createStaffMember, type Account, type StaffAccount } from '../helpers/fixtures.js';
import { enterPin, kioskPath, pairThroughUi, quick } from '../helpers/kiosk-page.js';
import { spawnSelfSignedServer, type SelfSignedServer } from '../helpers/self-signed-server.js';

const plan = planToday();
let dataDir: string;
let server: SelfSignedServer;
let browser: Browser;
let manager: Account;
let asha: StaffAccount;

test.before(
  reportingErrors('starting the HTTPS server and Chromium', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-kiosk-https-'));
    server = await spawnSelfSignedServer(dataDir, { ORG_TIMEZONE: plan.timezone, LOG_LEVEL: 'warn' });
    browser = await launchChromium({ args: [`--ignore-certificate-errors-spki-list=${server.printed.spkiSha256}`] });
    manager = await createManager(server.client);
    const offs = weekdayNames.filter((day) => day === plan.day(5).weekday || day === plan.day(6).weekday).join(',');
    asha = await createStaffMember(server.client, manager, 'asha', { pin: '111111', weeklyOffs: offs, shifts: [{ day: plan.today.weekday, start: plan.start, end: plan.end }] });
  }),
);

test.after(
  reportingErrors('stopping Chromium and the server', async () => {
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, server.output());
    await rm(dataDir, { recursive: true, force: true });
  }),
);

test('pairing from the admin app and a check-in over https://127.0.0.1 with the camera', async () => {
  const admin = await openPage(browser, server.url, '/app');
  await signIn(admin, manager.username, manager.password);
  await goTo(admin, 'Kiosks');
  await button(admin, 'Add kiosk').click();
  const shownCode = admin.getByLabel('Pairing code');
  await until.visible(shownCode);
  // The server listens on 127.0.0.1 here: the page says another laptop cannot reach it, and gives the fingerprint.
  await until.visible(admin.getByText('Other computers cannot reach this server'));
  await until.visible(admin.getByText(`${server.url}/kiosk`));
  assert.equal((await admin.getByLabel('Certificate SHA-256 fingerprint').textContent())?.trim(), server.printed.sha256);
  await assertNoSeriousViolations(admin, 'the pairing code with the certificate fingerprint');
  await saveShot(admin, 'kiosk-https-01-pairing-code');
  const code = (await shownCode.textContent())!.replace(/\s/g, '');

  const kiosk = await openPage(browser, server.url, kioskPath(quick));
  assert.equal(await kiosk.evaluate(() => window.isSecureContext && location.protocol), 'https:');
  await pairThroughUi(kiosk, code);
  await enterPin(kiosk, '111111', 'pad');
  await until.visible(kiosk.getByRole('heading', { name: /^Checked in at \d\d:\d\d$/ }));
  await saveShot(kiosk, 'kiosk-https-02-checked-in');

  const rows = await server.client.get('/api/attendance/', { token: manager.token });
  assert.equal(rows.status, 200, rows.text);
  assert.equal(rows.body.length, 1, rows.text);
  assert.equal(rows.body[0].staff, asha.staffId);
  assert.equal(rows.body[0].kind, 'check_in');
  assert.ok(rows.body[0].captured_image, `a photo: ${rows.text}`);
});

test.run();
