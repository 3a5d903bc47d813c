/**
 * The client's address for throttling: the TCP peer, or behind a trusted
 * proxy (`TRUST_PROXY=1`) the first address of `X-Forwarded-For`, which the
 * proxy sets to the client it served.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not served by the Node server (app.request in a script): no address to throttle by.
    return undefined;
  }
}
