/**
 * The kiosk page in Chromium, pairing: a code typed into the page pairs the
 * laptop once (a reload does not ask again), and a manager revoking the
 * kiosk sends the open page back to the pairing screen with the reason.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { button, saveShot, until } from '../helpers/chromium.js';
import { expectPadReady, newPairingCode, pairThroughUi, useKioskPage } from '../helpers/kiosk-page.js';

// Each test starts at the pairing screen: pairing is what they are about.
const ctx = useKioskPage(test, { now: '2026-11-23T08:57:00Z', timezone: 'UTC', pair: false });

async function kiosks(): Promise<any[]> {
  const reply = await ctx.client.get('/api/kiosks/', { token: ctx.manager.token });
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

test('pairing: a wrong code is explained, the right one pairs the kiosk, and a reload does not ask again', async () => {
  await until.visible(ctx.page.getByLabel('Pairing code'));
  await saveShot(ctx.page, 'kiosk-01-pairing');

  await ctx.page.getByLabel('Pairing code').fill('ABCD2345');
  await button(ctx.page, 'Pair').click();
  await until.visible(ctx.page.getByRole('alert').getByText(/This pairing code is not valid/));
  await saveShot(ctx.page, 'kiosk-02-pairing-wrong-code');
  assert.deepEqual(await kiosks(), []);

  // A code as a person might type it: lower case, with a space in the middle.
  const code = await newPairingCode(ctx);
  await ctx.page.getByLabel('Pairing code').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`);
  await button(ctx.page, 'Pair').click();
  await expectPadReady(ctx.page);
  await saveShot(ctx.page, 'kiosk-03-idle');
  const [kiosk] = await kiosks();
  assert.equal(kiosk.name, 'Front desk');
  assert.equal(kiosk.online, true);
  assert.ok(await ctx.page.evaluate(() => localStorage.getItem('rollcall.kioskToken')), 'the kiosk token is kept in localStorage');

  await ctx.page.reload();
  await expectPadReady(ctx.page);
  assert.equal(await ctx.page.getByLabel('Pairing code').count(), 0, 'no pairing screen after a reload');
  assert.equal((await kiosks()).length, 1, 'no second pairing');
  // The code was single use: the same code cannot pair a second laptop.
  const again = await ctx.client.post('/api/kiosks/pair', { code, name: 'Second laptop' });
  assert.equal(again.status, 400, again.text);
});

test('revocation: the open page goes back to the pairing screen and says the kiosk was revoked', async () => {
  await pairThroughUi(ctx.page, await newPairingCode(ctx));
  const [kiosk] = await kiosks();

  const revoked = await ctx.client.delete(`/api/kiosks/${kiosk.id}/`, { token: ctx.manager.token });
  assert.equal(revoked.status, 204, revoked.text);

  await until.visible(ctx.page.getByLabel('Pairing code'));
  await until.visible(ctx.page.getByRole('alert').getByText(/revoked/));
  assert.match((await ctx.page.getByRole('alert').textContent()) ?? '', /no longer paired: a manager revoked it\. Ask a manager for a new pairing code\./);
  assert.equal(await ctx.page.evaluate(() => localStorage.getItem('rollcall.kioskToken')), null, 'the revoked token is forgotten');
  await saveShot(ctx.page, 'kiosk-04-revoked');

  // Still unpaired after a reload, and pairing anew works.
  await ctx.page.reload();
  await until.visible(ctx.page.getByLabel('Pairing code'));
  await pairThroughUi(ctx.page, await newPairingCode(ctx));
  assert.deepEqual(
    (await kiosks()).map((k) => ({ id: k.id, revoked: k.revokedAt !== null, online: k.online })),
    [
      { id: kiosk.id, revoked: true, online: false },
      { id: kiosk.id + 1, revoked: false, online: true },
    ],
  );
});

test('revoked while the kiosk was offline: it finds out on reconnecting and shows the pairing screen', async () => {
  await pairThroughUi(ctx.page, await newPairingCode(ctx));
  const [kiosk] = await kiosks();
  await ctx.page.context().setOffline(true);
  await until.visible(ctx.page.getByText('No connection to the server', { exact: false }));
  await ctx.client.delete(`/api/kiosks/${kiosk.id}/`, { token: ctx.manager.token });
  // The page missed the revocation event while offline: it learns it when it reconnects.
  await ctx.page.context().setOffline(false);
  await until.visible(ctx.page.getByLabel('Pairing code'));
  await until.visible(ctx.page.getByRole('alert').getByText(/revoked/));
});

test.run();
