/**
 * Swapping shifts in the admin app, with each person in their own browser
 * context: Asha proposes to give Bo one of her shifts and take one of his,
 * Bo accepts, and the manager's dated roster then shows both occurrences
 * moved and marked as a swap. The week is the one `plannedWeek` describes,
 * seeded through the API; the server's clock is the real time.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, planToday, plannedWeek, seedStaff, useAdminPage, weekdayNames, type PlannedDay } from '../helpers/admin-page.js';
import { button, phone, saveShot, until, type Page } from '../helpers/chromium.js';

const plan = planToday();
const week = plannedWeek(plan);
const { asha, bo, shiftText } = week;
const [, d1, d2] = week.days;

const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: 'boss' });
test.before(
  reportingErrors('seeding the week', async () => {
    const shifts = (days: PlannedDay[]) => days.map((d) => ({ day: d.weekday, start: plan.start, end: plan.end }));
    await seedStaff(ctx.client, { token: ctx.manager.token }, asha, week.offs, shifts(asha.days));
    await seedStaff(ctx.client, { token: ctx.manager.token }, bo, week.offs, shifts(bo.days));
  }),
);

/** "Thu 26 Nov 12:04–20:04", as the app writes an occurrence. */
const occurrenceLabel = (day: PlannedDay) => `${DateTime.fromISO(day.date).toFormat('ccc d LLL')} ${shiftText}`;

/** The template shift id of `staffId` on `day`'s weekday. */
async function shiftIdOf(staffId: number, day: PlannedDay): Promise<number> {
  const reply = await ctx.client.get(`/api/shifts/?staff=${staffId}`, { token: ctx.manager.token });
  const shift = reply.body.find((s: any) => s.day_of_week === day.weekday);
  assert.ok(shift, `no ${day.weekday} shift for staff ${staffId}: ${reply.text}`);
  return shift.id;
}

let ashaPage: Page;
let boPage: Page;

test('Asha proposes in the UI: her shift for one of Bo’s in return', async () => {
  ashaPage = await ctx.signedIn(asha.username, asha.password, phone);
  await goTo(ashaPage, 'Swaps');
  await until.visible(ashaPage.getByText('No swaps yet.'));
  await button(ashaPage, 'Propose a swap').click();
  await ashaPage.getByLabel('My shift').selectOption({ label: occurrenceLabel(d2) });
  // Only colleagues are offered, not Asha herself.
  const colleague = ashaPage.getByLabel('Colleague');
  await colleague.locator('option', { hasText: 'Bo Lee' }).waitFor({ state: 'attached' });
  assert.deepEqual(await colleague.locator('option').allTextContents(), ['Choose a colleague', 'Bo Lee']);
  await colleague.selectOption({ label: 'Bo Lee' });
  const inReturn = ashaPage.getByLabel('Their shift in return (optional)');
  await inReturn.selectOption({ label: occurrenceLabel(d1) });
  // Bo's coming shifts only: every option but the first ("Nothing: …") is one of his weekdays.
  const offered = (await inReturn.locator('option').allTextContents()).slice(1);
  assert.ok(offered.length >= 8, offered.join(' | '));
  const boDays = new Set(bo.days.map((d) => DateTime.fromISO(d.date).toFormat('ccc')));
  for (const label of offered) assert.ok(boDays.has(label.slice(0, 3)) && label.endsWith(shiftText), `not one of Bo's shifts: ${label}`);
  await ashaPage.getByLabel('Note (optional)').fill('Dentist that day');
  await saveShot(ashaPage, 'admin-20-swap-propose-phone');
  await button(ashaPage, 'Send proposal').click();

  const card = ashaPage.locator('li.swap');
  await until.visible(card.getByText(`Asha Rao gives Bo Lee the shift on ${occurrenceLabel(d2)} and takes ${occurrenceLabel(d1)} in return.`));
  await until.visible(card.getByText('Waiting for an answer'));
  await until.visible(card.getByText('“Dentist that day”'));
  assert.equal(await button(card, 'Accept').count(), 0, 'the proposer cannot accept her own proposal');
  await until.visible(button(card, 'Cancel swap'));
  await saveShot(ashaPage, 'admin-21-swap-proposed-phone');

  const swaps = await ctx.client.get('/api/swaps/', { token: ctx.manager.token });
  assert.equal(swaps.body.length, 1, swaps.text);
  assert.equal(swaps.body[0].status, 'pending');
  assert.deepEqual(swaps.body[0].shift, { ...swaps.body[0].shift, shiftId: await shiftIdOf(asha.staffId!, d2), date: d2.date, staff: asha.staffId });
  assert.deepEqual(swaps.body[0].inReturn, { ...swaps.body[0].inReturn, shiftId: await shiftIdOf(bo.staffId!, d1), date: d1.date, staff: bo.staffId });
});

test('Bo accepts in his own browser, and the swap is done for both', async () => {
  boPage = await ctx.signedIn(bo.username, bo.password);
  await goTo(boPage, 'Swaps');
  const card = boPage.locator('li.swap');
  await until.visible(card.getByText('Waiting for an answer'));
  await until.visible(button(card, 'Decline'));
  await saveShot(boPage, 'admin-22-swap-to-answer');
  await button(card, 'Accept').click();
  await until.visible(card.getByText('Done', { exact: true }));
  assert.equal(await button(card, 'Accept').count(), 0);
  await saveShot(boPage, 'admin-23-swap-done');

  // Asha's page shows it too, once reloaded; and Bo's own week now has her shift, marked.
  await ashaPage.reload();
  await until.visible(ashaPage.locator('li.swap').getByText('Done', { exact: true }));
  await goTo(boPage, 'My shifts');
  await until.visible(boPage.locator('.shift-list li').filter({ hasText: occurrenceLabel(d2).replace(` ${shiftText}`, '') }).getByText('swapped'));
});

test('the manager’s dated roster shows both occurrences moved and marked as a swap', async () => {
  const { page } = ctx;
  await goTo(page, 'Roster');
  await page.getByRole('tab', { name: 'Dated week' }).click();
  const swapId = (await ctx.client.get('/api/swaps/', { token: ctx.manager.token })).body[0].id;
  // The cell of `person` on `day`: columns are Monday…Sunday after the name.
  const cell = (person: string, day: PlannedDay) =>
    page.locator('table.dated tr', { has: page.getByRole('rowheader', { name: person, exact: true }) }).locator('td').nth(weekdayNames.indexOf(day.weekday));
  let shown = DateTime.fromISO(plan.today.date).startOf('week');
  for (const [day, from, to] of [
    [d2, 'Asha Rao', 'Bo Lee'],
    [d1, 'Bo Lee', 'Asha Rao'],
  ] as const) {
    // The week opens on today's; the day may be in the next one.
    const monday = DateTime.fromISO(day.date).startOf('week');
    if (+monday !== +shown) {
      await button(page, monday > shown ? 'Next week →' : 'This week').click();
      shown = monday;
    }
    const heading = DateTime.fromISO(day.date).toFormat('ccc d LLL');
    await until.visible(page.getByRole('columnheader', { name: new RegExp(`^${heading}`) }));
    await until.visible(page.getByText(`Week of ${monday.toFormat('ccc d LLL')}`, { exact: true }));
    const moved = cell(to, day).locator('.occ.swapped');
    await until.visible(moved);
    assert.equal((await moved.textContent())?.trim(), `${shiftText} swap`);
    assert.equal(await moved.getAttribute('title'), `Swapped (swap ${swapId})`);
    assert.equal(await cell(from, day).locator('.occ').count(), 0, `${from} no longer works ${day.date}`);
    await saveShot(page, `admin-24-roster-dated-${day === d2 ? 'given' : 'taken'}`);
  }

  const roster = await ctx.client.get(`/api/roster/?from=${d1.date}&to=${d2.date}`, { token: ctx.manager.token });
  const onDay = (day: PlannedDay) => roster.body.filter((o: any) => o.date === day.date).map((o: any) => [o.staff, o.swap]);
  assert.deepEqual(onDay(d1), [[asha.staffId, swapId]]);
  assert.deepEqual(onDay(d2), [[bo.staffId, swapId]]);
});

test.run();
