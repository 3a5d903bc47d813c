/**
 * The manager's back-office pages in Chromium: History (filters, photos)
 * and its timesheet export, downloaded through the link and compared line
 * by line with the week it describes; Kiosks (a pairing code that pairs,
 * then revoking); Settings (saved, and the server's message in place); one
 * /admin connection for the whole session, and a new time zone shown without
 * a reload.
 *
 * Organisation time zone America/New_York; the week of Monday 23 November
 * 2026 is recorded by moving the server's clock through it. The manager
 * signs in while the server's clock is the real time, so the browser keeps
 * the session cookie whatever day the test runs.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, seedStaff, sessionCookie, useAdminPage, type Person } from '../helpers/admin-page.js';
import { button, link, saveShot, typeDate, until } from '../helpers/chromium.js';
import sharp from 'sharp';
import { makeFrame, toBase64 } from '../helpers/fixtures.js';

/** A New York wall-clock time in the week of 23 November 2026 (EST, UTC−5). */
const local = (date: string, time: string) => new Date(`2026-11-${date}T${time}:00-05:00`).toISOString();

const asha: Person = { name: 'Asha Rao', username: 'asha', password: 'asha-Passw0rd!', pin: '111111' };
const bo: Person = { name: 'Bo Lee', username: 'bo', password: 'bo-Passw0rd!', pin: '222222' };

// The manager signs in (in the suite's `before`) at the real time; only then does the clock move to November 2026.
const ctx = useAdminPage(test, { now: () => new Date(), timezone: 'America/New_York', manager: 'boss' });

test.before(
  reportingErrors('recording the week', async () => {
    const manager = { token: ctx.manager.token };
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
    // Both have worked here since before that week: it is history now, and theirs.
    const since = '2026-11-01';
    await seedStaff(ctx.client, manager, asha, ['Saturday', 'Sunday'], weekdays.map((day) => ({ day, start: '09:00', end: '17:00' })), since);
    await seedStaff(ctx.client, manager, bo, ['Friday', 'Saturday'], [
      { day: 'Monday', start: '22:00', end: '06:00' },
      { day: 'Wednesday', start: '22:00', end: '06:00' },
      { day: 'Sunday', start: '10:00', end: '14:00' },
    ], since);

    // The week, as the original API's clients record it: a photo of its own with each check-in and check-out
    // (the same bytes twice would be marked "Photo reused").
    const frame = await makeFrame(640, 480);
    const photos = await Promise.all(Array.from({ length: 8 }, async (_, i) => toBase64(await sharp(frame).modulate({ brightness: 1 + i * 0.03 }).jpeg().toBuffer())));
    const record = async (person: Person, date: string, time: string) => {
      const photo = photos.shift()!;
      ctx.server.clock.set(local(date, time));
      const tokens = await ctx.client.post('/api/token/', { username: person.username, password: person.password });
      const reply = await ctx.client.post('/api/attendance/', { staff: person.staffId, captured_image: photo }, { token: tokens.body.access });
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
    ctx.server.clock.set(local('26', '12:00'));
  }),
);

async function showWeek(): Promise<void> {
  await typeDate(ctx.page, 'From', '2026-11-23');
  await typeDate(ctx.page, 'To', '2026-11-29');
}

const historyRows = () => ctx.page.locator('table tbody tr');

test('History lists the week’s check-ins and check-outs newest first, each with its photo, filtered by person', async () => {
  await goTo(ctx.page, 'History');
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
  await ctx.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('tbody img')].every((img) => img.complete && img.naturalWidth > 0));
  await saveShot(ctx.page, 'admin-30-history-week');

  await ctx.page.getByLabel('Staff').selectOption({ label: 'Bo Lee' });
  await until.detached(rows.filter({ hasText: 'Asha Rao' }).first());
  assert.equal(await rows.count(), 2);
  await rows.first().getByRole('button', { name: 'Photo of Bo Lee' }).click();
  await until.visible(ctx.page.getByRole('dialog', { name: 'Photo' }).getByText('Bo Lee, 24 Nov, 06:05'));
  await saveShot(ctx.page, 'admin-31-history-photo');
  await button(ctx.page.getByRole('dialog'), 'Close').click();

  await typeDate(ctx.page, 'From', '2026-11-27');
  await until.visible(ctx.page.getByText('No check-ins or check-outs for Bo Lee between these dates.'));
  await ctx.page.getByLabel('Staff').selectOption({ label: 'Everyone' });
});

test('the timesheet link downloads the week as CSV, matching what was recorded', async () => {
  await goTo(ctx.page, 'History');
  await showWeek();
  const exportLink = link(ctx.page, 'Export timesheet for everyone (CSV)');
  await until.visible(exportLink);
  assert.equal(await exportLink.getAttribute('href'), '/api/timesheets.csv?from=2026-11-23&to=2026-11-29');
  const [download] = await Promise.all([ctx.page.waitForEvent('download'), exportLink.click()]);
  assert.equal(download.suggestedFilename(), 'timesheet-2026-11-23-to-2026-11-29.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  const a = asha.staffId;
  const b = bo.staffId;
  // The original nine columns, then the outcome, original punches, minutes, approval and corrections; last, the ledger's head.
  const lines = csv.split('\n');
  assert.deepEqual(lines.slice(0, -2), [
    'staff_id,staff,date,scheduled_start,scheduled_end,check_in,check_out,status,hours,outcome,original_check_in,original_check_out,worked_minutes,break_minutes,regular_minutes,overtime_minutes,approved,corrected_by,reason',
    `${a},Asha Rao,2026-11-23,2026-11-23 09:00,2026-11-23 17:00,2026-11-23 08:58,2026-11-23 17:03,on_time,8.08,complete,2026-11-23 08:58,2026-11-23 17:03,485,0,485,0,no,,`,
    `${a},Asha Rao,2026-11-24,2026-11-24 09:00,2026-11-24 17:00,2026-11-24 09:12,2026-11-24 17:00,late,7.80,complete,2026-11-24 09:12,2026-11-24 17:00,468,0,468,0,no,,`,
    `${a},Asha Rao,2026-11-25,2026-11-25 09:00,2026-11-25 17:00,2026-11-25 09:00,,no_check_out,,missing_check_out,2026-11-25 09:00,,0,0,0,0,no,,`,
    `${a},Asha Rao,2026-11-26,2026-11-26 09:00,2026-11-26 17:00,2026-11-26 08:45,,in_progress,,in_progress,2026-11-26 08:45,,0,0,0,0,no,,`,
    `${a},Asha Rao,2026-11-27,2026-11-27 09:00,2026-11-27 17:00,,,scheduled,,scheduled,,,0,0,0,0,no,,`,
    `${b},Bo Lee,2026-11-23,2026-11-23 22:00,2026-11-24 06:00,2026-11-23 21:55,2026-11-24 06:05,on_time,8.17,complete,2026-11-23 21:55,2026-11-24 06:05,490,0,490,0,no,,`,
    `${b},Bo Lee,2026-11-25,2026-11-25 22:00,2026-11-26 06:00,,,missed,,missed,,,0,0,0,0,no,,`,
    `${b},Bo Lee,2026-11-29,2026-11-29 10:00,2026-11-29 14:00,,,scheduled,,scheduled,,,0,0,0,0,no,,`,
  ]);
  assert.match(lines.at(-2)!, /^# ledger head: entry \d+, [0-9a-f]{64}$/);
  assert.equal(lines.at(-1), '');
});

test('Kiosks: “Add kiosk” shows a one-time code that pairs a kiosk, which is listed and can be revoked', async () => {
  ctx.server.clock.set(new Date()); // The page counts the code's validity down on the browser's clock.
  await goTo(ctx.page, 'Kiosks');
  await until.visible(ctx.page.getByText('No kiosks yet.'));
  await button(ctx.page, 'Add kiosk').click();
  const shown = ctx.page.getByLabel('Pairing code');
  await until.visible(shown);
  await until.visible(ctx.page.getByText(/^Valid for (10:00|9:[0-5]\d) more, once\.$/));
  const code = (await shown.textContent())!.replace(/\s/g, '');
  assert.match(code, /^[A-Z0-9]{8}$/);
  await saveShot(ctx.page, 'admin-32-kiosks-code');

  const paired = await ctx.client.post('/api/kiosks/pair', { code, name: 'Back office' });
  assert.equal(paired.status, 201, paired.text);
  assert.equal((await ctx.client.post('/api/kiosks/pair', { code, name: 'Again' })).status >= 400, true, 'the code works once');
  await button(ctx.page, 'Done').click();
  const row = ctx.page.getByRole('row', { name: /Back office/ });
  await until.visible(row.getByText('Offline'));
  await until.visible(row.getByRole('cell', { name: 'Never' }));
  await saveShot(ctx.page, 'admin-33-kiosks-list');

  ctx.page.once('dialog', (dialog) => {
    assert.match(dialog.message(), /^Revoke “Back office”\?/);
    void dialog.accept();
  });
  await button(row, 'Revoke').click();
  await until.visible(row.getByRole('cell', { name: 'Revoked' }));
  const kiosks = await ctx.client.get('/api/kiosks/', { cookie: await sessionCookie(ctx.page) });
  assert.ok(kiosks.body[0].revokedAt, kiosks.text);
});

test('Settings are saved; a bad time zone gets the server’s message beside the field', async () => {
  await goTo(ctx.page, 'Settings');
  await ctx.page.getByLabel('Late after (minutes)').fill('10');
  await ctx.page.getByLabel('Swaps need a manager’s approval').check();
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.getByRole('status').filter({ hasText: 'Saved.' }));
  const saved = await ctx.client.get('/api/settings/', { cookie: await sessionCookie(ctx.page) });
  assert.equal(saved.body.late_grace_minutes, 10, saved.text);
  assert.equal(saved.body.swap_requires_approval, true, saved.text);

  await ctx.page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.locator('.field-error').filter({ hasText: 'must be an IANA time zone name such as "Europe/London"' }));
  await saveShot(ctx.page, 'admin-34-settings-error');
  assert.equal((await ctx.client.get('/api/settings/', { cookie: await sessionCookie(ctx.page) })).body.timezone, 'America/New_York');
});


test('one /admin connection serves every page, and a new time zone shows in History without a reload', async () => {
  // Counted from a fresh load of the app: every WebSocket the page opens from now on.
  const sockets: { url(): string; isClosed(): boolean }[] = [];
  ctx.page.on('websocket', (socket) => sockets.push(socket));
  await ctx.page.reload();
  await goTo(ctx.page, 'History');
  await showWeek();
  await until.visible(historyRows().filter({ hasText: /Asha Rao\s*23 Nov, 08:58/ }));

  await goTo(ctx.page, 'Settings');
  await ctx.page.getByLabel('Time zone').fill('Europe/London');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.getByRole('status').filter({ hasText: 'Saved.' }));
  await goTo(ctx.page, 'History');
  await showWeek();
  // 08:58 in New York is 13:58 in London; Bo's 21:55 moves to the next day.
  await until.visible(historyRows().filter({ hasText: /Asha Rao\s*23 Nov, 13:58/ }));
  await until.visible(historyRows().filter({ hasText: /Bo Lee\s*24 Nov, 02:55/ }));
  await goTo(ctx.page, 'Live');
  await goTo(ctx.page, 'Kiosks');

  assert.deepEqual(
    sockets.map((socket) => ({ socketIo: new URL(socket.url()).pathname === '/socket.io/', open: !socket.isClosed() })),
    [{ socketIo: true, open: true }],
    `WebSockets opened: ${sockets.map((socket) => socket.url()).join(', ')}`,
  );
});

const fieldShows = (id: string, text: string) =>
  ctx.page.waitForFunction(([selector, expected]) => document.querySelector<HTMLInputElement>(selector)?.value === expected, [`#${id}`, text] as const);

test('the date fields write dates as the app does, read what is typed, and say when a date cannot be read', async () => {
  await goTo(ctx.page, 'History');
  await showWeek();
  await fieldShows('history-from', '23 Nov 2026');
  await fieldShows('history-to', '29 Nov 2026');
  // The test before moved the organisation to London: 08:58 in New York is 13:58 there.
  await until.visible(historyRows().filter({ hasText: /Asha Rao\s*23 Nov, 13:58/ }));

  await typeDate(ctx.page, 'From', '31 Nov');
  await until.visible(ctx.page.locator('#history-from-error').filter({ hasText: 'Write a date such as 23 Nov 2026.' }));
  assert.equal(await ctx.page.getByLabel('From', { exact: true }).getAttribute('aria-invalid'), 'true');
  await saveShot(ctx.page, 'admin-37-date-field-error');
  assert.equal(await historyRows().filter({ hasText: /Asha Rao\s*23 Nov, 13:58/ }).count(), 1, 'a date that cannot be read changes nothing');

  await typeDate(ctx.page, 'From', '30/11');
  await until.visible(ctx.page.locator('#history-from-error').filter({ hasText: 'Choose 29 Nov 2026 or earlier.' }));

  await typeDate(ctx.page, 'From', 'Tue 24 nov');
  await fieldShows('history-from', '24 Nov 2026');
  await until.gone(ctx.page.locator('#history-from-error'));
  await until.detached(historyRows().filter({ hasText: /Asha Rao\s*23 Nov, 13:58/ }));
  await until.visible(historyRows().filter({ hasText: /Asha Rao\s*24 Nov, 14:12/ }));
});

test('the date format and clock chosen in Settings apply to the whole app at once', async () => {
  await goTo(ctx.page, 'Settings');
  await ctx.page.getByLabel('Date format').fill('en-US');
  await ctx.page.getByLabel('12-hour (5:05 pm)').check();
  await until.visible(ctx.page.getByText('The admin app and the kiosks write dates this way: Mon, Nov 23, 05:05 PM', { exact: false }));
  await saveShot(ctx.page, 'admin-35-settings-formats');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.getByRole('status').filter({ hasText: 'Saved.' }));
  await goTo(ctx.page, 'History');
  await showWeek();
  await until.visible(historyRows().filter({ hasText: /Asha Rao\s*Nov 23, 01:58\sPM/ }));
  await fieldShows('history-from', 'Nov 23, 2026');
  await typeDate(ctx.page, 'To', '11/24/2026');
  await fieldShows('history-to', 'Nov 24, 2026');
  await until.detached(historyRows().filter({ hasText: 'Nov 25' }).first());

  await goTo(ctx.page, 'Settings');
  await ctx.page.getByLabel('Date format').fill('no such place');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.locator('.field-error').filter({ hasText: 'must be a language and region such as "en-GB", "en-US" or "de-DE"' }));
});

test.run();
