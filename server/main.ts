/**
 * Starts Rollcall: reads the environment, locks the data folder, opens and
 * migrates the database, and serves HTTP and Socket.IO on one port until
 * SIGTERM or SIGINT, when it closes everything in order (PGlite loses writes
 * if the process exits without closing it).
 */
import path from 'node:path';
import { systemClock } from './clock.js';
import { readEnv } from './env.js';
import { machineNames } from './http/machine-names.js';
import { loadOrCreateSelfSignedCertificate } from './http/self-signed-certificate.js';
import { describeKioskAddress } from './http/server-address.js';
import { createLogger } from './logger.js';
import { openStorage } from './open-storage.js';
import { startRollcall } from './start-rollcall.js';
import { deriveSecrets, loadOrCreateSecretKey } from './secrets.js';

async function main() {
  const startedAt = performance.now();
  const env = readEnv();
  const logger = createLogger(env.logLevel);
  const { database, lock } = await openStorage(env, logger);
  // Made once DATA_DIR is locked, so two starting processes never write it at once.
  const selfSigned = env.tls === 'self-signed' ? await loadOrCreateSelfSignedCertificate(env.dataDir, machineNames(), systemClock.now()) : undefined;
  const tls = env.tls === 'self-signed' ? selfSigned : env.tls;
  const rollcall = await startRollcall({
    database,
    photoDir: path.join(env.dataDir, 'photos'),
    clock: systemClock,
    secrets: deriveSecrets(env.secretKey ?? loadOrCreateSecretKey(env.dataDir)),
    logger,
    config: { orgTimezone: env.orgTimezone, orgName: env.orgName, secureCookies: Boolean(tls), publicOrigins: env.publicOrigins, trustProxy: env.trustProxy },
    listen: { port: env.port, host: env.host, tls },
  });
  const server = rollcall.server;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  // Always printed, whatever LOG_LEVEL: it is how a person (and a script) learns the address.
  const listening = `Rollcall listening on ${server.url} (${database.kind === 'pglite' ? `embedded database in ${env.dataDir}` : 'PostgreSQL server'}; started in ${seconds} s)`;
  const kiosk = describeKioskAddress(rollcall.deps.address.kiosk(), env.host, server.url);
  // One write, so a script that waits for the listening line has the rest too.
  process.stdout.write([listening, ...(selfSigned?.made ? [selfSigned.made] : []), ...kiosk].map((line) => `${line}\n`).join(''));

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
