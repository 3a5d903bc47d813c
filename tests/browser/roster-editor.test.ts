/**
 * The roster editor in Chromium against the real server, one step per test
 * (each builds on the one before): a manager builds a week for five people
 * with copy-day and copy-person in a handful of actions, adds a second shift
 * to a day and changes its times, gives today's shift to a colleague in the
 * dated week (who then checks in at a kiosk), and adds a one-off shift for
 * one person today that opens a check-in window at the kiosk.
 *
 * The server's clock is the real time, in a zone where it is midday (see
 * `planToday`), because the browser's clock decides what "today" is. The
 * week's shift is 06:00–10:00, over before now, so today's afternoon shift
 * can be given to anyone who only worked the morning.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, planToday, plannedWeek, seedStaff, useAdminPage, weekdayNames, type Person, type PlannedDay } from '../helpers/admin-page.js';
import { button, saveShot, until, type Locator } from '../helpers/chromium.js';
import { makeFrame } from '../helpers/fixtures.js';
import { ask, closeSockets, connectKiosk, pairKiosk, type Socket } from '../helpers/sockets.js';

const plan = planToday();
const week = plannedWeek(plan);
const { offs, shiftText } = week;
const [d0] = week.days;
/** Everyone works the five days from today on, and has the two after them off. */
const workingDays = week.days.slice(0, 5);
const morning = { start: '06:00', end: '10:00' };
const morningText = `${morning.start}–${morning.end}`;

const person = (name: string, username: string, pin: string): Person => ({ name, username, password: `${username}-Passw0rd!`, pin });
const asha = person('Asha Rao', 'asha', '111111');
const bo = person('Bo Lee', 'bo', '222222');
const cy = person('Cy Young', 'cy', '333333');
const dee = person('Dee Park', 'dee', '444444');
const eli = person('Eli Moss', 'eli', '555555');
const people = [asha, bo, cy, dee, eli];

const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: 'boss' });
test.before(
  reportingErrors('adding five people with no shifts', async () => {
    for (const p of people) await seedStaff(ctx.client, { token: ctx.manager.token }, p, offs, []);
  }),
);
let kiosk: Socket | undefined;
test.after(() => closeSockets(kiosk));

const managerAuth = () => ({ token: ctx.manager.token });
/** "Thu 3 Dec", as the app writes a calendar date (en-GB, as `admin/format.js` does). */
const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T00:00:00Z`));
/** An instant of the roster API as HH:mm in the organisation's zone. */
const clock = (iso: string) => DateTime.fromISO(iso).setZone(plan.timezone).toFormat('HH:mm');

/** The weekly template's cell of `who` on `weekday`: columns are Monday…Sunday after the name. */
const templateCell = (who: Person, weekday: string) =>
  ctx.page.locator('table.template tbody tr', { has: ctx.page.getByRole('rowheader', { name: new RegExp(`^${who.name}`) }) }).locator('td').nth(weekdayNames.indexOf(weekday));
/** The dated week's cell of `who` on `day`. */
const datedCell = (who: Person, day: PlannedDay) =>
  ctx.page.locator('table.dated tbody tr', { has: ctx.page.getByRole('rowheader', { name: who.name, exact: true }) }).locator('td').nth(weekdayNames.indexOf(day.weekday));
const buttonNames = async (scope: Locator) => Promise.all((await scope.getByRole('button').all()).map((b) => b.getAttribute('aria-label')));

async function templateShifts(staffId?: number): Promise<any[]> {
  const reply = await ctx.client.get(`/api/shifts/${staffId === undefined ? '' : `?staff=${staffId}`}`, managerAuth());
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}
async function rosterOf(from: string, to: string): Promise<any[]> {
  const reply = await ctx.client.get(`/api/roster/?from=${from}&to=${to}`, managerAuth());
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}
async function connectedKiosk(): Promise<Socket> {
  kiosk ??= await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, managerAuth(), 'Front desk')).token);
  return kiosk;
}

test('a week for five people is built with one shift, a copy of the day and a copy of the week, in fewer than 15 actions', async () => {
  const { page } = ctx;
  let actions = 0;
  /** One thing the manager does: a click, a fill or a choice. */
  const act = <T>(does: () => Promise<T>): Promise<T> => {
    actions += 1;
    return does();
  };
  const first = `${asha.name}, ${d0.weekday}`;

  await act(() => goTo(page, 'Roster'));
  await act(() => button(page, `Add a shift: ${first}`).click());
  const editor = page.getByRole('form', { name: `Add ${asha.name}’s ${d0.weekday} shift` });
  await act(() => editor.getByLabel('Start').fill(morning.start));
  await act(() => editor.getByLabel('End').fill(morning.end));
  await act(() => button(editor, 'Save').click());
  await until.visible(button(page, `${morningText}, ${first}: change`));

  await act(() => button(page, `Copy ${first} to other days`).click());
  const dayCopy = page.getByRole('form', { name: `Copy ${asha.name}’s ${d0.weekday} to other days` });
  await act(() => button(dayCopy, 'All working days').click());
  await until.visible(dayCopy.getByText('4 shifts will be added', { exact: false }));
  await act(() => button(dayCopy, 'Copy').click());
  await until.visible(page.getByRole('status').filter({ hasText: 'Copied 4 shifts.' }));

  await act(() => button(page, `Copy ${asha.name}’s week to other people`).click());
  const weekCopy = page.getByRole('form', { name: `Copy ${asha.name}’s week to other people` });
  await act(() => button(weekCopy, 'Everyone').click());
  await until.visible(weekCopy.getByText('20 shifts will be added', { exact: false }));
  await saveShot(page, 'roster-01-copy-week-panel');
  await act(() => button(weekCopy, 'Copy').click());
  await until.visible(page.getByRole('status').filter({ hasText: 'Copied 20 shifts.' }));
  await until.gone(weekCopy);

  console.log(`Building the week for ${people.length} people took ${actions} actions.`);
  assert.ok(actions < 15, `building the week took ${actions} actions`);
  assert.equal(await page.locator('.notice.warn').count(), 0, 'a copy left something out');

  // The grid: every working day of every person holds the shift; days off hold none; hours add up.
  for (const p of people) {
    for (const day of weekdayNames) {
      const names = await buttonNames(templateCell(p, day));
      if (offs.includes(day)) assert.deepEqual(names, [], `${p.name} has ${day} off`);
      else assert.equal(names[0], `${morningText}, ${p.name}, ${day}: change`, `${p.name} on ${day}`);
    }
    const row = page.locator('table.template tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${p.name}`) }) });
    assert.equal((await row.locator('td.hours').textContent())?.trim(), '20 h', `${p.name}'s weekly hours`);
  }
  assert.equal((await page.locator('table.template tfoot td.hours').last().textContent())?.trim(), '100 h');

  // The template, and the dated week it makes.
  const nameOf = new Map(people.map((p) => [p.staffId, p.name]));
  assert.deepEqual(
    (await templateShifts()).map((s) => `${nameOf.get(s.staff)} ${s.day_of_week} ${s.shift_start}–${s.shift_end}`).sort(),
    people.flatMap((p) => workingDays.map((d) => `${p.name} ${d.weekday} ${morning.start}:00–${morning.end}:00`)).sort(),
  );
  const roster = await rosterOf(week.days[0]!.date, week.days[6]!.date);
  for (const p of people) {
    assert.deepEqual(
      roster.filter((o) => o.staff === p.staffId).map((o) => `${o.date} ${clock(o.start)}–${clock(o.end)}`),
      workingDays.map((d) => `${d.date} ${morningText}`),
      `${p.name}'s dated week`,
    );
  }
});

test('a second shift on the same day shows in the cell beside the first, and changing its times leaves the first alone', async () => {
  const { page } = ctx;
  const where = `${asha.name}, ${d0.weekday}`;
  const [firstShift] = (await templateShifts(asha.staffId)).filter((s) => s.day_of_week === d0.weekday);
  assert.ok(firstShift);

  await button(page, `Add another shift: ${where}`).click();
  const adding = page.getByRole('form', { name: `Add ${asha.name}’s ${d0.weekday} shift` });
  // A second shift starts where the day's last one ends.
  assert.equal(await adding.getByLabel('Start').inputValue(), morning.end);
  const draftEnd = plan.timeAfterStart(6);
  await adding.getByLabel('Start').fill(plan.start);
  await adding.getByLabel('End').fill(draftEnd);
  await button(adding, 'Save').click();
  const second = button(page, `${plan.start}–${draftEnd}, ${where}: change`);
  await until.visible(second);
  assert.deepEqual((await buttonNames(templateCell(asha, d0.weekday))).slice(0, 2), [`${morningText}, ${where}: change`, `${plan.start}–${draftEnd}, ${where}: change`]);

  await second.click();
  const changing = page.getByRole('form', { name: `Change ${asha.name}’s ${d0.weekday} shift` });
  assert.equal(await changing.getByLabel('Start').inputValue(), plan.start);
  assert.equal(await changing.getByLabel('End').inputValue(), draftEnd);
  await changing.getByLabel('End').fill(plan.end);
  await button(changing, 'Save').click();
  await until.visible(button(page, `${shiftText}, ${where}: change`));
  await until.gone(changing);
  assert.deepEqual((await buttonNames(templateCell(asha, d0.weekday))).slice(0, 2), [`${morningText}, ${where}: change`, `${shiftText}, ${where}: change`]);
  const ashaRow = page.locator('table.template tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`^${asha.name}`) }) });
  assert.equal((await ashaRow.locator('td.hours').textContent())?.trim(), '28 h');
  await saveShot(page, 'roster-02-weekly-template');

  const onDay = (await templateShifts(asha.staffId)).filter((s) => s.day_of_week === d0.weekday);
  assert.deepEqual(
    onDay.map((s) => [s.id === firstShift.id, s.shift_start, s.shift_end]),
    [
      [true, `${morning.start}:00`, `${morning.end}:00`],
      [false, `${plan.start}:00`, `${plan.end}:00`],
    ],
  );
  const today = (await rosterOf(d0.date, d0.date)).filter((o) => o.staff === asha.staffId);
  assert.deepEqual(today.map((o) => `${clock(o.start)}–${clock(o.end)}`), [morningText, shiftText]);
});

test('today’s shift given to a colleague in the dated week: she checks in at the kiosk, on that shift', async () => {
  const { page } = ctx;
  const today = dayLabel(d0.date);
  const afternoon = (await rosterOf(d0.date, d0.date)).find((o) => o.staff === asha.staffId && clock(o.start) === plan.start);
  assert.ok(afternoon, 'Asha has no afternoon shift today');

  await page.getByRole('tab', { name: 'Dated week' }).click();
  const todayHeader = page.locator('table.dated thead th[aria-current="date"]');
  await until.visible(todayHeader);
  assert.equal((await todayHeader.textContent())?.replace(/\s+/g, ' ').trim(), `${today} Today`);
  await until.visible(button(page, `${shiftText}, ${asha.name}, ${today}: change`));
  await saveShot(page, 'roster-03-dated-week');

  await button(page, `${shiftText}, ${asha.name}, ${today}: change`).click();
  const editor = page.getByRole('form', { name: `Change the shift on ${today}` });
  assert.equal(await editor.getByLabel('Works it').inputValue(), String(asha.staffId));
  await editor.getByLabel('Works it').selectOption({ label: bo.name });
  await saveShot(page, 'roster-04-occurrence-editor');
  await button(editor, 'Save').click();
  await until.gone(editor);
  await until.visible(button(page, `${shiftText} (moved), ${bo.name}, ${today}: change`));
  assert.deepEqual(await buttonNames(datedCell(asha, d0)), [`${morningText}, ${asha.name}, ${today}: change`, `Add a one-off shift: ${asha.name}, ${today}`]);
  assert.deepEqual(await buttonNames(datedCell(bo, d0)), [
    `${morningText}, ${bo.name}, ${today}: change`,
    `${shiftText} (moved), ${bo.name}, ${today}: change`,
    `Add a one-off shift: ${bo.name}, ${today}`,
  ]);

  const moved = (await rosterOf(d0.date, d0.date)).find((o) => o.shiftId === afternoon.shiftId);
  assert.deepEqual(
    { staff: moved?.staff, start: moved?.start, end: moved?.end, reassigned: moved?.reassigned, retimed: moved?.retimed },
    { staff: bo.staffId, start: afternoon.start, end: afternoon.end, reassigned: true, retimed: false },
  );

  // Bo at the kiosk: his PIN finds the shift he was given, with its check-in window open now.
  const socket = await connectedKiosk();
  const identified = await ask(socket, 'identify', { pin: bo.pin });
  assert.equal(identified.ok, true, JSON.stringify(identified));
  assert.deepEqual(
    identified.windows.map((w: any) => [w.kind, w.shiftId, w.date, w.state]),
    [['check_in', afternoon.shiftId, d0.date, 'none']],
  );
  const [window] = identified.windows;
  assert.ok(Date.parse(window.opensAt) <= plan.now.getTime() && plan.now.getTime() < Date.parse(window.closesAt), JSON.stringify(window));
  const captured = await ask(socket, 'capture', { attempt: identified.attempt, kind: 'check_in', image: await makeFrame(640, 480), requestId: randomUUID() });
  assert.equal(captured.ok, true, JSON.stringify(captured));
  assert.equal(captured.attendance.staffId, bo.staffId);
  assert.equal(captured.attendance.status, 'on_time');

  const records = await ctx.client.get('/api/attendance/', managerAuth());
  assert.deepEqual(
    records.body.map((r: any) => [r.staff, r.kind, r.shift, r.date]),
    [[bo.staffId, 'check_in', afternoon.shiftId, d0.date]],
  );
});

test('a one-off shift for one person today shows in the dated week and opens a check-in window at the kiosk', async () => {
  const { page } = ctx;
  const today = dayLabel(d0.date);
  const start = plan.timeAfterStart(0.5);
  const end = plan.timeAfterStart(4);
  const times = `${start}–${end}`;

  await button(page, `Add a one-off shift: ${cy.name}, ${today}`).click();
  const form = page.getByRole('form', { name: `Add a one-off shift for ${cy.name} on ${today}` });
  await form.getByLabel('Start').fill(start);
  await form.getByLabel('End').fill(end);
  await form.getByLabel('Note (optional)').fill('Lunch rush');
  await button(form, 'Add shift').click();
  await until.gone(form);
  const added = button(page, `${times} (one-off), ${cy.name}, ${today}: change`);
  await until.visible(added);
  assert.equal(await added.getAttribute('title'), 'Lunch rush');
  assert.deepEqual(await buttonNames(datedCell(cy, d0)), [`${morningText}, ${cy.name}, ${today}: change`, `${times} (one-off), ${cy.name}, ${today}: change`, `Add a one-off shift: ${cy.name}, ${today}`]);
  // One person, one date: the week has no other one-off.
  assert.equal(await page.getByRole('button', { name: /\(one-off\)/ }).count(), 1);
  await saveShot(page, 'roster-05-dated-week-changed');

  const roster = await rosterOf(d0.date, week.days[6]!.date);
  const oneOffs = roster.filter((o) => o.oneOff);
  assert.deepEqual(
    oneOffs.map((o) => [o.staff, o.date, clock(o.start), clock(o.end), o.note]),
    [[cy.staffId, d0.date, start, end, 'Lunch rush']],
  );
  const [oneOff] = oneOffs;

  // Not a weekly shift: the template still has only Cy's morning that day.
  await page.getByRole('tab', { name: 'Weekly template' }).click();
  await until.visible(button(page, `${morningText}, ${cy.name}, ${d0.weekday}: change`));
  assert.deepEqual((await buttonNames(templateCell(cy, d0.weekday)))[0], `${morningText}, ${cy.name}, ${d0.weekday}: change`);
  assert.equal((await buttonNames(templateCell(cy, d0.weekday))).filter((n) => n?.endsWith(': change')).length, 1);

  // At the kiosk, Cy's PIN finds the one-off's check-in window, open now, half an hour before it starts.
  const identified = await ask(await connectedKiosk(), 'identify', { pin: cy.pin });
  assert.equal(identified.ok, true, JSON.stringify(identified));
  assert.deepEqual(
    identified.windows.map((w: any) => [w.kind, w.shiftId, w.date, clock(w.shiftStart), clock(w.shiftEnd), w.state]),
    [['check_in', oneOff.shiftId, d0.date, start, end, 'none']],
  );
  const [window] = identified.windows;
  assert.equal(window.opensAt, oneOff.checkIn.opensAt);
  assert.ok(Date.parse(window.opensAt) <= plan.now.getTime() && plan.now.getTime() < Date.parse(window.closesAt), JSON.stringify(window));
});

test.run();
