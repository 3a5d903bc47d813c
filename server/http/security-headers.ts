/**
 * Security headers on every response, through Hono's `secureHeaders`: a
 * Content-Security-Policy that lets the pages load only their own scripts,
 * styles and sockets (images also from `blob:`/`data:`: the kiosk's preview
 * and the pages' icon), and a Permissions-Policy that gives the camera to
 * the kiosk alone.
 *
 * The pages' one inline script is their import map; it is allowed by its
 * hash, read from the pages as served, so editing a map cannot silently
 * break the page under the policy.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';

/** `'sha256-…'` of every inline `<script>` in the pages (their HTML), as CSP wants it. */
export function inlineScriptHashes(pages: readonly string[]): string[] {
  const hashes = new Set<string>();
  for (const page of pages) {
    for (const [, body] of page.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      hashes.add(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
    }
  }
  return [...hashes];
}

export function securityHeaders(pages: readonly string[]): MiddlewareHandler<AppEnv> {
  const contentSecurityPolicy = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...inlineScriptHashes(pages)],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'blob:', 'data:'],
    mediaSrc: ["'self'", 'blob:'],
    // 'self' covers ws:/wss: to the same host in current browsers.
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  const common = { crossOriginResourcePolicy: 'same-origin', contentSecurityPolicy } as const;
  const kiosk = secureHeaders({ ...common, permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] } });
  const elsewhere = secureHeaders({ ...common, permissionsPolicy: { camera: [], microphone: [], geolocation: [] } });
  return (c, next) => (c.req.path === '/kiosk' || c.req.path.startsWith('/kiosk/') ? kiosk(c, next) : elsewhere(c, next));
}
