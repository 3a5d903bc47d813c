/**
 * A real Rollcall server on 127.0.0.1 (random port) around a test database,
 * a temporary photo folder and a manual clock, built with the same
 * `startRollcall` as production.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createManualClock, type ManualClock } from '../../server/clock.js';
import type { AppDeps } from '../../server/http/app-env.js';
import type { RunningServer } from '../../server/http/start-server.js';
import { startRollcall } from '../../server/start-rollcall.js';
import { createLogger } from '../../server/logger.js';
import { deriveSecrets } from '../../server/secrets.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type TestServer = {
  url: string;
  clock: ManualClock;
  database: TestDatabase;
  deps: AppDeps;
  photoDir: string;
  server: RunningServer;
  /** Empties the database between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
};

export async function startTestServer(options: { timezone?: string; now?: string } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const photoDir = await mkdtemp(path.join(tmpdir(), 'rollcall-photos-'));
  const clock = createManualClock(options.now ?? '2026-11-23T12:00:00Z');
  const rollcall = await startRollcall({
    database,
    photoDir,
    clock,
    secrets: deriveSecrets('test-secret-key-that-is-long-enough-0123456789'),
    logger: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
    config: { orgTimezone: options.timezone ?? 'UTC', orgName: 'Test Site', secureCookies: false },
    listen: { port: 0, host: '127.0.0.1' },
  });
  const { deps, server } = rollcall;
  return {
    url: server.url,
    clock,
    database,
    deps,
    photoDir,
    server,
    reset: () => database.reset(),
    async close() {
      await rollcall.close();
      await database.close();
      await rm(photoDir, { recursive: true, force: true });
    },
  };
}
