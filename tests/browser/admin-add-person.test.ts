/**
 * Adding a person in Chromium without inventing anything: the manager types
 * a name, keeps the suggested username and leaves password and PIN empty;
 * the server's password and PIN are shown once, with Copy, and work (sign-in,
 * kiosk). A wrong field is caught in the page, said in a sentence beside it,
 * with no browser pop-up and no request; what the server refuses lands
 * beside its field too. Regenerate PIN shows a new PIN, and the old one stops
 * working. The tests of this file build on each other.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { goTo, useAdminPage } from '../helpers/admin-page.js';
import { button, laptop, phone, saveShot, until, type Locator, type Page } from '../helpers/chromium.js';
import { ask, closeSockets, connectKiosk, pairKiosk, type Socket } from '../helpers/sockets.js';

const ctx = useAdminPage(test, { manager: 'boss' });
let kiosk: Socket | undefined;
test.after(() => closeSockets(kiosk));

const shown = { password: '', pin: '' };

/** Whether the kiosk knows `pin` ("known": it has no shift now, so `no_window` says so by name), or the refusal's code. */
async function atKiosk(pin: string): Promise<string> {
  kiosk ??= await connectKiosk(ctx.server.url, (await pairKiosk(ctx.client, { token: ctx.manager.token })).token);
  const reply = await ask(kiosk, 'identify', { pin });
  return reply.ok || reply.error.code === 'no_window' ? 'known' : reply.error.code;
}

const addForm = (page: Page) => page.locator('form').filter({ has: page.getByRole('heading', { name: 'Add staff' }) });

/** The value shown once for `label` ("Password", "Kiosk PIN") in the panel. */
const shownValue = (panel: Locator, label: string) => panel.locator('.credential').filter({ has: panel.page().getByText(label, { exact: true }) }).locator('code').innerText();

/** The sentence the field's `aria-describedby` points at (its hint left out), after checking the field is marked invalid. */
async function messageOf(field: Locator): Promise<string> {
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const ids = (await field.getAttribute('aria-describedby'))!.split(' ').filter((id) => id.endsWith('-error'));
  assert.equal(ids.length, 1, 'one message describes the field');
  const message = field.page().locator(`[id="${ids[0]}"]`);
  // Beside the field: right below it, not at the foot of the form.
  const [fieldBox, messageBox] = [await field.boundingBox(), await message.boundingBox()];
  assert.ok(fieldBox && messageBox && messageBox.y >= fieldBox.y && messageBox.y - (fieldBox.y + fieldBox.height) < 40, 'the message sits just below its field');
  return message.innerText();
}

test('a manager adds a person by name only; the password and PIN are shown once, copy, and work', async () => {
  await ctx.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await goTo(ctx.page, 'Staff');
  await button(ctx.page, 'Add staff').click();
  const form = addForm(ctx.page);
  await form.getByLabel('Name', { exact: true }).fill('Asha Rao');
  assert.equal(await form.getByLabel('Username', { exact: true }).inputValue(), 'asha.rao');
  await button(form, 'Add staff').click();

  const panel = ctx.page.getByRole('region', { name: 'Asha Rao is added' });
  await until.visible(panel);
  await saveShot(ctx.page, 'admin-50-person-added-shown-once');
  assert.equal(await shownValue(panel, 'Username'), 'asha.rao');
  shown.password = await shownValue(panel, 'Password');
  shown.pin = await shownValue(panel, 'Kiosk PIN');
  assert.match(shown.password, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  assert.match(shown.pin, /^[0-9]{6}$/);
  await button(panel, 'Copy password').click();
  await until.visible(button(panel, 'Copy password').filter({ hasText: 'Copied' }));
  assert.equal(await ctx.page.evaluate(() => navigator.clipboard.readText()), shown.password);
  // On a phone the panel still fits: nothing to scroll sideways to read.
  await ctx.page.setViewportSize(phone);
  assert.equal(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth && element.getBoundingClientRect().right <= window.innerWidth), true, 'the panel fits a phone');
  await saveShot(ctx.page, 'admin-50-person-added-phone');
  await ctx.page.setViewportSize(laptop);

  await button(panel, 'Done, I have given them').click();
  await until.gone(panel);
  await until.visible(ctx.page.getByRole('row', { name: /^Asha Rao asha\.rao Saturday, Sunday Set Active/ }));
  assert.doesNotMatch(await ctx.page.locator('main, body').first().innerText(), new RegExp(`${shown.pin}|${shown.password}`), 'shown only once');

  const asha = await ctx.signedIn('asha.rao', shown.password);
  await asha.context().close();
  assert.equal(await atKiosk(shown.pin), 'known');
});

test('a wrong field is said beside it before anything is sent, with no browser pop-up', async () => {
  const sent: string[] = [];
  const watch = (request: { method(): string; url(): string }) => {
    if (request.method() === 'POST' && request.url().includes('/api/staff')) sent.push(request.url());
  };
  ctx.page.on('request', watch);
  await button(ctx.page, 'Add staff').click();
  const form = addForm(ctx.page);
  assert.equal(await form.evaluate((element: HTMLFormElement) => element.noValidate), true, 'the form leaves checking to the page');
  await form.getByLabel('Name', { exact: true }).fill('Bo Lee');
  await form.getByLabel('Username', { exact: true }).fill('bo lee');
  await form.getByLabel('PIN (6 digits, for the kiosk)').fill('12 34');
  await form.getByLabel('Saturday', { exact: true }).uncheck();
  await form.getByLabel('Sunday', { exact: true }).uncheck();
  await button(form, 'Add staff').click();

  const username = form.getByLabel('Username', { exact: true });
  assert.match(await messageOf(username), /^A username can use only letters a–z, digits and/);
  assert.equal(await messageOf(form.getByLabel('PIN (6 digits, for the kiosk)')), 'The PIN must be exactly 6 digits.');
  assert.equal(await form.locator('fieldset .field-error').innerText(), 'Choose one or two weekly days off.');
  assert.equal(await username.evaluate((element) => element === document.activeElement), true, 'the first wrong field has the focus');
  await saveShot(ctx.page, 'admin-51-add-person-errors');
  assert.deepEqual(sent, [], 'nothing was sent');

  // Fixing a field clears its message; the server's refusal of a taken username lands beside the field too.
  await username.fill('ASHA.RAO');
  assert.equal(await username.getAttribute('aria-invalid'), null);
  await form.getByLabel('PIN (6 digits, for the kiosk)').fill('');
  await form.getByLabel('Monday', { exact: true }).check();
  await button(form, 'Add staff').click();
  await until.visible(form.locator('.field-error').filter({ hasText: 'The username is already taken by someone else.' }));
  assert.equal(await messageOf(username), 'The username is already taken by someone else.');
  assert.equal(sent.length, 1);
  ctx.page.off('request', watch);

  // A new name gets a fresh suggestion that avoids the usernames in use.
  await form.getByLabel('Name', { exact: true }).fill('');
  await username.fill('');
  await form.getByLabel('Name', { exact: true }).fill('Asha Rao');
  assert.equal(await username.inputValue(), 'asha.rao2');
  await button(form, 'Cancel').click();
});

test('Regenerate PIN shows a new PIN once; the old one stops working', async () => {
  await button(ctx.page, 'Regenerate PIN for Asha Rao').click();
  const confirm = ctx.page.getByRole('group', { name: 'Regenerate PIN for Asha Rao' });
  await until.visible(confirm.getByText('The current one stops working at once.'));
  await button(confirm, 'Regenerate PIN').click();
  const panel = ctx.page.getByRole('region', { name: 'Asha Rao’s new PIN' });
  await until.visible(panel);
  await saveShot(ctx.page, 'admin-52-new-pin-shown-once');
  const pin = await shownValue(panel, 'Kiosk PIN');
  assert.match(pin, /^[0-9]{6}$/);
  assert.notEqual(pin, shown.pin);
  assert.equal(await atKiosk(shown.pin), 'invalid_pin');
  assert.equal(await atKiosk(pin), 'known');
  await button(panel, 'Done, I have given them').click();
  await until.gone(panel);
});

test.run();
