/**
 * A real Rollcall server on 127.0.0.1 (random port) around a test database,
 * a temporary photo folder and a manual clock, built with the same
 * `startRollcall` as production.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createManualClock, type ManualClock } from '../../server/clock.js';
import type { AppDeps } from '../../server/http/app-env.js';
import type { RunningServer } from '../../server/http/start-server.js';
import { startRollcall } from '../../server/start-rollcall.js';
import { createLogger } from '../../server/logger.js';
import { deriveSecrets } from '../../server/secrets.js';
import { testDatabaseForFile, type TestDatabase } from './database.js';

/** The secret key behind the test server's keys; a second server process given it as `SECRET_KEY` reads the same PINs and tokens. */
export const testSecretKey = 'test-secret-key-that-is-long-enough-0123456789';

export type TestServer = {
  url: string;
  clock: ManualClock;
  database: TestDatabase;
  deps: AppDeps;
  photoDir: string;
  server: RunningServer;
  /**
   * Empties the database and the photo folder between tests (photos are
   * content-addressed: a test sending the same frame as the one before must
   * find no file already there), and makes the server forget what it
   * remembered of the database.
   */
  reset(): Promise<void>;
  /**
   * Stops the HTTP and Socket.IO server (not the database), runs `whileDown`
   * if given, then starts a new one on the same port with the same database,
   * photo folder and clock, as a process restart would. `deps` and `server`
   * then name the new one.
   *
   * @example
   *   await server.restart(async () => {
   *     await page.getByText('Reconnecting…').waitFor();
   *   });
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
};

/** `config`: settings a test changes from the defaults below (`TRUST_PROXY`, `PUBLIC_ORIGINS`, …). */
export async function startTestServer(options: { timezone?: string; now?: string; config?: Partial<AppDeps['config']> } = {}): Promise<TestServer> {
  const database = await testDatabaseForFile.acquire();
  const photoDir = await mkdtemp(path.join(tmpdir(), 'rollcall-photos-'));
  const clock = createManualClock(options.now ?? '2026-11-23T12:00:00Z');
  const start = (port: number) =>
    startRollcall({
      database,
      photoDir,
      clock,
      secrets: deriveSecrets(testSecretKey),
      logger: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
      config: { orgTimezone: options.timezone ?? 'UTC', orgName: 'Test Site', secureCookies: false, publicOrigins: [], trustProxy: false, ...options.config },
      listen: { port, host: '127.0.0.1' },
    });
  let rollcall = await start(0);
  const testServer: TestServer = {
    url: rollcall.server.url,
    clock,
    database,
    deps: rollcall.deps,
    photoDir,
    server: rollcall.server,
    async reset() {
      // An alert or a kiosk's last contact still being written would race (even deadlock) the truncation.
      await rollcall.deps.background.settled();
      await database.reset();
      rollcall.deps.remembered.forgetAll();
      await rm(photoDir, { recursive: true, force: true });
      await mkdir(photoDir);
    },
    async restart(whileDown) {
      await rollcall.close();
      try {
        await whileDown?.();
      } finally {
        // Back up even when `whileDown` failed, so the rest of the file still has a server.
        rollcall = await start(Number(new URL(testServer.url).port));
        testServer.deps = rollcall.deps;
        testServer.server = rollcall.server;
      }
    },
    async close() {
      await rollcall.close();
      await testDatabaseForFile.release(database);
      await rm(photoDir, { recursive: true, force: true });
    },
  };
  return testServer;
}
