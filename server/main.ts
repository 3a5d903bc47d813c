/**
 * Starts Rollcall: reads the environment, locks the data folder, opens and
 * migrates the database, and serves HTTP and Socket.IO on one port until
 * SIGTERM or SIGINT, when it closes everything in order (PGlite loses writes
 * if the process exits without closing it).
 */
import path from 'node:path';
import { systemClock } from './clock.js';
import { readEnv } from './env.js';
import { createLogger } from './logger.js';
import { openStorage } from './open-storage.js';
import { startRollcall } from './start-rollcall.js';
import { deriveSecrets, loadOrCreateSecretKey } from './secrets.js';

async function main() {
  const startedAt = performance.now();
  const env = readEnv();
  const logger = createLogger(env.logLevel);
  const { database, lock } = await openStorage(env, logger);
  const rollcall = await startRollcall({
    database,
    photoDir: path.join(env.dataDir, 'photos'),
    clock: systemClock,
    secrets: deriveSecrets(env.secretKey ?? loadOrCreateSecretKey(env.dataDir)),
    logger,
    config: { orgTimezone: env.orgTimezone, orgName: env.orgName, secureCookies: Boolean(env.tls), publicOrigins: env.publicOrigins, trustProxy: env.trustProxy },
    listen: { port: env.port, host: env.host, tls: env.tls },
  });
  const server = rollcall.server;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  // Always printed, whatever LOG_LEVEL: it is how a person (and a script) learns the address.
  process.stdout.write(`Rollcall listening on ${server.url} (${database.kind === 'pglite' ? `embedded database in ${env.dataDir}` : 'PostgreSQL server'}; started in ${seconds} s)\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: closing connections and the database.`);
    try {
      await rollcall.close();
      await database.close();
    } finally {
      lock.release();
    }
    logger.info('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Rollcall could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
