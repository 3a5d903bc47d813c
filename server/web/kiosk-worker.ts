/**
 * The kiosk's service worker, written for each release: a kiosk reloaded
 * while the server is unreachable still opens (the PIN pad, the
 * organisation's name), and a new release is a new script, which the browser
 * installs in place of the old one.
 *
 * It keeps, in one cache per release, the page and every file the page names
 * under the release paths (served from there first: they never change under
 * one path), and the last `/api/auth/status`. The page and the status are
 * asked of the network first, the copy used only when it cannot answer.
 * Nothing else passes through it: no other API call, no photo, no Socket.IO.
 *
 * Served at `/kiosk/service-worker.js` for the scope `/kiosk`
 * (`Service-Worker-Allowed` lets it reach above its folder): the default
 * scope, `/kiosk/`, would not take the page at `/kiosk`; and `/kiosk` takes
 * nothing of the admin app at `/app`.
 *
 * @example
 *   const script = kioskWorkerScript(loadAppPages());
 *   web.get(kioskWorkerPath, (c) => c.body(script, 200, kioskWorkerHeaders));
 */
import type { AppPages } from './app-pages.js';

export const kioskWorkerPath = '/kiosk/service-worker.js';
export const kioskWorkerScope = '/kiosk';

// no-cache: an HTTP cache must never hand the browser an old release's worker (the web routes' ETag makes the check a 304).
export const kioskWorkerHeaders = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': kioskWorkerScope };

/** Every path under a release path that the kiosk page names: its modules and CSS, the vendor modules. */
export function kioskReleaseFiles(pages: Pick<AppPages, 'release' | 'kiosk'>): string[] {
  const named = pages.kiosk.matchAll(new RegExp(`"((?:/kiosk|/vendor)/r/${pages.release}/[^"]+)"`, 'g'));
  return [...new Set([...named].map((match) => match[1]!))];
}

export function kioskWorkerScript(pages: Pick<AppPages, 'release' | 'kiosk'>): string {
  return `// Rollcall kiosk, release ${pages.release} (written by server/web/kiosk-worker.ts).
const cacheName = ${JSON.stringify(`rollcall-kiosk-${pages.release}`)};
const page = ${JSON.stringify(kioskWorkerScope)};
const status = '/api/auth/status';
const releaseFiles = new Set(${JSON.stringify(kioskReleaseFiles(pages))});
// A server switched off on a LAN can leave a connection hanging for many seconds; the kept copy does as well sooner.
const networkWaitMs = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([page, ...releaseFiles]);
      // Without it the kiosk still opens (named "Rollcall"): no reason to refuse the release.
      await cache.add(status).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('rollcall-kiosk-') && name !== cacheName) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (releaseFiles.has(url.pathname)) event.respondWith(cacheFirst(request));
  // This release's page only: a newer one would name files this cache does not have.
  else if (request.mode === 'navigate') event.respondWith(networkFirst(event, page, false));
  else if (url.pathname === status) event.respondWith(networkFirst(event, status, true));
});

// Compressed or not, a release file is the same file.
const kept = async (key) => (await caches.open(cacheName)).match(key, { ignoreVary: true, ignoreSearch: true });

async function cacheFirst(request) {
  return (await kept(request)) ?? fetch(request);
}

async function networkFirst(event, key, keepAnswer) {
  const answer = fetch(event.request).then(async (response) => {
    if (keepAnswer && response.ok) await (await caches.open(cacheName)).put(key, response.clone()).catch(() => {});
    return response;
  });
  // A slow answer still refreshes the copy after the copy was used.
  event.waitUntil(answer.catch(() => {}));
  try {
    const response = await Promise.race([answer, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer yet')), networkWaitMs))]);
    // A proxy's "bad gateway" is the server being unreachable too.
    if (response.status < 500) return response;
  } catch {}
  return (await kept(key)) ?? answer;
}
`;
}
