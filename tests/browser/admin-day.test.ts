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
import {
  button,
  checkInAtKiosk,
  connectPairedKiosk,
  goTo,
  launchBrowser,
  laptop,
  openApp,
  phone,
  planToday,
  plannedWeek,
  sessionCookie,
  shot,
  signIn,
  until,
  weekdayNames,
  type Browser,
  type Page,
  type Socket,
} from '../helpers/admin-browser.js';
import { makeFrame } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const plan = planToday();
const week = plannedWeek(plan);
const [d0, , d2, d3, , , d6] = week.days;
const { offs, shiftText } = week;
const people = { asha: week.asha, bo: week.bo };

let server: TestServer;
let client: Client;
let browser: Browser;
let page: Page;
let kiosk: Socket | undefined;

test.before(async () => {
  [server, browser] = await Promise.all([startTestServer({ now: plan.now.toISOString(), timezone: plan.timezone }), launchBrowser()]);
  client = createClient(server.url);
  page = await openApp(browser, server.url);
});
test.after(async () => {
  kiosk?.close();
  await browser.close();
  await server.close();
});

const managerCookie = async () => ({ cookie: await sessionCookie(page) });

test('a new install asks for the first manager, and creating one signs them in to the Live page', async () => {
  await until.visible(page.getByRole('heading', { name: 'Create the first manager' }));
  await shot(page, '01-first-manager');
  await page.getByLabel('Username').fill('boss');
  await page.getByLabel('Password').fill('Boss-Passw0rd!');
  await button(page, 'Create the first manager').click();
  await until.visible(page.getByRole('heading', { name: /^Live — / }));
  await until.visible(page.getByText('Nobody is scheduled today. Shifts are set on the Roster page.'));
  await until.visible(page.getByText('No kiosks paired yet'));
  assert.equal(new URL(page.url()).pathname, '/app/live');
  const me = await client.get('/api/me/', await managerCookie());
  assert.equal(me.body.role, 'manager', me.text);
  assert.equal(me.body.username, 'boss');
  await shot(page, '02-live-empty');
});

test('the Staff page adds two people with sign-in, PIN and days off; a taken PIN is refused in place', async () => {
  await goTo(page, 'Staff');
  await until.visible(page.getByText('No staff yet.'));
  for (const person of [people.asha, people.bo]) {
    await button(page, 'Add staff').click();
    await page.getByLabel('Name', { exact: true }).fill(person.name);
    await page.getByLabel('Username', { exact: true }).fill(person.username);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByLabel('PIN (6 digits, for the kiosk)').fill(person.pin);
    for (const day of weekdayNames) {
      await page.getByLabel(day, { exact: true }).setChecked(offs.includes(day));
    }
    if (person === people.bo) await shot(page, '03-staff-form');
    await button(page, 'Add staff').click();
    await until.visible(page.getByRole('row', { name: new RegExp(`^${person.name} ${person.username} `) }));
  }
  // The same PIN for a third person: the server's message, shown in the form.
  await button(page, 'Add staff').click();
  await page.getByLabel('Name', { exact: true }).fill('Cy Young');
  await page.getByLabel('Username', { exact: true }).fill('cy');
  await page.getByLabel('Password', { exact: true }).fill('cy-Passw0rd!');
  await page.getByLabel('PIN (6 digits, for the kiosk)').fill(people.asha.pin);
  await button(page, 'Add staff').click();
  await until.visible(page.getByRole('alert').filter({ hasText: 'Another active staff member already uses this PIN. Choose a different one.' }));
  await shot(page, '04-staff-pin-taken');
  await button(page, 'Cancel').click();

  const staff = await client.get('/api/staff/', await managerCookie());
  const offText = offs.join(',');
  assert.deepEqual(
    staff.body.map((p: any) => [p.name, p.username, p.weekly_off_days, p.has_pin, p.active]),
    [
      ['Asha Rao', 'asha', offText, true, true],
      ['Bo Lee', 'bo', offText, true, true],
    ],
  );
  await until.visible(page.getByRole('row', { name: new RegExp(`Asha Rao asha ${offs.join(', ')}`) }));
  await shot(page, '05-staff-list');
});

test('the roster grid builds the week cell by cell; an overnight shift running into the next one is refused in place', async () => {
  await goTo(page, 'Roster');
  for (const person of [people.asha, people.bo]) {
    const daysOff = page.getByRole('row', { name: new RegExp(`^${person.name}`) }).getByText('Off', { exact: true });
    await until.visible(daysOff.first());
    assert.equal(await daysOff.count(), 2, `${person.name}'s days off`);
    for (const { weekday } of person.days) {
      const cell = button(page, `${person.name}, ${weekday}`);
      await cell.click();
      await page.getByLabel('Start').fill(plan.start);
      await page.getByLabel('End').fill(plan.end);
      await button(page, 'Save').click();
      await until.visible(cell.filter({ hasText: shiftText }));
    }
  }
  // Bo works d3 from plan.start: a d2 night shift ending after that overlaps it.
  const overnightEnd = plan.timeAfterStart(2);
  await button(page, `Bo Lee, ${d2.weekday}`).click();
  await page.getByLabel('Start').fill('22:00');
  await page.getByLabel('End').fill(overnightEnd);
  await button(page, 'Save').click();
  const message = `The shift ${d2.weekday} 22:00–${overnightEnd} overlaps the existing shift ${d3.weekday} ${shiftText}.`;
  await until.visible(page.locator('form.shift-editor').getByRole('alert').filter({ hasText: message }));
  await shot(page, '06-roster-overlap');
  await button(page, 'Cancel').click();
  await until.visible(button(page, `Bo Lee, ${d2.weekday}`).filter({ hasText: '+' }));
  // A day off has no button to add a shift with.
  assert.equal(await button(page, `Bo Lee, ${offs[0]}`).count(), 0);

  const shifts = await client.get('/api/shifts/', await managerCookie());
  const staff = await client.get('/api/staff/', await managerCookie());
  const nameOf = (id: number) => staff.body.find((p: any) => p.id === id).name;
  const toSecond = (hhmm: string) => `${hhmm}:00`;
  assert.deepEqual(
    shifts.body.map((s: any) => `${nameOf(s.staff)} ${s.day_of_week} ${s.shift_start}–${s.shift_end}`).sort(),
    [...people.asha.days.map((d) => `Asha Rao ${d.weekday}`), ...people.bo.days.map((d) => `Bo Lee ${d.weekday}`)]
      .map((s) => `${s} ${toSecond(plan.start)}–${toSecond(plan.end)}`)
      .sort(),
  );
  await shot(page, '07-roster-week');
});

test('a kiosk check-in appears on the Live page without a reload, with its photo', async () => {
  await goTo(page, 'Live');
  const row = page.locator('tr', { has: page.getByRole('cell', { name: 'Asha Rao', exact: true }) });
  await until.visible(row.getByText('Window open'));
  await until.visible(row.getByRole('cell', { name: shiftText }));
  await page.evaluate(() => ((window as any).sameDocument = true));

  kiosk = await connectPairedKiosk(client, server.url, await managerCookie());
  await until.visible(page.getByText('Front desk: online'));
  const attendance = await checkInAtKiosk(kiosk, people.asha.pin, await makeFrame(640, 480));
  assert.equal(attendance.status, 'on_time');
  assert.match(attendance.photoUrl, /^\/api\/photos\/[0-9a-f]+/);

  await until.visible(row.getByText('Checked in', { exact: true }));
  const photo = row.locator(`img[src="${attendance.photoUrl}"]`);
  await until.visible(photo);
  assert.match((await photo.getAttribute('alt'))!, /^Photo of Asha Rao at \d\d:\d\d$/);
  await page.waitForFunction((src) => {
    const img = document.querySelector<HTMLImageElement>(`img[src="${src}"]`);
    return img !== null && img.complete && img.naturalWidth > 0;
  }, attendance.photoUrl);
  assert.equal(await page.evaluate(() => (window as any).sameDocument), true, 'the page was reloaded');
  await until.visible(page.getByText('Checked in: 1'));
  await shot(page, '08-live-checked-in');
  // On a phone the board scrolls inside its frame; the page itself does not scroll sideways.
  await page.setViewportSize(phone);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the Live page is wider than a phone');
  await shot(page, '08-live-checked-in-phone');
  await page.setViewportSize(laptop);

  await row.getByRole('button', { name: /^Photo of Asha Rao at / }).click();
  const viewer = page.getByRole('dialog', { name: 'Photo' });
  await until.visible(viewer.locator(`img[src="${attendance.photoUrl}"]`));
  await shot(page, '09-live-photo');
  await page.keyboard.press('Escape');
  await until.gone(viewer);

  kiosk.close();
  await until.visible(page.getByText('Front desk: offline'));
});

test('staff see their own shifts, but not the manager pages (UI) nor the manager API (403)', async () => {
  const staffPage = await openApp(browser, server.url, '/app', phone);
  try {
    await signIn(staffPage, people.bo.username, people.bo.password);
    await until.visible(staffPage.getByRole('heading', { name: 'My shifts' }));
    assert.equal(new URL(staffPage.url()).pathname, '/app/me');
    const nav = staffPage.getByRole('navigation', { name: 'Main' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['My shifts', 'Swaps']);
    await until.visible(staffPage.locator('.shift-list li').filter({ hasText: shiftText }).first());
    await shot(staffPage, '10-staff-my-shifts-phone');

    for (const path of ['/app/staff', '/app/roster', '/app/live', '/app/history', '/app/kiosks', '/app/settings']) {
      await staffPage.goto(path);
      await until.visible(staffPage.getByText('This page is for managers. You are signed in as staff.'));
      assert.equal(await staffPage.getByRole('heading', { name: 'Staff', exact: true }).count(), 0);
    }
    await shot(staffPage, '11-staff-forbidden-phone');

    for (const path of ['/api/staff/', '/api/kiosks/', '/api/settings/', `/api/timesheets.csv?from=${d0.date}&to=${d6.date}`]) {
      const reply = await staffPage.request.get(path);
      assert.equal(reply.status(), 403, `${path}: ${await reply.text()}`);
      assert.equal((await reply.json()).error.code, 'forbidden', path);
    }
    const created = await staffPage.request.post('/api/staff/', { data: { username: 'eve', password: 'eve-Passw0rd!', weekly_off_days: 'Sunday' } });
    assert.equal(created.status(), 403, await created.text());
    assert.equal((await client.get('/api/staff/', await managerCookie())).body.length, 2);
  } finally {
    await staffPage.context().close();
  }
});

test.run();
