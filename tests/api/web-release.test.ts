/**
 * The apps' files under a release path: the page names them there, they are
 * kept by the browser for good (a warm load asks for the page alone), every
 * module is preloaded at once (and, on the admin page, its first two API
 * answers), and the old unversioned paths still work.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';

const ctx = useApiSuite(test);

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${ctx.server.url}${path}`, { headers });

for (const [prefix, main] of [['/app', 'main.js'], ['/kiosk', 'main.js']] as const) {
  test(`${prefix}: the page is revalidated; its files, under the release path, are immutable`, async () => {
    const page = await get(prefix);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const html = await page.text();
    const release = new RegExp(`"${prefix}/r/([0-9a-f]{12})/${main}"`).exec(html)?.[1];
    assert.ok(release, `no release path in the page:\n${html}`);
    assert.match(html, new RegExp(`<link rel="modulepreload" href="${prefix}/r/${release}/`));
    assert.match(html, new RegExp(`"preact": "/vendor/r/${release}/preact.mjs"`));
    assert.match(html, new RegExp(`"socket.io-client": "/vendor/r/${release}/socket.io.esm.min.js"`));
    const revalidated = await get(prefix, { 'If-None-Match': page.headers.get('etag')! });
    assert.equal(revalidated.status, 304);

    const modulePaths = [...html.matchAll(/modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(modulePaths.length > 5, modulePaths.join(' '));
    for (const path of modulePaths) {
      const file = await get(path);
      assert.equal(file.status, 200, path);
      assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
      assert.match(file.headers.get('content-type') ?? '', /javascript/, path);
      await file.arrayBuffer();
    }
    const old = await get(`${prefix}/r/000000000000/${main}`);
    assert.equal(old.status, 200, 'another release’s path still gets the file');
    assert.equal(old.headers.get('cache-control'), 'no-cache', 'but it is not kept');
    const plain = await get(`${prefix}/${main}`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('cache-control'), 'no-cache');
    const unchanged = await get(`${prefix}/${main}`, { 'If-None-Match': plain.headers.get('etag')! });
    assert.equal(unchanged.status, 304, 'a file revalidated with its ETag is not sent again');
    assert.equal((await get(`${prefix}/r/${release}/no-such-file.js`)).status, 404);
  });
}

test('the admin page has the browser fetch its first two API answers while the modules load; the kiosk page does not', async () => {
  const admin = await (await get('/app/live')).text();
  for (const path of ['/api/auth/status', '/api/me/']) {
    assert.ok(admin.includes(`<link rel="preload" href="${path}" as="fetch" crossorigin />`), `no preload of ${path}:\n${admin}`);
  }
  // Before the first module, or the preload would start only once the modules had been asked for.
  assert.ok(admin.indexOf('rel="preload"') < admin.indexOf('rel="modulepreload"'));
  assert.doesNotMatch(await (await get('/kiosk')).text(), /rel="preload"/);
});

test.run();
