/**
 * The admin app on a phone (390×844), as the manager and as a staff member:
 * on every page nothing is wider than the screen, so nothing scrolls (or is
 * cut off) sideways. The manager's navigation folds into one "Menu" button
 * that works by keyboard and keeps the waiting alerts' count in sight; a
 * staff member's home starts with whether they are checked in.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { managerStops, staffStops, useBusyDay } from '../helpers/admin-tour.js';
import { assertFitsWidth, link, phone, saveShot, until, type Page } from '../helpers/chromium.js';

const ctx = useBusyDay(test, (suite) => suite.page.setViewportSize(phone));
let staffPage: Page;

test('the manager’s navigation is one Menu button, opened by keyboard, with the alert count in sight', async () => {
  const menu = ctx.page.getByRole('button', { name: /^Menu/ });
  await until.visible(menu.getByText('1 alert waits'));
  const nav = ctx.page.getByRole('navigation', { name: 'Main' });
  await until.gone(link(nav, 'Roster'));
  const bar = await ctx.page.locator('header.topbar').boundingBox();
  assert.ok(bar && bar.height < 70, `the closed bar is ${bar?.height} px high: more than one row`);

  await menu.focus();
  await ctx.page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await until.visible(link(nav, 'Roster'));
  await saveShot(ctx.page, 'phone-manager-menu-open');
  await ctx.page.keyboard.press('Escape');
  await until.gone(link(nav, 'Roster'));
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
});

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');

for (const stop of managerStops) {
  test(`manager: ${stop.name} fits a phone`, async () => {
    await stop.open(ctx.page);
    await assertFitsWidth(ctx.page, `manager, ${stop.name}`);
    await saveShot(ctx.page, `phone-manager-${slug(stop.name)}`);
  });
}

for (const stop of staffStops) {
  test(`staff: ${stop.name} fits a phone`, async () => {
    staffPage ??= await ctx.signedIn(ctx.people.asha.username, ctx.people.asha.password, phone);
    await stop.open(staffPage);
    await assertFitsWidth(staffPage, stop.name);
    await saveShot(staffPage, `phone-${slug(stop.name)}`);
  });
}

test('a staff member’s home starts with their check-in state, their latest punch right under it', async () => {
  await link(staffPage.getByRole('navigation', { name: 'Main' }), 'My shifts').click();
  const now = staffPage.locator('.now-card');
  await until.visible(now.getByText(/^Checked in since \d\d:\d\d$/));
  await until.visible(now.getByText(`Shift: Today ${ctx.plan.start}–${ctx.plan.end}`, { exact: false }));
  const nowBox = (await now.boundingBox())!;
  assert.ok(nowBox.y < 200, `the check-in state starts ${nowBox.y} px down`);
  const latest = staffPage.locator('.punches li').first();
  await until.visible(latest.getByText(/^Checked in /));
  const latestBox = (await latest.boundingBox())!;
  assert.ok(latestBox.y + latestBox.height <= phone.height, `her latest punch is below the first screen (at ${latestBox.y} px)`);
});

test.run();
