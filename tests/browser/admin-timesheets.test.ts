/**
 * A manager settles last week in Chromium: Needs attention shows the
 * check-out Asha forgot, the manager adds it through the row's form and
 * accepts her API check-in, and the list is empty; Timesheets shows the
 * week's hours, the period is approved, and the downloaded timesheet CSV
 * carries the corrected row (who and why) and names the ledger's head.
 * Asha then sees the hours and the correction on her own page. Settings
 * take the pay and hours rules, with the server's message beside a field.
 *
 * Organisation time zone America/New_York. The browser's clock decides
 * "today" (the default ranges, the current pay period), so "last week" is
 * the week before the real current one: the server's clock runs at the real
 * time, and moves to last Monday only while Asha checks in.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, seedStaff, sessionCookie, useAdminPage, type Person } from '../helpers/admin-page.js';
import { button, link, phone, saveShot, typeDate, until } from '../helpers/chromium.js';
import { makeFrame, toBase64 } from '../helpers/fixtures.js';
import { pairKiosk } from '../helpers/sockets.js';

const timezone = 'America/New_York';
const thisMonday = DateTime.now().setZone(timezone).startOf('week');
const lastMonday = thisMonday.minus({ weeks: 1 });
const monday = lastMonday.toISODate()!;
const sunday = lastMonday.plus({ days: 6 }).toISODate()!;
/** A date as the app writes it, "Mon 23 Nov". */
const shown = (date: DateTime) => date.toFormat('ccc d LLL');

const asha: Person = { name: 'Asha Rao', username: 'asha', password: 'asha-Passw0rd!', pin: '111111' };

// The manager signs in (in the suite's `before`) at the real time; the clock moves only for Asha's check-in.
const ctx = useAdminPage(test, { now: () => new Date(), timezone, manager: 'boss' });

test.before(
  reportingErrors('recording last Monday', async () => {
    // Mondays only, 09:00–17:00, since last Monday: the weeks hold nothing else of hers to look at.
    await seedStaff(ctx.client, { token: ctx.manager.token }, asha, ['Saturday', 'Sunday'], [{ day: 'Monday', start: '09:00', end: '17:00' }], monday);
    // The site has a kiosk, so a check-in through the API (not at the kiosk) is worth a look.
    await pairKiosk(ctx.client, { token: ctx.manager.token }, 'Front desk');
    ctx.server.clock.set(lastMonday.set({ hour: 8, minute: 58 }).toJSDate());
    const tokens = await ctx.client.post('/api/token/', { username: asha.username, password: asha.password });
    const reply = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, { token: tokens.body.access });
    assert.equal(reply.status, 201, reply.text);
    ctx.server.clock.set(new Date());
  }),
);

test('Needs attention shows the forgotten check-out; adding it through the form takes it off the list', async () => {
  await goTo(ctx.page, 'Needs attention');
  await typeDate(ctx.page, 'From', monday);
  await typeDate(ctx.page, 'To', sunday);
  const rows = ctx.page.locator('tr.problem');
  const forgotten = rows.filter({ hasText: 'No check-out' });
  await until.visible(forgotten.filter({ hasText: 'Asha Rao' }));
  // Each date typed loads its range; "From" alone reaches this Monday, which she missed. Wait for the week itself.
  await ctx.page.waitForFunction(() => document.querySelectorAll('tr.problem').length === 2);
  assert.deepEqual(
    (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    [
      'Asha Rao 09:00–17:00 No check-out Checked in at 08:58 but never checked out. No hours count until a check-out is added. Add check-out',
      'Asha Rao 09:00–17:00 API check-in Checked in at 08:58 through the API, not at the kiosk. Accept',
    ],
  );
  await until.visible(ctx.page.locator('tr.group').filter({ hasText: shown(lastMonday) }));

  await button(forgotten, 'Add check-out').click();
  const form = ctx.page.getByRole('form', { name: `Save check-out: Asha Rao, ${shown(lastMonday)}` });
  await until.visible(form);
  const time = form.getByLabel('Check-out time');
  assert.equal(await time.inputValue(), '17:00', 'prefilled with the scheduled end');
  assert.equal(await form.getByLabel('Reason').inputValue(), 'Forgot to check out');
  await time.click();
  await time.press('Control+A');
  await time.pressSequentially('1705');
  await until.visible(form.getByText(shown(lastMonday), { exact: true }));
  await form.getByLabel('Reason').fill('Forgot to check out at 17:05');
  await saveShot(ctx.page, 'admin-50-attention-add-check-out');
  await button(form, 'Save check-out').click();

  await until.detached(forgotten);
  await until.visible(ctx.page.getByRole('status').filter({ hasText: `Check-out added: Asha Rao, ${shown(lastMonday)}.` }));
  assert.equal(await rows.count(), 1);

  // The API check-in is the last thing left: accepted, the list is empty.
  await button(rows.first(), 'Accept').click();
  const accept = ctx.page.getByRole('form', { name: `Accept: Asha Rao, ${shown(lastMonday)}` });
  await accept.getByLabel('Note').fill('Checked in from her phone, agreed');
  await button(accept, 'Accept').click();
  await until.visible(ctx.page.getByText('Nothing needs your attention'));
  await saveShot(ctx.page, 'admin-51-attention-empty');
});

test('Timesheets shows last week’s hours; approving it locks it', async () => {
  await goTo(ctx.page, 'Timesheets');
  await until.visible(ctx.page.getByText(/^Ledger verified ✓ \(\d+ entries\)$/));
  await button(ctx.page, '← Previous').click();
  await until.visible(ctx.page.getByText(`${shown(lastMonday)} – ${shown(lastMonday.plus({ days: 6 }))}`, { exact: true }));
  const row = ctx.page.locator('tr[data-staff="Asha Rao"]');
  // 08:58 to 17:05 is 8 hours 7 minutes.
  await until.visible(row.getByRole('cell', { name: '8:07' }).first());
  assert.equal((await row.innerText()).replace(/[▸▾]/g, '').replace(/\s+/g, ' ').trim(), 'Asha Rao 1 8:07 0:00 0:00 8:07 – – – Not yet');

  await button(row, 'Asha Rao').click();
  const shift = ctx.page.locator(`tr[data-date="${monday}"]`);
  await until.visible(shift.getByText('By boss: “Forgot to check out at 17:05”'));
  await until.visible(button(shift, `Correct ${shown(lastMonday)}`));
  await button(shift, `History of ${shown(lastMonday)}`).click();
  const history = ctx.page.getByRole('region', { name: `Punch history: Asha Rao, ${shown(lastMonday)}` });
  await until.visible(history.getByRole('cell', { name: 'Check-out added: 17:05' }));

  await button(ctx.page, 'Approve period').click();
  await until.visible(ctx.page.getByText('Approved for everyone'));
  await until.visible(row.getByText('Approved', { exact: true }));
  await until.visible(shift.getByText('Approved', { exact: true }));
  assert.equal(await button(shift, `Correct ${shown(lastMonday)}`).count(), 0, 'an approved shift offers no correction');
  await saveShot(ctx.page, 'admin-52-timesheets-approved');
});

test('the timesheet CSV has the corrected row, who corrected it and why, and ends with the ledger head', async () => {
  const csvLink = link(ctx.page, 'Timesheet CSV');
  assert.equal(await csvLink.getAttribute('href'), `/api/timesheets.csv?from=${monday}&to=${sunday}`);
  const [download] = await Promise.all([ctx.page.waitForEvent('download'), csvLink.click()]);
  const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1, -1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
  const corrected = rows.find((r) => r.staff === 'Asha Rao' && r.date === monday);
  assert.ok(corrected, lines.join('\n'));
  assert.deepEqual(
    { in: corrected.check_in, out: corrected.check_out, outcome: corrected.outcome, by: corrected.corrected_by, reason: corrected.reason, approved: corrected.approved, worked: corrected.worked_minutes },
    { in: `${monday} 08:58`, out: `${monday} 17:05`, outcome: 'complete', by: 'boss', reason: 'Forgot to check out at 17:05', approved: 'yes', worked: '487' },
  );
  assert.match(lines.at(-1)!, /^# ledger head: /);
  const verify = await ctx.client.get('/api/audit/verify', { cookie: await sessionCookie(ctx.page) });
  assert.ok(lines.at(-1)!.endsWith(verify.body.head), `${lines.at(-1)} vs ${verify.text}`);
});

test('Asha sees her hours and the manager’s correction on her own page', async () => {
  const page = await ctx.signedIn(asha.username, asha.password, phone);
  try {
    const card = page.locator('.my-hours > li').filter({ hasText: shown(lastMonday) });
    await until.visible(card.getByText('8:07', { exact: true }));
    await until.visible(card.getByText(/^Check-out added: 17:05, by boss on .*: “Forgot to check out at 17:05”$/));
    await saveShot(page, 'admin-53-my-hours-phone');
  } finally {
    await page.context().close();
  }
});

test('Settings: pay and hours are saved, and a break without its hours gets the server’s message beside the field', async () => {
  await goTo(ctx.page, 'Settings');
  await ctx.page.getByLabel('Round worked time to the nearest').selectOption({ label: '15 minutes' });
  await ctx.page.getByLabel('Overtime after (hours in a shift)').fill('8');
  await ctx.page.getByLabel('Pay period', { exact: true }).selectOption({ label: 'Every two weeks' });
  await typeDate(ctx.page, 'First day of a pay period', monday);
  await until.visible(ctx.page.getByText(`${shown(thisMonday.minus({ weeks: 1 }))} – ${shown(thisMonday.plus({ days: 6 }))}`));
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.getByRole('status').filter({ hasText: 'Saved.' }));
  const saved = await ctx.client.get('/api/settings/', { cookie: await sessionCookie(ctx.page) });
  assert.deepEqual(
    { rounding: saved.body.rounding_minutes, daily: saved.body.overtime_daily_hours, weekly: saved.body.overtime_weekly_hours, period: saved.body.pay_period, anchor: saved.body.pay_period_anchor },
    { rounding: 15, daily: 8, weekly: null, period: 'fortnightly', anchor: monday },
  );

  await ctx.page.getByLabel('Unpaid break (minutes)').fill('30');
  await button(ctx.page, 'Save settings').click();
  await until.visible(ctx.page.locator('.field-error').filter({ hasText: 'An unpaid break needs the shift length after which it is deducted' }));
  await saveShot(ctx.page, 'admin-54-settings-pay-error');
  assert.equal((await ctx.client.get('/api/settings/', { cookie: await sessionCookie(ctx.page) })).body.break_minutes, 0);
});

test.run();
