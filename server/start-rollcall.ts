/**
 * Assembles and starts the whole product around an open database: the HTTP
 * app, Socket.IO on the same port, the live event wiring. `main.ts` calls it
 * with the real environment; tests call it with a test database and clock.
 */
import type { DatabaseHandle } from '../storage/database.js';
import { createDatabasePhotoStore } from '../storage/photo-blobs.js';
import { createPhotoStore } from '../storage/photo-store.js';
import { importPhotoFolder } from './photos/photo-import.js';
import { purgePhotosDaily } from './photos/photo-retention.js';
import { listenForSettingsChanges } from './settings/settings-changes.js';
import { forgetSettings } from './settings/settings.queries.js';
import { createApp } from './app.js';
import { createBackgroundWork } from './background-work.js';
import { createPunchActivity } from './punch-activity.js';
import type { Clock } from './clock.js';
import type { AppDeps } from './http/app-env.js';
import { createServerAddress } from './http/server-address.js';
import { startServer, type ListenOptions, type RunningServer } from './http/start-server.js';
import { createEventBus } from './domain-events.js';
import { createFaceAnalyser } from './faces/face-analyser.js';
import { startFaceChecks } from './faces/face-checks.service.js';
import { watchForDarkKiosks } from './kiosk/kiosk-health.js';
import { createKioskPresence } from './kiosk/presence.js';
import { attachRealtime } from './live/realtime.js';
import type { Logger } from './logger.js';
import { createRemembered } from './remembered.js';
import type { Secrets } from './secrets.js';

export type RollcallOptions = {
  database: DatabaseHandle;
  photoDir: string;
  clock: Clock;
  secrets: Secrets;
  logger: Logger;
  config: AppDeps['config'];
  listen: ListenOptions;
};

export type Rollcall = { deps: AppDeps; server: RunningServer; close(): Promise<void> };

export async function startRollcall(options: RollcallOptions): Promise<Rollcall> {
  const presence = createKioskPresence();
  const files = createPhotoStore(options.photoDir);
  const deps: AppDeps = {
    db: options.database.db,
    // On a server, photos are rows, so every process on every host serves every photo.
    photos: options.database.kind === 'postgres' ? createDatabasePhotoStore(options.database.db, files) : files,
    clock: options.clock,
    events: createEventBus(),
    presence,
    faces: createFaceAnalyser(),
    address: createServerAddress(options.listen, options.config.publicOrigins),
    secrets: options.secrets,
    logger: options.logger,
    remembered: createRemembered(),
    background: createBackgroundWork(options.logger),
    punches: createPunchActivity(),
    config: options.config,
  };
  const server = await startServer(createApp(deps), options.listen);
  presence.bind(server.io);
  deps.address.bind(server);
  const detach = attachRealtime(server.io, deps, options.database.pool);
  // What this process remembers of the settings, forgotten whenever any process changes them.
  forgetSettings(deps.db);
  deps.remembered.register(() => forgetSettings(deps.db));
  const stopListening = options.database.pool ? listenForSettingsChanges(options.database.pool, deps.db, deps.logger) : async () => {};
  const stopWatching = watchForDarkKiosks(deps);
  const stopFaceChecks = startFaceChecks(deps, { onlyProcess: options.database.kind === 'pglite' });
  const stopPurging = purgePhotosDaily(deps);
  if (deps.photos.kind === 'database') deps.background.run('Copying photo files into the database', () => importPhotoFolder(deps, files, options.photoDir));
  return {
    deps,
    server,
    async close() {
      detach();
      stopWatching();
      stopFaceChecks();
      stopPurging();
      await stopListening();
      await server.close();
      await deps.background.settled();
      await deps.faces.close();
    },
  };
}
