/**
 * Two server processes sharing one PostgreSQL database, as behind a load
 * balancer: the socket suite's test server in this process and
 * `server/main.ts` in a child, started once the first is up and stopped
 * before it. The child runs on the real system clock, so the suite's clock
 * starts at the real time too.
 *
 * PGlite cannot back the Socket.IO PostgreSQL adapter, nor be shared by two
 * processes: without DATABASE_URL nothing is started, and `check` is
 * `test.skip`, so the run reports every test as skipped.
 *
 * @example
 *   const { ctx, check } = useTwoProcessSuite(test);
 *   check('an event on one reaches the other', async () => {
 *     const kiosk = await connectKiosk(ctx.second.url, token);
 *   });
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Test } from 'uvu';
import { reportingErrors } from './api-suite.js';
import { createStaffMember, type StaffAccount } from './fixtures.js';
import { createClient, type Client } from './http.js';
import { spawnServer, type ServerProcess } from './server-process.js';
import { useSocketSuite, type SocketSuite } from './socket-suite.js';
import { testSecretKey } from './test-server.js';

export const onPostgres = Boolean(process.env.DATABASE_URL);

export type TwoProcessSuite = SocketSuite & {
  /** The child process. */
  second: ServerProcess;
  /** A client of the child (`client` talks to the test server). */
  secondClient: Client;
  /** Starts the child again, with the same data folder, after it was stopped or killed; `second` and `secondClient` then name the new one. */
  restartSecond(): Promise<void>;
};

export function useTwoProcessSuite(test: Test): { ctx: TwoProcessSuite; check: Test | Test['skip'] } {
  /** `test`, or on PGlite `test.skip`: uvu then counts each test as skipped and runs none of the hooks (none are registered). */
  const check = onPostgres ? test : test.skip;
  // On PGlite no test runs, so nothing reads `ctx`.
  if (!onPostgres) return { ctx: undefined as never, check };
  let dataDir: string | undefined;
  const ctx = useSocketSuite(
    test,
    { now: () => new Date(), timezone: 'UTC' },
    {
      // The child is stopped before the test server and its database.
      async stop() {
        await ctx.second?.stop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    },
  ) as TwoProcessSuite;
  test.before(
    reportingErrors('starting the second process', async () => {
      assert.equal(ctx.server.database.kind, 'postgres');
      dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-second-'));
      const folder = dataDir;
      ctx.restartSecond = async () => {
        await ctx.second?.stop();
        ctx.second = await spawnServer({ DATABASE_URL: ctx.server.database.url, SECRET_KEY: testSecretKey, DATA_DIR: folder, ORG_TIMEZONE: 'UTC', LOG_LEVEL: 'warn' });
        ctx.secondClient = createClient(ctx.second.url);
      };
      await ctx.restartSecond();
    }),
  );
  return { ctx, check };
}

/** A staff member whose check-in window is open now, on either process's clock. */
export function staffOnShiftNow(ctx: SocketSuite, name: string, pin: string): Promise<StaffAccount> {
  const now = DateTime.utc();
  const shifts = [{ day: now.toFormat('cccc'), start: now.toFormat('HH:mm'), end: now.plus({ hours: 8 }).toFormat('HH:mm') }];
  return createStaffMember(ctx.client, ctx.manager, name, { pin, shifts, weeklyOffs: now.plus({ days: 3 }).toFormat('cccc') });
}
