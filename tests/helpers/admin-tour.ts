/**
 * Every page of the admin app, as a manager and as a staff member sees it,
 * opened one after another on a day with something on each: for the checks
 * that hold on every page (accessibility, a phone's width). A stop opens its
 * page from where the one before left off and waits until it shows its data.
 *
 * @example
 *   const ctx = useBusyDay(test);
 *   for (const stop of managerStops) test(stop.name, async () => { await stop.open(ctx.page); ... });
 */
import assert from 'node:assert/strict';
import type { Test } from 'uvu';
import { reportingErrors, type ApiSuite } from './api-suite.js';
import { goTo, planToday, plannedWeek, seedStaff, unfoldMenu, useAdminPage, type AdminPageSuite, type DayPlan } from './admin-page.js';
import { button, until, type Page } from './chromium.js';
import { makeFrame, toBase64 } from './fixtures.js';
import { ask, closeSockets, connectKiosk, pairKiosk } from './sockets.js';

export type Stop = { name: string; open(page: Page): Promise<void> };

export type BusyDaySuite = AdminPageSuite & { plan: DayPlan; people: Awaited<ReturnType<typeof seedBusyDay>> };

/** The admin suite on a busy day planned for now, seeded once before the file's first test; `then` runs after the seed. */
export function useBusyDay(test: Test, then?: (ctx: BusyDaySuite) => Promise<void>): BusyDaySuite {
  const plan = planToday();
  const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: 'boss' }) as BusyDaySuite;
  ctx.plan = plan;
  test.before(
    reportingErrors('seeding a busy day', async () => {
      ctx.people = await seedBusyDay(ctx, plan);
      await then?.(ctx);
    }),
  );
  return ctx;
}

/**
 * Asha checked in to today's shift (and missed the same shift a week ago, so
 * something needs attention), Bo asks her to cover his tomorrow, and the
 * kiosk "Front desk" locked itself after wrong PINs (an alert waits).
 * Returns the two people.
 */
export async function seedBusyDay(ctx: ApiSuite, plan: DayPlan) {
  const week = plannedWeek(plan);
  const { asha, bo } = week;
  const manager = { token: ctx.manager.token };
  const weekAgo = plan.day(-7).date;
  await seedStaff(ctx.client, manager, asha, week.offs, asha.days.map((d) => ({ day: d.weekday, start: plan.start, end: plan.end })), weekAgo);
  await seedStaff(ctx.client, manager, bo, week.offs, bo.days.map((d) => ({ day: d.weekday, start: plan.start, end: plan.end })), weekAgo);
  const frontDesk = await pairKiosk(ctx.client, manager, 'Front desk');
  // Wrong PINs until it locks: an alert waiting on the Live page and in the navigation.
  const kiosk = await connectKiosk(ctx.server.url, frontDesk.token);
  try {
    for (let i = 0; i < 5; i++) await ask(kiosk, 'identify', { pin: '000000' });
  } finally {
    closeSockets(kiosk);
  }

  const signInAs = async (username: string, password: string) => ({ token: (await ctx.client.post('/api/token/', { username, password })).body.access as string });
  const ashaAuth = await signInAs(asha.username, asha.password);
  const checkIn = await ctx.client.post('/api/attendance/', { staff: asha.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, ashaAuth);
  assert.equal(checkIn.status, 201, checkIn.text);

  const boAuth = await signInAs(bo.username, bo.password);
  const tomorrow = plan.day(1);
  const boShifts = await ctx.client.get(`/api/roster/?from=${tomorrow.date}&to=${tomorrow.date}`, boAuth);
  const boTomorrow = boShifts.body.find((s: any) => s.staff === bo.staffId);
  assert.ok(boTomorrow, `no shift of Bo's tomorrow: ${boShifts.text}`);
  const swap = await ctx.client.post('/api/swaps/', { shift: { shiftId: boTomorrow.shiftId, date: tomorrow.date }, withStaff: asha.staffId, inReturn: null }, boAuth);
  assert.equal(swap.status, 201, swap.text);
  return { asha, bo };
}

/** Until nothing on the page says it is loading. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.loading') === null);
}

const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { name, level });

async function openFromNav(page: Page, label: string, title: string | RegExp): Promise<void> {
  await goTo(page, label);
  await until.visible(heading(page, title));
  await settled(page);
}

/** Bo's request to Asha is on it, for the manager and for her alike. */
const swapsStop = (name: string): Stop => ({
  name,
  async open(page) {
    await openFromNav(page, 'Swaps', 'Swaps');
    await until.visible(page.getByText(/Bo Lee/).first());
  },
});

export const managerStops: Stop[] = [
  {
    name: 'Live',
    async open(page) {
      await openFromNav(page, 'Live', /^Live — /);
      await until.visible(page.locator('tr[data-staff="Asha Rao"]').getByRole('button', { name: /^Photo of Asha Rao at / }));
      await until.visible(page.getByRole('list', { name: 'Alerts' }).getByText(/Front desk/));
    },
  },
  {
    name: 'Roster, weekly template',
    async open(page) {
      await openFromNav(page, 'Roster', 'Roster');
      await until.visible(page.getByRole('tab', { name: 'Weekly template', selected: true }));
      await until.visible(page.locator('table').getByText('Bo Lee').first());
    },
  },
  {
    name: 'Roster, dated week',
    async open(page) {
      await page.getByRole('tab', { name: 'Dated week' }).click();
      await until.visible(page.getByRole('tab', { name: 'Dated week', selected: true }));
      await settled(page);
      await until.visible(page.locator('table').getByText('Asha Rao').first());
    },
  },
  {
    name: 'Staff',
    async open(page) {
      await openFromNav(page, 'Staff', 'Staff');
      await until.visible(page.getByRole('row', { name: /Asha Rao/ }));
      await until.visible(heading(page, 'Managers', 2));
    },
  },
  {
    name: 'Staff, resetting a password (accounts)',
    async open(page) {
      await button(page, 'Reset password of Asha Rao').click();
      await until.visible(page.getByLabel('New password for Asha Rao'));
    },
  },
  {
    name: 'Staff, adding a person',
    async open(page) {
      await button(page, 'Add staff').click();
      await until.visible(heading(page, 'Add staff', 2));
    },
  },
  {
    name: 'Needs attention',
    async open(page) {
      await openFromNav(page, 'Needs attention', /^Needs attention/);
      await until.visible(page.getByRole('row', { name: /Asha Rao/ }).first());
    },
  },
  {
    name: 'Timesheets',
    async open(page) {
      await openFromNav(page, 'Timesheets', 'Timesheets');
      await until.visible(button(page, 'Asha Rao'));
    },
  },
  {
    name: 'Timesheets, one person’s shifts',
    async open(page) {
      await button(page, 'Asha Rao').click();
      await until.visible(page.locator('tr.detail'));
      await settled(page);
    },
  },
  {
    name: 'History',
    async open(page) {
      await openFromNav(page, 'History', 'History');
    },
  },
  swapsStop('Swaps'),
  {
    name: 'Kiosks',
    async open(page) {
      await openFromNav(page, 'Kiosks', 'Kiosks');
      await until.visible(page.getByText('Front desk').first());
    },
  },
  {
    name: 'Settings',
    async open(page) {
      await openFromNav(page, 'Settings', 'Settings');
    },
  },
  {
    name: 'Password',
    async open(page) {
      await openPassword(page);
    },
  },
];

/** The Password link sits beside the name, inside the menu on a phone. */
async function openPassword(page: Page): Promise<void> {
  await unfoldMenu(page);
  await page.getByRole('link', { name: 'Password', exact: true }).click();
  await until.visible(heading(page, 'Change password'));
}

export const staffStops: Stop[] = [
  {
    name: 'staff home',
    async open(page) {
      await openFromNav(page, 'My shifts', 'My shifts');
      await until.visible(page.getByText(/^Checked in since \d\d:\d\d$/));
      await until.visible(heading(page, 'My hours', 2));
    },
  },
  swapsStop('staff swaps'),
  {
    name: 'staff password',
    async open(page) {
      await openPassword(page);
    },
  },
];
