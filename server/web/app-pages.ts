/**
 * The apps' pages as served: each index.html with its own files and the
 * vendor modules under a release path, and every module of the app
 * preloaded. The release is a hash of every file the apps are made of, so
 * any change to any of them is a new path.
 *
 * The files themselves are read once, with their ETag and gzipped bytes: a
 * first load asks for ~60 of them at once, and reading, hashing and
 * compressing each per request kept the server ~4 ms per file (the last one
 * arrived ~250 ms after the first was asked for, bench/admin-live.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';
import { projectPath } from '../../storage/project-path.js';

// A Map, not an object literal: `/vendor/constructor` must find nothing, not Object's own property.
const vendorFiles = new Map([
  ['preact.mjs', 'node_modules/preact/dist/preact.mjs'],
  ['preact-hooks.mjs', 'node_modules/preact/hooks/dist/hooks.mjs'],
  ['htm.mjs', 'node_modules/htm/dist/htm.mjs'],
  ['htm-preact.mjs', 'node_modules/htm/preact/index.mjs'],
  ['socket.io.esm.min.js', 'node_modules/socket.io-client/dist/socket.io.esm.min.js'],
]);

/** A file as served: its bytes, and gzipped when that is worth sending. */
export type AppAsset = { body: Uint8Array<ArrayBuffer>; gzipped: Uint8Array<ArrayBuffer> | undefined; type: string; etag: string };

/** `assets`: every file of the apps and the vendor modules, by its path without the release (`/app/main.js`, `/vendor/preact.mjs`). */
export type AppPages = { release: string; admin: string; kiosk: string; assets: ReadonlyMap<string, AppAsset> };

/** Every file below `folder`, as paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function assetOf(file: string): AppAsset {
  const body = new Uint8Array(readFileSync(projectPath(file)));
  const type = getMimeType(file) ?? 'application/octet-stream';
  // Level 9 once at start-up, where a response compressed per request gets level 3.
  const gzipped = body.byteLength >= 1024 && /^(text\/|application\/(json|javascript)|image\/svg)/.test(type) ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined;
  return { body, gzipped: gzipped && gzipped.byteLength < body.byteLength ? gzipped : undefined, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Every file of the apps (the admin app's under `/app`) and the vendor modules, read once. */
function assetsOf(apps: { prefix: string; folder: string }[]): Map<string, AppAsset> {
  const assets = new Map<string, AppAsset>();
  for (const { prefix, folder } of apps) for (const file of filesUnder(projectPath(folder))) assets.set(`${prefix}/${file}`, assetOf(path.join(folder, file)));
  for (const [name, file] of vendorFiles) assets.set(`/vendor/${name}`, assetOf(file));
  return assets;
}

/** A hash of every file's path and bytes: any change to any of them is a new release. */
function releaseOf(assets: ReadonlyMap<string, AppAsset>): string {
  const hash = createHash('sha256');
  for (const [file, asset] of assets) hash.update(file).update(asset.body);
  return hash.digest('hex').slice(0, 12);
}

/**
 * What the admin app asks the API first, whatever the page (app-state.js `loadSession`): fetched
 * while its modules load rather than after. `crossorigin` (anonymous) is the credentials mode of
 * the app's own same-origin `fetch`, so the browser hands it the preloaded answer.
 */
const adminFirstRequests = ['/api/auth/status', '/api/me/'];

function releasedIndex(prefix: string, assets: ReadonlyMap<string, AppAsset>, release: string, firstRequests: readonly string[] = []): string {
  const html = Buffer.from(assets.get(`${prefix}/index.html`)!.body).toString('utf8');
  const modules = [...assets.keys()].filter((file) => (file.startsWith(`${prefix}/`) && file.endsWith('.js')) || file.startsWith('/vendor/'));
  const preloads = modules.map((file) => file.replace(/^(\/[^/]+)\//, `$1/r/${release}/`));
  const fetches = firstRequests.map((href) => `<link rel="preload" href="${href}" as="fetch" crossorigin />\n    `).join('');
  return html
    .replaceAll(`"${prefix}/`, `"${prefix}/r/${release}/`)
    .replaceAll('"/vendor/', `"/vendor/r/${release}/`)
    .replace('"/socket.io/socket.io.esm.min.js"', `"/vendor/r/${release}/socket.io.esm.min.js"`)
    .replace('<script type="module"', `${fetches}${preloads.map((href) => `<link rel="modulepreload" href="${href}" />`).join('\n    ')}\n    <script type="module"`);
}

let loaded: AppPages | undefined;

/** Read once per process: the files do not change while it runs. */
export function loadAppPages(): AppPages {
  if (!loaded) {
    const assets = assetsOf([{ prefix: '/app', folder: 'admin' }, { prefix: '/kiosk', folder: 'kiosk' }]);
    const release = releaseOf(assets);
    loaded = { release, admin: releasedIndex('/app', assets, release, adminFirstRequests), kiosk: releasedIndex('/kiosk', assets, release), assets };
  }
  return loaded;
}
