/**
 * The set-up every API test file shares, registered as uvu hooks: one real
 * server per file (its own database, photo folder and manual clock), an HTTP
 * client for it, and before each test an empty database, the clock back at
 * `now` and a signed-in manager. The returned context's fields are filled in
 * by those hooks, so read them inside tests and hooks, never at the top level.
 *
 * @example
 *   const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });
 *
 *   test('a manager lists the staff', async () => {
 *     const reply = await ctx.client.get('/api/staff/', await ctx.auth(ctx.manager));
 *     assert.equal(reply.status, 200, reply.text);
 *   });
 */
import type { Test } from 'uvu';
import type { AppDeps } from '../../server/http/app-env.js';
import { createManager, type Account } from './fixtures.js';
import { createClient, type Auth, type Client } from './http.js';
import { createSignIn } from './sign-in.js';
import { startTestServer, type TestServer } from './test-server.js';

export type SuiteOptions = {
  /**
   * The instant the server starts at and each test begins at; a function
   * means "read it at each start" (e.g. `() => new Date()` for the real time).
   * Default Monday 23 November 2026, 12:00Z.
   */
  now?: string | (() => Date);
  /** The organisation's time zone (default UTC). */
  timezone?: string;
  /** The username of the manager created for each test (`ctx.manager`), or `false` for none. Default `manager`. */
  manager?: string | false;
  /**
   * `each` (the default): every test starts from an empty database at `now`.
   * `once`: the file's tests build on each other, so that happens once, before the first.
   */
  fresh?: 'each' | 'once';
  /**
   * Data every test starts with, made after the manager. A `test.before.each`
   * does the same, but in the browser suites this runs while the page loads.
   */
  seed?: (ctx: ApiSuite) => Promise<void>;
  /** Server settings other than the test defaults (e.g. `{ trustProxy: true }`). */
  config?: Partial<AppDeps['config']>;
};

export type ApiSuite = {
  server: TestServer;
  client: Client;
  /** The manager of this test (unset with `manager: false`). */
  manager: Account;
  /** `{ token }` for the account, issued at the clock's current instant: valid however far a test moved the clock. */
  auth(account: Account): Promise<Auth>;
  /** What runs before each test: empty database and photo folder, the clock at `now`, a new manager, `seed`. For a test that runs several rounds. */
  startFresh(): Promise<void>;
};

/**
 * Work a suite built on this one does alongside the server's start (`start`:
 * launching Chromium); before each test, once the database is empty again,
 * alongside making the manager and `seed` (`eachTest`: loading a page, which
 * reads the settings but none of that data); and before the server's close
 * (`stop`).
 */
export type SuiteLifecycle = { start?: () => Promise<void>; eachTest?: () => Promise<void>; stop?: () => Promise<void> };

/**
 * The hook, printing its error before passing it on: uvu counts the tests of
 * a file whose `before` or `after` hook threw as not passed, but prints nothing
 * about why.
 */
export function reportingErrors(what: string, hook: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await hook();
    } catch (error) {
      console.error(`While ${what}:`, error);
      throw error;
    }
  };
}

export function useApiSuite(test: Test, options: SuiteOptions = {}, lifecycle: SuiteLifecycle = {}): ApiSuite {
  const instant = () => (typeof options.now === 'function' ? options.now().toISOString() : (options.now ?? '2026-11-23T12:00:00Z'));
  const ctx = {} as ApiSuite;
  const empty = async () => {
    await ctx.server.reset();
    ctx.server.clock.set(instant());
  };
  const populate = async () => {
    if (options.manager !== false) ctx.manager = await createManager(ctx.client, options.manager);
    await options.seed?.(ctx);
  };
  ctx.startFresh = async () => {
    await empty();
    await populate();
  };
  test.before(
    reportingErrors('starting the test server', async () => {
      // Kept as soon as it is up, so `after` closes it even if the work alongside failed.
      const started = startTestServer({ now: instant(), timezone: options.timezone, config: options.config }).then((server) => (ctx.server = server));
      await Promise.all([started, lifecycle.start?.()]);
      ctx.client = createClient(ctx.server.url);
      ctx.auth = createSignIn(ctx.client, ctx.server.clock);
      if (options.fresh === 'once') await ctx.startFresh();
    }),
  );
  test.before.each(async () => {
    if (options.fresh === 'once') return lifecycle.eachTest?.();
    await empty();
    await Promise.all([populate(), lifecycle.eachTest?.()]);
  });
  test.after(
    reportingErrors('stopping the test server', async () => {
      try {
        await lifecycle.stop?.();
      } finally {
        await ctx.server?.close();
      }
    }),
  );
  return ctx;
}
