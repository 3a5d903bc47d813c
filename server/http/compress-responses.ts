/**
 * gzip for responses the client accepts it for, at level 3: on the largest
 * response, a month's roster for 1,000 staff (9.7 MB of JSON), level 3 took
 * 16 ms for 220 KB where level 6 (what Hono's `compress` gives) took 54 ms
 * for 180 KB (bench/roster.ts) — the 40 KB more cost far less than that on
 * any network a kiosk and an office use. Photos (already compressed) and
 * small bodies are sent as they are.
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

const level = 3;
const threshold = 1024;
const compressible = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i;

export function compressResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const response = c.res;
    const type = response.headers.get('Content-Type') ?? '';
    const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (
      c.req.method === 'HEAD' ||
      !response.body ||
      response.headers.has('Content-Encoding') ||
      response.headers.get('Cache-Control')?.includes('no-transform') ||
      !compressible.test(type) ||
      length < threshold ||
      !/\bgzip\b/i.test(c.req.header('Accept-Encoding') ?? '')
    ) {
      return;
    }
    const gzip = createGzip({ level });
    const source = Readable.fromWeb(response.body as never);
    source.on('error', (error) => gzip.destroy(error));
    const body = Readable.toWeb(source.pipe(gzip)) as ReadableStream<Uint8Array>;
    c.res = new Response(body, response);
    // After the assignment: Hono copies the old response's headers into the new one.
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', 'gzip');
    c.res.headers.append('Vary', 'Accept-Encoding');
  };
}

