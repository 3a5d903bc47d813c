/**
 * The early sick call, handled from a phone (390×844): Asha rings in sick as
 * her shift starts; the manager, on the Live page of a phone, gives today's
 * shift to Bo, who was not working today, and Bo can check in at once while
 * Asha no longer can. The page fits the screen with the form open.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, planToday, plannedWeek, seedStaff, useAdminPage } from '../helpers/admin-page.js';
import { assertError } from '../helpers/assertions.js';
import { assertFitsWidth, button, phone, saveShot, until } from '../helpers/chromium.js';
import { makeFrame, toBase64 } from '../helpers/fixtures.js';

const plan = planToday();
const week = plannedWeek(plan);
const { asha, bo, offs } = week;
const ctx = useAdminPage(test, { now: plan.now.toISOString(), timezone: plan.timezone, manager: 'boss' });
const today = plan.today;
const shift = { day: today.weekday, start: plan.start, end: plan.end };

test.before(
  reportingErrors('seeding the day and opening the app on a phone', async () => {
    const manager = { token: ctx.manager.token };
    await seedStaff(ctx.client, manager, asha, offs, [shift], today.date);
    // Bo works tomorrow, not today.
    await seedStaff(ctx.client, manager, bo, offs, [{ ...shift, day: plan.day(1).weekday }], today.date);
    await ctx.page.setViewportSize(phone);
    await ctx.page.reload();
  }),
);

const checkIn = async (person: typeof asha) => {
  const tokens = await ctx.client.post('/api/token/', { username: person.username, password: person.password });
  assert.equal(tokens.status, 200, tokens.text);
  return ctx.client.post('/api/attendance/', { staff: person.staffId, captured_image: toBase64(await makeFrame(320, 240)) }, { token: tokens.body.access });
};

test('from the Live page on a phone, today’s shift goes to Bo, who can then check in; Asha cannot', async () => {
  await goTo(ctx.page, 'Live');
  const ashaRow = ctx.page.locator('tr[data-staff="Asha Rao"]');
  await until.visible(ashaRow.getByText(`${plan.start}–${plan.end}`));
  await button(ashaRow, 'Reassign').click();
  const form = ctx.page.getByRole('form', { name: /^Change the shift on / });
  await until.visible(form);
  await form.getByLabel('Works it').selectOption({ label: 'Bo Lee' });
  await assertFitsWidth(ctx.page, 'the Live page with the reassign form open');
  await saveShot(ctx.page, 'phone-live-reassign');
  await button(form, 'Save').click();

  const boRow = ctx.page.locator('tr[data-staff="Bo Lee"]');
  await until.visible(boRow.getByText(`${plan.start}–${plan.end}`));
  await until.detached(ashaRow);
  await until.detached(form);

  const boIn = await checkIn(bo);
  assert.equal(boIn.status, 201, boIn.text);
  await until.visible(boRow.getByText('Checked in'));
  assertError(await checkIn(asha), 409, 'window_closed');
  await assertFitsWidth(ctx.page, 'the Live page after the reassign');
  await saveShot(ctx.page, 'phone-live-after-reassign');
});

test.run();
