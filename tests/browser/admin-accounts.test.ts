/**
 * Cutting a leaver off from the admin app, in Chromium: one click on
 * Deactivate signs the person out of their open browser; Reactivate and
 * Reset password bring them back with a new password; anyone changes their
 * own password; managers are added and deactivated, never the last one.
 * The tests of this file build on each other.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, seedStaff, signIn, useAdminPage, type Person } from '../helpers/admin-page.js';
import { button, link, saveShot, until, type Page } from '../helpers/chromium.js';

const ctx = useAdminPage(test, { manager: 'boss' });
const asha: Person = { name: 'Asha Rao', username: 'asha', password: 'asha-Passw0rd!', pin: '111111' };
let ashaPage: Page;

test.before(
  reportingErrors('adding Asha', async () => {
    await seedStaff(ctx.client, { token: ctx.manager.token }, asha, ['Saturday', 'Sunday'], []);
  }),
);

const status = (page: Page) => page.getByRole('status');

test('Deactivate, in one click, signs Asha out of the browser she has open', async () => {
  ashaPage = await ctx.signedIn(asha.username, asha.password);
  await goTo(ctx.page, 'Staff');
  await button(ctx.page, 'Deactivate Asha Rao').click();
  await until.visible(status(ctx.page).filter({ hasText: 'Asha Rao is deactivated and signed out everywhere.' }));
  await until.visible(ctx.page.getByRole('row', { name: /Asha Rao.*Deactivated/ }));
  await saveShot(ctx.page, 'admin-40-staff-deactivated');

  await ashaPage.reload();
  await until.visible(ashaPage.getByRole('heading', { name: 'Sign in' }));
  await ashaPage.getByLabel('Username').fill(asha.username);
  await ashaPage.getByLabel('Password').fill(asha.password);
  await button(ashaPage, 'Sign in').click();
  await until.visible(ashaPage.getByRole('alert').filter({ hasText: 'This account has been deactivated.' }));
});

test('Reactivate and Reset password: Asha signs in with the new password only', async () => {
  await button(ctx.page, 'Reactivate Asha Rao').click();
  await until.visible(status(ctx.page).filter({ hasText: 'Asha Rao is active again and can sign in.' }));
  await button(ctx.page, 'Reset password of Asha Rao').click();
  await ctx.page.getByLabel('New password for Asha Rao').fill('short');
  await button(ctx.page, 'Reset password').click();
  await until.visible(ctx.page.locator('.field-error').filter({ hasText: 'must be at least 8 characters' }));
  await ctx.page.getByLabel('New password for Asha Rao').fill('given-Passw0rd!');
  await button(ctx.page, 'Reset password').click();
  await until.visible(status(ctx.page).filter({ hasText: 'Asha Rao’s password is reset' }));

  assert.equal((await ctx.client.post('/api/token/', { username: 'asha', password: asha.password })).status, 401);
  await ashaPage.getByLabel('Password').fill('given-Passw0rd!');
  await button(ashaPage, 'Sign in').click();
  await until.visible(button(ashaPage, 'Sign out'));
});

test('Asha changes her own password; a typo in the repeat is caught before sending', async () => {
  await link(ashaPage, 'Password').click();
  await until.visible(ashaPage.getByRole('heading', { name: 'Change password' }));
  await ashaPage.getByLabel('Current password').fill('given-Passw0rd!');
  await ashaPage.getByLabel('New password', { exact: true }).fill('my-own-Passw0rd!');
  await ashaPage.getByLabel('New password again').fill('my-own-Passw0rd?');
  await until.visible(ashaPage.getByText('does not match the new password'));
  await until.disabled(button(ashaPage, 'Change password'));
  await ashaPage.getByLabel('New password again').fill('my-own-Passw0rd!');
  await button(ashaPage, 'Change password').click();
  await until.visible(status(ashaPage).filter({ hasText: 'Password changed. You were not signed in anywhere else.' }));
  await saveShot(ashaPage, 'admin-41-password-changed');
  assert.equal((await ctx.client.post('/api/token/', { username: 'asha', password: 'my-own-Passw0rd!' })).status, 200);
});

test('Managers: add one, deactivate one; the last active manager stays', async () => {
  await button(ctx.page, 'Add manager').click();
  await ctx.page.getByLabel('Username').fill('deputy');
  await ctx.page.getByLabel('Password', { exact: true }).fill('deputy-Passw0rd!');
  await button(ctx.page, 'Add manager').click();
  await until.visible(status(ctx.page).filter({ hasText: 'deputy can now sign in as a manager.' }));
  await button(ctx.page, 'Deactivate deputy').click();
  await until.visible(status(ctx.page).filter({ hasText: 'deputy is deactivated and signed out everywhere.' }));

  await button(ctx.page, 'Deactivate boss').click();
  await until.visible(ctx.page.getByRole('alert').filter({ hasText: 'This is the last active manager' }));
  await saveShot(ctx.page, 'admin-42-managers');
  assert.equal((await ctx.client.get('/api/me/', await ctx.auth(ctx.manager))).status, 200);
});

test.run();
