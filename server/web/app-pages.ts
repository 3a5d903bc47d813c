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
export const vendorFiles = new Map([
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

function releaseOf(folders: string[]): string {
  const hash = createHash('sha256');
  for (const folder of folders) for (const file of filesUnder(projectPath(folder))) hash.update(file).update(readFileSync(projectPath(folder, file)));
  for (const file of vendorFiles.values()) hash.update(readFileSync(projectPath(file)));
  return hash.digest('hex').slice(0, 12);
}

function releasedIndex(prefix: string, folder: string, release: string): string {
  const html = readFileSync(projectPath(folder, 'index.html'), 'utf8');
  const modules = filesUnder(projectPath(folder)).filter((file) => file.endsWith('.js'));
  const preloads = [...modules.map((file) => `${prefix}/r/${release}/${file}`), ...[...vendorFiles.keys()].map((file) => `/vendor/r/${release}/${file}`)];
  return html
    .replaceAll(`"${prefix}/`, `"${prefix}/r/${release}/`)
    .replaceAll('"/vendor/', `"/vendor/r/${release}/`)
    .replace('"/socket.io/socket.io.esm.min.js"', `"/vendor/r/${release}/socket.io.esm.min.js"`)
    .replace('<script type="module"', `${preloads.map((href) => `<link rel="modulepreload" href="${href}" />`).join('\n    ')}\n    <script type="module"`);
}

function assetOf(file: string): AppAsset {
  const body = new Uint8Array(readFileSync(projectPath(file)));
  const type = getMimeType(file) ?? 'application/octet-stream';
  // Level 9 once at start-up, where a response compressed per request gets level 3.
  const gzipped = body.byteLength >= 1024 && /^(text\/|application\/(json|javascript)|image\/svg)/.test(type) ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined;
  return { body, gzipped: gzipped && gzipped.byteLength < body.byteLength ? gzipped : undefined, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

function assetsOf(folders: string[]): Map<string, AppAsset> {
  const assets = new Map<string, AppAsset>();
  for (const folder of folders) {
    for (const file of filesUnder(projectPath(folder))) if (file !== 'index.html') assets.set(`/${folder === 'admin' ? 'app' : folder}/${file}`, assetOf(path.join(folder, file)));
  }
  for (const [name, file] of vendorFiles) assets.set(`/vendor/${name}`, assetOf(file));
  return assets;
}

let loaded: AppPages | undefined;

/** Read once per process: the files do not change while it runs. */
export function loadAppPages(): AppPages {
  if (!loaded) {
    const release = releaseOf(['admin', 'kiosk']);
    loaded = { release, admin: releasedIndex('/app', 'admin', release), kiosk: releasedIndex('/kiosk', 'kiosk', release), assets: assetsOf(['admin', 'kiosk']) };
  }
  return loaded;
}
