/**
 * The kiosk's service worker script as the server serves it: never kept by
 * an HTTP cache, allowed the scope `/kiosk`, naming exactly the release files
 * the kiosk page loads (so its install fetches them all), different for
 * another release, and permitted by the security headers.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { kioskWorkerScript } from '../../server/web/kiosk-worker.js';
import { useApiSuite } from '../helpers/api-suite.js';

const ctx = useApiSuite(test, { manager: false });

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${ctx.server.url}${path}`, { headers });

/** The kiosk page as served, its release, and every address it loads from its attributes and its import map. */
async function kioskPage() {
  const html = await (await get('/kiosk')).text();
  const attributes = [...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1]!);
  const importMap = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1]!) as { imports: Record<string, string> };
  const loaded = [...new Set([...attributes, ...Object.values(importMap.imports)])].filter((address) => !address.startsWith('data:'));
  const release = /^\/kiosk\/r\/([0-9a-f]{12})\/main\.js$/.exec(loaded.find((address) => address.endsWith('/main.js'))!)![1]!;
  return { html, release, loaded };
}

/** The list of release files the script keeps, as it declares it. */
const releaseFilesOf = (script: string): string[] => JSON.parse(/const releaseFiles = new Set\((\[[^\]]*\])\)/.exec(script)![1]!);

/** `Content-Security-Policy` as directive → sources. */
function policyOf(response: Response): Map<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));
}

test('served at /kiosk/service-worker.js: JavaScript, no-cache (an ETag makes the check a 304), allowed the scope /kiosk', async () => {
  const script = await get('/kiosk/service-worker.js');
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.equal(script.headers.get('cache-control'), 'no-cache');
  assert.equal(script.headers.get('service-worker-allowed'), '/kiosk');
  const again = await get('/kiosk/service-worker.js', { 'If-None-Match': script.headers.get('etag')! });
  assert.equal(again.status, 304);
});

test('it names its release and exactly the files under release paths that the kiosk page loads; each of them is there', async () => {
  const { release, loaded } = await kioskPage();
  assert.deepEqual(
    loaded.filter((address) => !address.includes(`/r/${release}/`)),
    [],
    'the page loads nothing outside its release paths, so the worker can keep all of it',
  );
  const script = await (await get('/kiosk/service-worker.js')).text();
  assert.ok(script.includes(`"rollcall-kiosk-${release}"`), 'the cache is named after the release');
  assert.deepEqual(releaseFilesOf(script).sort(), loaded.sort());
  assert.ok(loaded.some((address) => address.endsWith('.css')) && loaded.some((address) => address.startsWith(`/vendor/r/${release}/`)), loaded.join(' '));
  for (const address of loaded) {
    const file = await get(address);
    assert.equal(file.status, 200, address);
    await file.arrayBuffer();
  }
});

test('another release is another script, naming that release’s files', async () => {
  const { html, release } = await kioskPage();
  const served = await (await get('/kiosk/service-worker.js')).text();
  const next = '0123456789ab';
  const nextScript = kioskWorkerScript({ release: next, kiosk: html.replaceAll(`/r/${release}/`, `/r/${next}/`) });
  assert.notEqual(nextScript, served);
  assert.ok(nextScript.includes(`"rollcall-kiosk-${next}"`));
  assert.deepEqual(releaseFilesOf(nextScript), releaseFilesOf(served).map((address) => address.replace(release, next)));
});

test('the security headers let the kiosk page register it and let it fetch from the server', async () => {
  const page = policyOf(await get('/kiosk'));
  // CSP's fallback for workers: worker-src, else child-src, else script-src, else default-src.
  const workerSources = page.get('worker-src') ?? page.get('child-src') ?? page.get('script-src') ?? page.get('default-src');
  assert.ok(workerSources?.includes("'self'"), `kiosk page policy: ${[...page].join('; ')}`);
  const script = await get('/kiosk/service-worker.js');
  const own = policyOf(script);
  assert.ok((own.get('connect-src') ?? own.get('default-src'))?.includes("'self'"), `the worker's own policy: ${[...own].join('; ')}`);
  assert.equal(script.headers.get('x-content-type-options'), 'nosniff', 'served with a script type, so nosniff is no obstacle');
});

test.run();
