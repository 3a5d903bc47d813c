/**
 * Cross-site attacks in Chromium: the manager is signed in at the app's
 * origin and opens a page served from another port of 127.0.0.1 (the same
 * *site*, so the SameSite=Lax cookie goes along). That page auto-submits a
 * text/plain form whose body is JSON to `POST /api/register/` and opens a
 * WebSocket to `/admin`: no manager is created and the socket is refused.
 * The app's own pages keep working under the Content-Security-Policy, with
 * nothing blocked.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import { reportingErrors } from '../helpers/api-suite.js';
import { goTo, useAdminPage } from '../helpers/admin-page.js';
import { openPage, until } from '../helpers/chromium.js';

const ctx = useAdminPage(test, { manager: 'boss' });

let attacker: Server;
let attackerUrl: string;

/** The attacker's page: the socket first (its answer is written into the page), then the form. */
function attackPage(target: string): string {
  const socketUrl = `${target.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  // A text/plain form sends `name=value`: the name and value together make a JSON body.
  const name = '{"username":"intruder","password":"intruder-Passw0rd!","role":"Manager","padding":"';
  return `<!doctype html><title>Win a prize</title>
<pre id="socket">connecting</pre>
<form id="form" method="POST" action="${target}/api/register/" enctype="text/plain"><input type="hidden" name='${name}' value='"}'></form>
<script>
  const out = document.getElementById('socket');
  const ws = new WebSocket(${JSON.stringify(socketUrl)});
  ws.onmessage = (event) => {
    if (event.data.startsWith('0')) ws.send('40/admin,');
    else if (event.data.startsWith('4')) { out.textContent = 'answer ' + event.data; document.getElementById('form').submit(); }
  };
  ws.onerror = () => { out.textContent = 'socket error'; document.getElementById('form').submit(); };
</script>`;
}

test.before(
  reportingErrors('starting the attacker’s server', async () => {
    attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(attackPage(ctx.server.url));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  }),
);
test.after(async () => {
  await new Promise((resolve) => attacker?.close(resolve));
});

test('a page on another port auto-submits a text/plain JSON form and opens /admin: no manager is made, the socket is refused', async () => {
  const page = await ctx.page.context().newPage();
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  const registered = page.waitForResponse((response) => response.url().endsWith('/api/register/'));
  await page.goto(attackerUrl);
  const response = await registered;
  assert.equal(response.status(), 403, await response.text());
  assert.equal((await response.json()).error.code, 'cross_origin');
  // The form is only sent once the socket has its answer: the refusal, not a snapshot.
  assert.ok(frames.some((frame) => frame.startsWith('44/admin,') && frame.includes('cross_origin')), `frames: ${frames.join(' | ')}`);
  assert.ok(!frames.some((frame) => frame.includes('snapshot')), `frames: ${frames.join(' | ')}`);
  const intruder = await ctx.client.post('/api/token/', { username: 'intruder', password: 'intruder-Passw0rd!' });
  assert.equal(intruder.status, 401, `the intruder account exists: ${intruder.text}`);
  await page.close();
});

test('the app’s own pages work under the policy, with nothing blocked', async () => {
  const blocked: string[] = [];
  const watch = (page: typeof ctx.page) => page.on('console', (message) => /Content Security Policy|Refused to/i.test(message.text()) && blocked.push(message.text()));
  watch(ctx.page);
  await ctx.page.reload();
  for (const label of ['Live', 'Roster', 'Staff', 'History', 'Kiosks', 'Settings']) await goTo(ctx.page, label);

  const kiosk = await openPage(ctx.browser, ctx.server.url, '/kiosk');
  watch(kiosk);
  await kiosk.reload();
  await until.visible(kiosk.getByLabel('Pairing code'));
  await kiosk.context().close();
  assert.deepEqual(blocked, []);
});

test.run();
