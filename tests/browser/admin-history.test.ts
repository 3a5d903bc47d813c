/**
 * The manager's back-office pages in Chromium: History (filters, photos)
 * and its timesheet export, downloaded through the link and compared line
 * by line with the week it describes; Kiosks (a pairing code that pairs,
 * then revoking); Settings (saved, and the server's message in place).
 *
 * Organisation time zone America/New_York; the week of Monday 23 November
 * 2026 is recorded by moving the server's clock through it. The manager
 * signs in while the server's clock is the real time, so the browser keeps
 * the session cookie whatever day the test runs.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import { button, goTo, launchBrowser, link, openApp, seedStaff, sessionCookie, shot, signIn, until, type Browser, type Page, type Person } from '../helpers/admin-browser.js';
import { createManager, makeFrame, toBase64, type Account } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A New York wall-clock time in the week of 23 November 2026 (EST, UTC−5). */
const local = (date: string, time: string) => new Date(`2026-11-${date}T${time}:00-05:00`).toISOString();

const asha: Person = { name: 'Asha Rao', username: 'asha', password: 'asha-Passw0rd!', pin: '111111' };
const bo: Person = { name: 'Bo Lee', username: 'bo', password: 'bo-Passw0rd!', pin: '222222' };

let server: TestServer;
let client: Client;
let browser: Browser;
let manager: Account;
let page: Page;

test.before(async () => {
  [server, browser] = await Promise.all([startTestServer({ now: new Date().toISOString(), timezone: 'America/New_York' }), launchBrowser()]);
  client = createClient(server.url);
  manager = await createManager(client, 'boss');
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  await seedStaff(client, { token: manager.token }, asha, ['Saturday', 'Sunday'], weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })));
  await seedStaff(client, { token: manager.token }, bo, ['Friday', 'Saturday'], [
    { day: 'Monday', start: '22:00', end: '06:00' },
    { day: 'Wednesday', start: '22:00', end: '06:00' },
    { day: 'Sunday', start: '10:00', end: '14:00' },
  ]);
  page = await openApp(browser, server.url);
  await signIn(page, 'boss', manager.password);

  // The week, as the original API's clients record it: a photo with each check-in and check-out.
  const photo = toBase64(await makeFrame(640, 480));
  const record = async (person: Person, date: string, time: string) => {
    server.clock.set(local(date, time));
    const tokens = await client.post('/api/token/', { username: person.username, password: person.password });
    const reply = await client.post('/api/attendance/', { staff: person.staffId, captured_image: photo }, { token: tokens.body.access });
    assert.equal(reply.status, 201, `${person.username} ${date} ${time}: ${reply.text}`);
  };
  await record(asha, '23', '08:58');
  await record(asha, '23', '17:03');
  await record(bo, '23', '21:55');
  await record(bo, '24', '06:05');
  await record(asha, '24', '09:12');
  await record(asha, '24', '17:00');
  await record(asha, '25', '09:00');
  await record(asha, '26', '08:45');
  server.clock.set(local('26', '12:00'));
});
test.after(async () => {
  await browser.close();
  await server.close();
});

async function showWeek(): Promise<void> {
  await page.getByLabel('From').fill('2026-11-23');
  await page.getByLabel('To').fill('2026-11-29');
}

const historyRows = () => page.locator('table tbody tr');

test('History lists the week’s check-ins and check-outs newest first, each with its photo, filtered by person', async () => {
  await goTo(page, 'History');
  await showWeek();
  const rows = historyRows();
  await until.visible(rows.filter({ hasText: '23 Nov, 08:58' }));
  assert.deepEqual(
    (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    [
      'Asha Rao 26 Nov, 08:45 Check-in On time 09:00–17:00',
      'Asha Rao 25 Nov, 09:00 Check-in On time 09:00–17:00',
      'Asha Rao 24 Nov, 17:00 Check-out On time 09:00–17:00',
      'Asha Rao 24 Nov, 09:12 Check-in Late 09:00–17:00',
      'Bo Lee 24 Nov, 06:05 Check-out On time 22:00–06:00',
      'Bo Lee 23 Nov, 21:55 Check-in On time 22:00–06:00',
      'Asha Rao 23 Nov, 17:03 Check-out On time 09:00–17:00',
      'Asha Rao 23 Nov, 08:58 Check-in On time 09:00–17:00',
    ],
  );
  const photos = rows.locator('img[src^="/api/photos/"]');
  assert.equal(await photos.count(), 8);
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('tbody img')].every((img) => img.complete && img.naturalWidth > 0));
  await shot(page, '30-history-week');

  await page.getByLabel('Staff').selectOption({ label: 'Bo Lee' });
  await until.detached(rows.filter({ hasText: 'Asha Rao' }).first());
  assert.equal(await rows.count(), 2);
  await rows.first().getByRole('button', { name: 'Photo of Bo Lee' }).click();
  await until.visible(page.getByRole('dialog', { name: 'Photo' }).getByText('Bo Lee, 24 Nov, 06:05'));
  await shot(page, '31-history-photo');
  await button(page.getByRole('dialog'), 'Close').click();

  await page.getByLabel('From').fill('2026-11-27');
  await until.visible(page.getByText('No check-ins or check-outs for Bo Lee between these dates.'));
  await page.getByLabel('Staff').selectOption({ label: 'Everyone' });
});

test('the timesheet link downloads the week as CSV, matching what was recorded', async () => {
  await goTo(page, 'History');
  await showWeek();
  const exportLink = link(page, 'Export timesheet for everyone (CSV)');
  await until.visible(exportLink);
  assert.equal(await exportLink.getAttribute('href'), '/api/timesheets.csv?from=2026-11-23&to=2026-11-29');
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  assert.equal(download.suggestedFilename(), 'timesheet-2026-11-23-to-2026-11-29.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  const a = asha.staffId;
  const b = bo.staffId;
  assert.deepEqual(csv.split('\n'), [
    'staff_id,staff,date,scheduled_start,scheduled_end,check_in,check_out,status,hours',
    `${a},Asha Rao,2026-11-23,2026-11-23 09:00,2026-11-23 17:00,2026-11-23 08:58,2026-11-23 17:03,on_time,8.08`,
    `${a},Asha Rao,2026-11-24,2026-11-24 09:00,2026-11-24 17:00,2026-11-24 09:12,2026-11-24 17:00,late,7.80`,
    `${a},Asha Rao,2026-11-25,2026-11-25 09:00,2026-11-25 17:00,2026-11-25 09:00,,no_check_out,`,
    `${a},Asha Rao,2026-11-26,2026-11-26 09:00,2026-11-26 17:00,2026-11-26 08:45,,in_progress,`,
    `${a},Asha Rao,2026-11-27,2026-11-27 09:00,2026-11-27 17:00,,,scheduled,`,
    `${b},Bo Lee,2026-11-23,2026-11-23 22:00,2026-11-24 06:00,2026-11-23 21:55,2026-11-24 06:05,on_time,8.17`,
    `${b},Bo Lee,2026-11-25,2026-11-25 22:00,2026-11-26 06:00,,,missed,`,
    `${b},Bo Lee,2026-11-29,2026-11-29 10:00,2026-11-29 14:00,,,scheduled,`,
    '',
  ]);
});

test('Kiosks: “Add kiosk” shows a one-time code that pairs a kiosk, which is listed and can be revoked', async () => {
  server.clock.set(new Date()); // The page counts the code's validity down on the browser's clock.
  await goTo(page, 'Kiosks');
  await until.visible(page.getByText('No kiosks yet.'));
  await button(page, 'Add kiosk').click();
  const shown = page.getByLabel('Pairing code');
  await until.visible(shown);
  await until.visible(page.getByText(/^Valid for (10:00|9:[0-5]\d) more, once\.$/));
  const code = (await shown.textContent())!.replace(/\s/g, '');
  assert.match(code, /^[A-Z0-9]{8}$/);
  await shot(page, '32-kiosks-code');

  const paired = await client.post('/api/kiosks/pair', { code, name: 'Back office' });
  assert.equal(paired.status, 201, paired.text);
  assert.equal((await client.post('/api/kiosks/pair', { code, name: 'Again' })).status >= 400, true, 'the code works once');
  await button(page, 'Done').click();
  const row = page.getByRole('row', { name: /Back office/ });
  await until.visible(row.getByText('Offline'));
  await until.visible(row.getByRole('cell', { name: 'Never' }));
  await shot(page, '33-kiosks-list');

  page.once('dialog', (dialog) => {
    assert.match(dialog.message(), /^Revoke “Back office”\?/);
    void dialog.accept();
  });
  await button(row, 'Revoke').click();
  await until.visible(row.getByRole('cell', { name: 'Revoked' }));
  const kiosks = await client.get('/api/kiosks/', { cookie: await sessionCookie(page) });
  assert.ok(kiosks.body[0].revokedAt, kiosks.text);
});

test('Settings are saved; a bad time zone gets the server’s message beside the field', async () => {
  await goTo(page, 'Settings');
  await page.getByLabel('Late after (minutes)').fill('10');
  await page.getByLabel('Swaps need a manager’s approval').check();
  await button(page, 'Save settings').click();
  await until.visible(page.getByRole('status').filter({ hasText: 'Saved.' }));
  const saved = await client.get('/api/settings/', { cookie: await sessionCookie(page) });
  assert.equal(saved.body.late_grace_minutes, 10, saved.text);
  assert.equal(saved.body.swap_requires_approval, true, saved.text);

  await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await button(page, 'Save settings').click();
  await until.visible(page.locator('.field-error').filter({ hasText: 'must be an IANA time zone name such as "Europe/London"' }));
  await shot(page, '34-settings-error');
  assert.equal((await client.get('/api/settings/', { cookie: await sessionCookie(page) })).body.timezone, 'America/New_York');
});

test.run();
