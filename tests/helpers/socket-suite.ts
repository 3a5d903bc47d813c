/**
 * The API suite (see `useApiSuite`) plus what the Socket.IO tests share: the
 * manager's session cookie for `/admin` and the kiosk API, and, when asked,
 * a kiosk paired through the API and connected to `/kiosk` before each test.
 * Sockets the suite opened, or was given with `track`, are closed after each test.
 *
 * @example
 *   const ctx = useSocketSuite(test, { now: '2026-11-23T08:55:00Z', kiosk: 'Front desk' });
 *
 *   test('a wrong PIN is refused', async () => {
 *     const reply = await ask(ctx.kiosk, 'identify', { pin: '999999' });
 *     assert.equal(reply.error.code, 'invalid_pin');
 *   });
 */
import type { Test } from 'uvu';
import { useApiSuite, type ApiSuite, type SuiteLifecycle, type SuiteOptions } from './api-suite.js';
import type { Auth } from './http.js';
import { closeSockets, connectKiosk, pairKiosk, signInCookie, type Socket } from './sockets.js';

export type SocketSuiteOptions = SuiteOptions & {
  /** Pair a kiosk with this name and connect it before each test (`ctx.kiosk`). Default: none. */
  kiosk?: string;
};

export type SocketSuite = ApiSuite & {
  /** The manager's session cookie (`Cookie` header value). */
  cookie: string;
  /** `{ cookie }`: the manager, as the admin app calls the API. */
  managerAuth: Auth;
  /** The kiosk connected before this test (with the `kiosk` option). */
  kiosk: Socket;
  kioskId: number;
  /** Closes the socket after the test; resolves with it once connected. */
  track<T extends Socket>(socket: T | Promise<T>): Promise<T>;
};

export function useSocketSuite(test: Test, options: SocketSuiteOptions = {}, lifecycle: SuiteLifecycle = {}): SocketSuite {
  const ctx = useApiSuite(test, options, lifecycle) as SocketSuite;
  const opened: Socket[] = [];
  ctx.track = async (socket) => {
    const connected = await socket;
    opened.push(connected);
    return connected;
  };
  test.before.each(async () => {
    ctx.cookie = await signInCookie(ctx.client, ctx.manager.username, ctx.manager.password);
    ctx.managerAuth = { cookie: ctx.cookie };
    if (options.kiosk !== undefined) {
      const paired = await pairKiosk(ctx.client, ctx.managerAuth, options.kiosk);
      ctx.kioskId = paired.kioskId;
      ctx.kiosk = await ctx.track(connectKiosk(ctx.server.url, paired.token));
    }
  });
  test.after.each(() => closeSockets(...opened.splice(0)));
  return ctx;
}
