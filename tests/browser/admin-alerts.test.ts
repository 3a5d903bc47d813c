/**
 * Alerts that stay, in Chromium: a kiosk lockout raised while the Live page
 * is not open is there when a manager opens it; one manager acknowledges it
 * and another manager's open page shows who did, without a reload. And the
 * page these alerts load on asks the API for its session once: it takes the
 * answers the page had the browser preload (server/web/app-pages.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { sessionCookie, useAdminPage } from '../helpers/admin-page.js';
import { button, saveShot, until } from '../helpers/chromium.js';
import { registerAndSignIn } from '../helpers/fixtures.js';
import { ask, closeSockets, connectKiosk, pairKiosk, type Socket } from '../helpers/sockets.js';

const ctx = useAdminPage(test);
let kiosk: Socket | undefined;
test.after(() => {
  if (kiosk) closeSockets(kiosk);
});

const lockoutText = /Kiosk "Back door" locked for 5 minutes after repeated wrong PINs\./;

test('an alert raised while the page was closed is listed when it opens; an acknowledgement shows on another manager’s page', async () => {
  await ctx.page.goto('about:blank');
  const paired = await pairKiosk(ctx.client, { cookie: await sessionCookie(ctx.page) }, 'Back door');
  kiosk = await connectKiosk(ctx.server.url, paired.token);
  for (let i = 0; i < 5; i++) await ask(kiosk, 'identify', { pin: '000000' });

  await ctx.page.goto(`${ctx.server.url}/app`);
  const mine = ctx.page.getByRole('list', { name: 'Alerts' }).getByRole('alert').filter({ hasText: lockoutText });
  await until.visible(mine);
  const navCount = ctx.page.getByRole('navigation', { name: 'Main' }).locator('.nav-count');
  await until.visible(navCount.getByText('1 alert waits'));
  await saveShot(ctx.page, 'admin-alerts-waiting');

  await registerAndSignIn(ctx.client, 'night_manager', 'Manager', ctx.manager.token);
  const other = await ctx.signedIn('night_manager', 'night_manager-Passw0rd!');
  try {
    const theirs = other.getByRole('list', { name: 'Alerts' }).locator('li').filter({ hasText: lockoutText });
    await until.visible(theirs);
    assert.equal(await theirs.getByRole('alert').count(), 1, 'not yet acknowledged');

    await button(mine, 'Acknowledge').click();
    await until.visible(theirs.getByText(`Acknowledged by ${ctx.manager.username} at`));
    await until.visible(ctx.page.getByRole('list', { name: 'Alerts' }).getByText(`Acknowledged by ${ctx.manager.username} at`));
    await until.gone(navCount);
    await until.gone(other.getByRole('navigation', { name: 'Main' }).locator('.nav-count'));
    await saveShot(other, 'admin-alerts-acknowledged');
    const stored = await ctx.client.get('/api/alerts/', { token: ctx.manager.token });
    assert.equal(stored.body.unacknowledged, 0);

    // The alert leads to where it is dealt with: the kiosk's lock is on the Kiosks page.
    await theirs.getByRole('link', { name: 'Kiosks' }).click();
    await until.visible(other.getByRole('heading', { name: 'Kiosks', level: 1 }));
    assert.equal(new URL(other.url()).pathname, '/app/kiosks');
  } finally {
    await other.close();
  }
});

test('a load of the app asks for each preloaded answer once: the page takes the preload rather than asking again', async () => {
  const asked: string[] = [];
  const onRequest = (request: { url: () => string }) => asked.push(new URL(request.url()).pathname);
  ctx.page.on('request', onRequest);
  try {
    await ctx.page.goto(`${ctx.server.url}/app/live`);
    await until.visible(ctx.page.getByRole('heading', { name: /^Live — / }));
  } finally {
    ctx.page.off('request', onRequest);
  }
  for (const path of ['/api/auth/status', '/api/me/']) {
    const times = asked.filter((p) => p === path).length;
    assert.equal(times, 1, `${path} asked for ${times} times: ${asked.join(' ')}`);
  }
});

test.run();
