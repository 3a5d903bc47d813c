/**
 * The kiosk page in Chromium, pairing: a code typed into the page pairs the
 * laptop once (a reload does not ask again), and a manager revoking the
 * kiosk sends the open page back to the pairing screen with the reason.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import {
  button,
  expectPadReady,
  launchChromium,
  newPairingCode,
  openKiosk,
  pairThroughUi,
  saveShot,
  until,
  type Browser,
  type Page,
} from '../helpers/browser.js';
import { createManager, type Account } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let client: Client;
let browser: Browser;
let manager: Account;
let page: Page;

test.before(async () => {
  [server, browser] = await Promise.all([startTestServer({ now: '2026-11-23T08:57:00Z', timezone: 'UTC' }), launchChromium()]);
  client = createClient(server.url);
});
test.before.each(async () => {
  await server.reset();
  manager = await createManager(client);
  page = await openKiosk(browser, server.url);
});
test.after.each(() => page.context().close());
test.after(async () => {
  await browser.close();
  await server.close();
});

async function kiosks(): Promise<any[]> {
  const reply = await client.get('/api/kiosks/', { token: manager.token });
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

test('pairing: a wrong code is explained, the right one pairs the kiosk, and a reload does not ask again', async () => {
  await until.visible(page.getByLabel('Pairing code'));
  await saveShot(page, '01-pairing');

  await page.getByLabel('Pairing code').fill('ABCD2345');
  await button(page, 'Pair').click();
  await until.visible(page.getByRole('alert').getByText(/This pairing code is not valid/));
  await saveShot(page, '02-pairing-wrong-code');
  assert.deepEqual(await kiosks(), []);

  // A code as a person might type it: lower case, with a space in the middle.
  const code = await newPairingCode(client, manager);
  await page.getByLabel('Pairing code').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`);
  await button(page, 'Pair').click();
  await expectPadReady(page);
  await saveShot(page, '03-idle');
  const [kiosk] = await kiosks();
  assert.equal(kiosk.name, 'Front desk');
  assert.equal(kiosk.online, true);
  assert.ok(await page.evaluate(() => localStorage.getItem('rollcall.kioskToken')), 'the kiosk token is kept in localStorage');

  await page.reload();
  await expectPadReady(page);
  assert.equal(await page.getByLabel('Pairing code').count(), 0, 'no pairing screen after a reload');
  assert.equal((await kiosks()).length, 1, 'no second pairing');
  // The code was single use: the same code cannot pair a second laptop.
  const again = await client.post('/api/kiosks/pair', { code, name: 'Second laptop' });
  assert.equal(again.status, 400, again.text);
});

test('revocation: the open page goes back to the pairing screen and says the kiosk was revoked', async () => {
  await pairThroughUi(page, await newPairingCode(client, manager));
  const [kiosk] = await kiosks();

  const revoked = await client.delete(`/api/kiosks/${kiosk.id}/`, { token: manager.token });
  assert.equal(revoked.status, 204, revoked.text);

  await until.visible(page.getByLabel('Pairing code'));
  await until.visible(page.getByRole('alert').getByText(/revoked/));
  assert.match((await page.getByRole('alert').textContent()) ?? '', /no longer paired: a manager revoked it\. Ask a manager for a new pairing code\./);
  assert.equal(await page.evaluate(() => localStorage.getItem('rollcall.kioskToken')), null, 'the revoked token is forgotten');
  await saveShot(page, '04-revoked');

  // Still unpaired after a reload, and pairing anew works.
  await page.reload();
  await until.visible(page.getByLabel('Pairing code'));
  await pairThroughUi(page, await newPairingCode(client, manager));
  assert.deepEqual(
    (await kiosks()).map((k) => ({ id: k.id, revoked: k.revokedAt !== null, online: k.online })),
    [
      { id: kiosk.id, revoked: true, online: false },
      { id: kiosk.id + 1, revoked: false, online: true },
    ],
  );
});

test('revoked while the kiosk was offline: it finds out on reconnecting and shows the pairing screen', async () => {
  await pairThroughUi(page, await newPairingCode(client, manager));
  const [kiosk] = await kiosks();
  await page.context().setOffline(true);
  await until.visible(page.getByText('Reconnecting…', { exact: false }));
  await client.delete(`/api/kiosks/${kiosk.id}/`, { token: manager.token });
  // The page missed the revocation event while offline: it learns it when it reconnects.
  await page.context().setOffline(false);
  await until.visible(page.getByLabel('Pairing code'));
  await until.visible(page.getByRole('alert').getByText(/revoked/));
});

test.run();
