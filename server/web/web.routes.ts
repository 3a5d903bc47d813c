/**
 * The browser apps: the kiosk at `/kiosk`, the admin app at `/app`, and the
 * few ES modules they import (Preact, htm) at `/vendor/`, mapped by an
 * import map in each page. No bundler: files are served as they are, with
 * ETags so a reload only revalidates (the app compresses every response).
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { projectPath } from '../../storage/project-path.js';
import type { AppEnv } from '../http/app-env.js';

// A Map, not an object literal: `/vendor/constructor` must find nothing, not Object's own property.
const vendorFiles = new Map([
  ['preact.mjs', 'node_modules/preact/dist/preact.mjs'],
  ['preact-hooks.mjs', 'node_modules/preact/hooks/dist/hooks.mjs'],
  ['htm.mjs', 'node_modules/htm/dist/htm.mjs'],
  ['htm-preact.mjs', 'node_modules/htm/preact/index.mjs'],
]);

/** A single-page app from `folder`: its files, and its index.html for every other path below `prefix`. */
function singlePageApp(prefix: string, folder: string) {
  const root = projectPath(folder);
  const files = serveStatic<AppEnv>({ root, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' });
  const index = serveStatic<AppEnv>({ path: projectPath(folder, 'index.html') });
  return new Hono<AppEnv>()
    .get('/', index)
    .get('/*', files, async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : index(c, next)));
}

export function createWebRoutes() {
  const web = new Hono<AppEnv>();
  web.use('*', etag());
  web.use('*', async (c, next) => {
    await next();
    // Revalidate every time: with ETags that is a 304, and a new release is never half-loaded.
    if (c.res.status === 200 || c.res.status === 304) c.header('Cache-Control', 'no-cache');
  });
  web.get('/vendor/:file', async (c, next) => {
    const file = vendorFiles.get(c.req.param('file'));
    if (!file) return next();
    return serveStatic<AppEnv>({ path: projectPath(file) })(c, next);
  });
  web.route('/kiosk', singlePageApp('/kiosk', 'kiosk'));
  web.route('/app', singlePageApp('/app', 'admin'));
  return web;
}
