/**
 * Tokens that stay valid while a test moves the manual clock: access tokens
 * last 5 minutes of *server* time, so a test that jumps hours signs in again.
 */
import assert from 'node:assert/strict';
import type { Clock } from '../../server/clock.js';
import type { Account } from './fixtures.js';
import type { Auth, Client } from './http.js';

/**
 * `auth(account)` gives `{token}` issued at the clock's current instant,
 * signing in again only when the clock has moved since the last one.
 *
 * @example
 *   const auth = createSignIn(client, server.clock);
 *   server.clock.set('2026-11-23T08:30:00Z');
 *   await client.get('/api/roster/', await auth(manager));
 */
export function createSignIn(client: Client, clock: Clock) {
  const issued = new Map<string, { at: number; token: string }>();
  return async function auth(account: Account): Promise<Auth> {
    const now = clock.now().getTime();
    // The token names the user id; after a reset the same username may have another one.
    const key = `${account.id}:${account.username}`;
    const cached = issued.get(key);
    if (cached && cached.at === now) return { token: cached.token };
    const tokens = await client.post('/api/token/', { username: account.username, password: account.password });
    assert.equal(tokens.status, 200, `token for ${account.username}: ${tokens.text}`);
    issued.set(key, { at: now, token: tokens.body.access });
    return { token: tokens.body.access };
  };
}
