/**
 * A manager's first day in the admin app, in Chromium against the real
 * server, one step per test (each builds on the one before): create the
 * first manager, add two staff members, build their week in the roster grid
 * (and see the server's overlap message in place), watch a kiosk check-in
 * arrive on the Live page with its photo, then see that a staff member can
 * open neither the manager pages nor the manager API.
 *
 * The server's clock is set to the real time, in a zone where it is midday
 * (see `planToday`), because the browser's clock decides what "today" is.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { goTo, planToday, plannedWeek, sessionCookie, useAdminPage, weekdayNames } from '../helpers/admin-page.js';
import { button, laptop, phone, saveShot, until } from '../helpers/chromium.js';
import { makeFrame } from '../helpers/fixtures.js';
import { checkInAtKiosk, connectKiosk, pairKiosk, type Socket } from '../helpers/sockets.js';

const plan = planToday();
const week = plannedWeek(plan);
const [d0, , d2, d3, , , d6] = week.days;
const { offs, shiftText } = week;
const people = { asha: week.asha, bo: week.bo };

// A new install: the first test creates the first manager in the page.
const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: false });
let kiosk: Socket | undefined;
test.after(() => {
  kiosk?.close();
});

const managerCookie = async () => ({ cookie: await sessionCookie(ctx.page) });

test('a new install asks for the first manager, and creating one signs them in to the Live page', async () => {
  await until.visible(ctx.page.getByRole('heading', { name: 'Create the first manager' }));
  await saveShot(ctx.page, 'admin-01-first-manager');
  await ctx.page.getByLabel('Username').fill('boss');
  await ctx.page.getByLabel('Password').fill('Boss-Passw0rd!');
  await button(ctx.page, 'Create the first manager').click();
  await until.visible(ctx.page.getByRole('heading', { name: /^Live — / }));
  // A new install has nobody to schedule yet: the empty board says so and offers the next step.
  await until.visible(ctx.page.getByText('No staff yet. Add the people who work here, then give them shifts on the Roster page.'));
  await until.visible(button(ctx.page, 'Add people'));
  await until.visible(ctx.page.getByText('No kiosks paired yet'));
  assert.equal(new URL(ctx.page.url()).pathname, '/app/live');
  const me = await ctx.client.get('/api/me/', await managerCookie());
  assert.equal(me.body.role, 'manager', me.text);
  assert.equal(me.body.username, 'boss');
  await saveShot(ctx.page, 'admin-02-live-empty');
});

test('the Staff page adds two people with sign-in, PIN and days off; a taken PIN is refused in place', async () => {
  await goTo(ctx.page, 'Staff');
  await until.visible(ctx.page.getByText('No staff yet.'));
  for (const person of [people.asha, people.bo]) {
    await button(ctx.page, 'Add staff').click();
    await ctx.page.getByLabel('Name', { exact: true }).fill(person.name);
    await ctx.page.getByLabel('Username', { exact: true }).fill(person.username);
    await ctx.page.getByLabel('Password', { exact: true }).fill(person.password);
    await ctx.page.getByLabel('PIN (6 digits, for the kiosk)').fill(person.pin);
    for (const day of weekdayNames) {
      await ctx.page.getByLabel(day, { exact: true }).setChecked(offs.includes(day));
    }
    if (person === people.bo) await saveShot(ctx.page, 'admin-03-staff-form');
    await button(ctx.page, 'Add staff').click();
    await until.visible(ctx.page.getByRole('row', { name: new RegExp(`^${person.name} ${person.username} `) }));
  }
  // The same PIN for a third person: the server's message, shown in the form.
  await button(ctx.page, 'Add staff').click();
  await ctx.page.getByLabel('Name', { exact: true }).fill('Cy Young');
  await ctx.page.getByLabel('Username', { exact: true }).fill('cy');
  await ctx.page.getByLabel('Password', { exact: true }).fill('cy-Passw0rd!');
  await ctx.page.getByLabel('PIN (6 digits, for the kiosk)').fill(people.asha.pin);
  await button(ctx.page, 'Add staff').click();
  await until.visible(ctx.page.locator('.field-error').filter({ hasText: 'The PIN is already used by another active staff member.' }));
  assert.equal(await ctx.page.getByLabel('PIN (6 digits, for the kiosk)').getAttribute('aria-invalid'), 'true');
  await saveShot(ctx.page, 'admin-04-staff-pin-taken');
  await button(ctx.page, 'Cancel').click();

  const staff = await ctx.client.get('/api/staff/', await managerCookie());
  const offText = offs.join(',');
  assert.deepEqual(
    staff.body.map((p: any) => [p.name, p.username, p.weekly_off_days, p.has_pin, p.active]),
    [
      ['Asha Rao', 'asha', offText, true, true],
      ['Bo Lee', 'bo', offText, true, true],
    ],
  );
  await until.visible(ctx.page.getByRole('row', { name: new RegExp(`Asha Rao asha ${offs.join(', ')}`) }));
  await saveShot(ctx.page, 'admin-05-staff-list');
});

test('the roster grid builds the week cell by cell; an overnight shift running into the next one is refused in place', async () => {
  await goTo(ctx.page, 'Roster');
  for (const person of [people.asha, people.bo]) {
    const daysOff = ctx.page.getByRole('row', { name: new RegExp(`^${person.name}`) }).getByText('Off', { exact: true });
    await until.visible(daysOff.first());
    assert.equal(await daysOff.count(), 2, `${person.name}'s days off`);
    for (const { weekday } of person.days) {
      await button(ctx.page, `Add a shift: ${person.name}, ${weekday}`).click();
      await ctx.page.getByLabel('Start').fill(plan.start);
      await ctx.page.getByLabel('End').fill(plan.end);
      await button(ctx.page, 'Save').click();
      // The shift's button is named by its times first, then whose day it is.
      await until.visible(button(ctx.page, `${shiftText}, ${person.name}, ${weekday}: change`));
    }
  }
  // Bo works d3 from plan.start: a d2 night shift ending after that overlaps it.
  const overnightEnd = plan.timeAfterStart(2);
  await button(ctx.page, `Add a shift: Bo Lee, ${d2.weekday}`).click();
  await ctx.page.getByLabel('Start').fill('22:00');
  await ctx.page.getByLabel('End').fill(overnightEnd);
  await button(ctx.page, 'Save').click();
  const message = `The shift ${d2.weekday} 22:00–${overnightEnd} overlaps the existing shift ${d3.weekday} ${shiftText}.`;
  await until.visible(ctx.page.locator('form.shift-editor').getByRole('alert').filter({ hasText: message }));
  await saveShot(ctx.page, 'admin-06-roster-overlap');
  await button(ctx.page, 'Cancel').click();
  await until.visible(button(ctx.page, `Add a shift: Bo Lee, ${d2.weekday}`).filter({ hasText: '+' }));
  // A day off has no button to add a shift with.
  assert.equal(await button(ctx.page, `Add a shift: Bo Lee, ${offs[0]}`).count(), 0);

  const shifts = await ctx.client.get('/api/shifts/', await managerCookie());
  const staff = await ctx.client.get('/api/staff/', await managerCookie());
  const nameOf = (id: number) => staff.body.find((p: any) => p.id === id).name;
  const toSecond = (hhmm: string) => `${hhmm}:00`;
  assert.deepEqual(
    shifts.body.map((s: any) => `${nameOf(s.staff)} ${s.day_of_week} ${s.shift_start}–${s.shift_end}`).sort(),
    [...people.asha.days.map((d) => `Asha Rao ${d.weekday}`), ...people.bo.days.map((d) => `Bo Lee ${d.weekday}`)]
      .map((s) => `${s} ${toSecond(plan.start)}–${toSecond(plan.end)}`)
      .sort(),
  );
  await saveShot(ctx.page, 'admin-07-roster-week');
});

test('a kiosk check-in appears on the Live page without a reload, with its photo', async () => {
  await goTo(ctx.page, 'Live');
  const row = ctx.page.locator('tr', { has: ctx.page.getByRole('cell', { name: 'Asha Rao', exact: true }) });
  await until.visible(row.getByText('Window open'));
  await until.visible(row.getByRole('cell', { name: shiftText }));
  await ctx.page.evaluate(() => ((window as any).sameDocument = true));

  kiosk = await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, await managerCookie())).token);
  await until.visible(ctx.page.getByText('Front desk: online'));
  const attendance = await checkInAtKiosk(kiosk, people.asha.pin, await makeFrame(640, 480));
  assert.equal(attendance.status, 'on_time');
  assert.match(attendance.photoUrl, /^\/api\/photos\/[0-9a-f]+/);

  await until.visible(row.getByText('Checked in', { exact: true }));
  const photo = row.locator(`img[src="${attendance.photoUrl}"]`);
  await until.visible(photo);
  assert.match((await photo.getAttribute('alt'))!, /^Photo of Asha Rao at \d\d:\d\d$/);
  await ctx.page.waitForFunction((src) => {
    const img = document.querySelector<HTMLImageElement>(`img[src="${src}"]`);
    return img !== null && img.complete && img.naturalWidth > 0;
  }, attendance.photoUrl);
  assert.equal(await ctx.page.evaluate(() => (window as any).sameDocument), true, 'the page was reloaded');
  await until.visible(ctx.page.getByText('Checked in: 1'));
  await saveShot(ctx.page, 'admin-08-live-checked-in');
  // On a phone the board scrolls inside its frame; the page itself does not scroll sideways.
  await ctx.page.setViewportSize(phone);
  assert.equal(await ctx.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the Live page is wider than a phone');
  await saveShot(ctx.page, 'admin-08-live-checked-in-phone');
  await ctx.page.setViewportSize(laptop);

  await row.getByRole('button', { name: /^Photo of Asha Rao at / }).click();
  const viewer = ctx.page.getByRole('dialog', { name: 'Photo' });
  await until.visible(viewer.locator(`img[src="${attendance.photoUrl}"]`));
  await saveShot(ctx.page, 'admin-09-live-photo');
  await ctx.page.keyboard.press('Escape');
  await until.gone(viewer);

  kiosk.close();
  await until.visible(ctx.page.getByText('Front desk: offline'));
});

test('staff see their own shifts, but not the manager pages (UI) nor the manager API (403)', async () => {
  const staffPage = await ctx.signedIn(people.bo.username, people.bo.password, phone);
  try {
    await until.visible(staffPage.getByRole('heading', { name: 'My shifts' }));
    assert.equal(new URL(staffPage.url()).pathname, '/app/me');
    const nav = staffPage.getByRole('navigation', { name: 'Main' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['My shifts', 'Swaps']);
    await until.visible(staffPage.locator('.shift-list li').filter({ hasText: shiftText }).first());
    await saveShot(staffPage, 'admin-10-staff-my-shifts-phone');

    for (const path of ['/app/staff', '/app/roster', '/app/live', '/app/history', '/app/kiosks', '/app/settings']) {
      await staffPage.goto(path);
      await until.visible(staffPage.getByText('This page is for managers. You are signed in as staff.'));
      assert.equal(await staffPage.getByRole('heading', { name: 'Staff', exact: true }).count(), 0);
    }
    await saveShot(staffPage, 'admin-11-staff-forbidden-phone');

    for (const path of ['/api/staff/', '/api/kiosks/', '/api/settings/', `/api/timesheets.csv?from=${d0.date}&to=${d6.date}`]) {
      const reply = await staffPage.request.get(path);
      assert.equal(reply.status(), 403, `${path}: ${await reply.text()}`);
      assert.equal((await reply.json()).error.code, 'forbidden', path);
    }
    const created = await staffPage.request.post('/api/staff/', { data: { username: 'eve', password: 'eve-Passw0rd!', weekly_off_days: 'Sunday' } });
    assert.equal(created.status(), 403, await created.text());
    assert.equal((await ctx.client.get('/api/staff/', await managerCookie())).body.length, 2);
  } finally {
    await staffPage.context().close();
  }
});

test.run();
