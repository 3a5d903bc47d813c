/** The dependencies every feature is built from, and Hono's per-request variables. */
import type { Database } from '../../storage/database.js';
import type { PhotoStore } from '../../storage/photo-store.js';
import type { BackgroundWork } from '../background-work.js';
import type { PunchActivity } from '../punch-activity.js';
import type { Clock } from '../clock.js';
import type { EventBus } from '../domain-events.js';
import type { FaceAnalyser } from '../faces/face-analyser.js';
import type { KioskPresence } from '../kiosk/presence.js';
import type { Logger } from '../logger.js';
import type { Remembered } from '../remembered.js';
import type { Secrets } from '../secrets.js';
import type { ServerAddress } from './server-address.js';

export type AppDeps = {
  db: Database;
  photos: PhotoStore;
  clock: Clock;
  events: EventBus;
  presence: KioskPresence;
  /** Faces in photos, analysed in a worker thread (started on first use). */
  faces: FaceAnalyser;
  /** Where other machines reach this server (a kiosk's address), known once it listens. */
  address: ServerAddress;
  secrets: Secrets;
  logger: Logger;
  /** Caches of database rows this process keeps (see remembered.ts). */
  remembered: Remembered;
  /** What the process does after answering, so shutdown and tests can wait for it. */
  background: BackgroundWork;
  /** Punches being recorded now: the face check waits for a lull in them. */
  punches: PunchActivity;
  config: {
    /** The time zone used until a manager sets one in the settings. */
    orgTimezone: string;
    orgName: string;
    /** Mark cookies Secure: true when the server itself speaks HTTPS (behind a trusted proxy, `X-Forwarded-Proto: https` does too). */
    secureCookies: boolean;
    /** Addresses besides the server's own that the web apps may send cookie-authenticated writes from (`PUBLIC_ORIGINS`). */
    publicOrigins: readonly string[];
    /** Take the scheme and host from X-Forwarded-Proto/-Host (`TRUST_PROXY=1`). */
    trustProxy: boolean;
  };
};

export type AuthUser = {
  id: number;
  username: string;
  role: 'manager' | 'staff';
  /** The user's staff profile, if any (managers may have one too). */
  staffId: number | null;
};

export type AppEnv = {
  Variables: {
    user: AuthUser | null;
    /** The id (token hash) of the cookie session the request came with, if any. */
    sessionId?: string;
  };
};
