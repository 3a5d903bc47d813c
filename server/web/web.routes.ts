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
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { projectPath } from '../../storage/project-path.js';
import type { AppEnv } from '../http/app-env.js';
import { vendorFiles, type AppPages } from './app-pages.js';
import { kioskWorkerHeaders, kioskWorkerPath, kioskWorkerScript } from './kiosk-worker.js';

const immutable = 'public, max-age=31536000, immutable';

/**
 * A file served under the path of release `:release`: kept for good when that
 * is this release. Another release's path (a page loaded before a restart)
 * gets this release's file, revalidated rather than kept.
 */
function keptUnderRelease(c: Context<AppEnv>, release: string, response: Response | void): Response | void {
  if (response?.status === 200 && c.req.param('release') === release) response.headers.set('Cache-Control', immutable);
  return response;
}

/** A single-page app from `folder`: its files, with or without a release path, and its index.html for every other path below `prefix`. */
function singlePageApp(prefix: string, folder: string, release: string, page: string) {
  const index = (c: Context<AppEnv>) => c.html(page);
  const files = serveStatic<AppEnv>({ root: projectPath(folder), rewriteRequestPath: (path) => path.slice(prefix.length).replace(/^\/r\/[^/]+/, '') || '/' });
  return new Hono<AppEnv>()
    .get('/', index)
    .get('/r/:release/*', async (c, next) => keptUnderRelease(c, release, await files(c, next)))
    .get('/*', files, async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : index(c)));
}

export function createWebRoutes(pages: AppPages) {
  const { release } = pages;
  const web = new Hono<AppEnv>();
  web.use('*', etag());
  web.use('*', async (c, next) => {
    await next();
    // Revalidate everything not under a release path: with ETags that is a 304.
    if ((c.res.status === 200 || c.res.status === 304) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  const vendorFile = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const file = vendorFiles.get(c.req.param('file') ?? '');
    if (!file) return next();
    return keptUnderRelease(c, release, await serveStatic<AppEnv>({ path: projectPath(file) })(c, next));
  };
  web.get('/vendor/r/:release/:file', vendorFile);
  web.get('/vendor/:file', vendorFile);
  const kioskWorker = kioskWorkerScript(pages);
  web.get(kioskWorkerPath, (c) => c.body(kioskWorker, 200, kioskWorkerHeaders));
  web.route('/kiosk', singlePageApp('/kiosk', 'kiosk', release, pages.kiosk));
  web.route('/app', singlePageApp('/app', 'admin', release, pages.admin));
  return web;
}
