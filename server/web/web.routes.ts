/**
 * The browser apps: the kiosk at `/kiosk`, the admin app at `/app`, and the
 * few ES modules they import (Preact, htm, the Socket.IO client) at
 * `/vendor/`, mapped by an import map in each page. No bundler: files are
 * served as they are.
 *
 * Each page is revalidated every time (an ETag), and names its files under
 * its release path (app-pages.ts), `/app/r/<release>/main.js`: those never
 * change under one path, so a browser keeps them (`immutable`) and a warm
 * load asks for the page alone; a new release is a new path, so it is never
 * half loaded. Relative imports stay under the release path by themselves.
 * The unversioned paths still work, revalidated. The kiosk's service worker
 * (kiosk-worker.ts) keeps its release's files for a reload while offline.
 */
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../http/app-env.js';
import type { AppPages } from './app-pages.js';
import { kioskWorkerHeaders, kioskWorkerPath, kioskWorkerScript } from './kiosk-worker.js';

const immutable = 'public, max-age=31536000, immutable';

/**
 * The app file at `path` (its release path, or none), from memory: gzipped
 * when the browser takes it, with its ETag for a 304. Under this release's
 * path it is kept for good; under another release's path (a page loaded
 * before a restart) it is this release's file, revalidated rather than kept.
 */
function serveAsset(c: Context<AppEnv>, next: () => Promise<void>, pages: AppPages, path: string) {
  const asset = pages.assets.get(path.replace(/\/r\/[^/]+\//, '/'));
  if (!asset) return next();
  const gzip = asset.gzipped !== undefined && /\bgzip\b/i.test(c.req.header('Accept-Encoding') ?? '');
  const body = gzip ? asset.gzipped! : asset.body;
  // With its length stated, a small file is left alone by the compression middleware too.
  const headers: Record<string, string> = { 'Content-Type': asset.type, 'Content-Length': String(body.byteLength), ETag: asset.etag, Vary: 'Accept-Encoding' };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  if (c.req.param('release') === pages.release) headers['Cache-Control'] = immutable;
  return c.body(body, 200, headers);
}

/** A single-page app: its files, with or without a release path, and its page for every other path below it. */
function singlePageApp(pages: AppPages, page: string) {
  const index = (c: Context<AppEnv>) => c.html(page);
  const file = (c: Context<AppEnv>, next: () => Promise<void>) => serveAsset(c, next, pages, c.req.path);
  return new Hono<AppEnv>()
    .get('/', index)
    .get('/r/:release/*', file)
    .get('/*', file, async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : index(c)));
}

export function createWebRoutes(pages: AppPages) {
  const web = new Hono<AppEnv>();
  web.use('*', etag());
  web.use('*', async (c, next) => {
    await next();
    // Revalidate everything not under a release path: with ETags that is a 304.
    if ((c.res.status === 200 || c.res.status === 304) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  const vendorFile = (c: Context<AppEnv>, next: () => Promise<void>) => serveAsset(c, next, pages, `/vendor/${c.req.param('file')}`);
  web.get('/vendor/r/:release/:file', vendorFile);
  web.get('/vendor/:file', vendorFile);
  const kioskWorker = kioskWorkerScript(pages);
  web.get(kioskWorkerPath, (c) => c.body(kioskWorker, 200, kioskWorkerHeaders));
  web.route('/kiosk', singlePageApp(pages, pages.kiosk));
  web.route('/app', singlePageApp(pages, pages.admin));
  return web;
}
