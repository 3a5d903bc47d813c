/**
 * Builds the HTTP application from its parts. Starting it (reading the
 * environment, opening the database, listening) is `main.ts`'s job, so tests
 * build the very same app around a test database and a controllable clock.
 *
 * @example
 *   const app = createApp({ db, photos, clock, events: createEventBus(), presence, secrets, logger, remembered: createRemembered(), background: createBackgroundWork(logger), punches: createPunchActivity(), config });
 *   const response = await app.request('/api/me/');
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compressResponses } from './http/compress-responses.js';
import { createAttendanceRoutes } from './attendance/attendance.routes.js';
import { createCorrectionRoutes } from './timesheets/corrections.routes.js';
import { createAuthRoutes } from './auth/auth.routes.js';
import { authenticate } from './auth/authenticate.js';
import { sessionCookieName } from './auth/session.js';
import type { AppDeps, AppEnv } from './http/app-env.js';
import { AppError, createErrorHandler, handleNotFound } from './http/errors.js';
import { refuseCrossSiteWrites } from './http/same-origin.js';
import { securityHeaders } from './http/security-headers.js';
import { loadAppPages } from './web/app-pages.js';
import { createAuditRoutes } from './audit/audit.routes.js';
import { createAlertRoutes } from './alerts/alerts.routes.js';
import { createKioskRoutes } from './kiosk/kiosks.routes.js';
import { createPhotoRoutes } from './photos/photos.routes.js';
import { createRosterRoutes } from './roster/roster.routes.js';
import { createShiftRoutes } from './roster/shifts.routes.js';
import { createSettingsRoutes } from './settings/settings.routes.js';
import { createStatusRoutes } from './settings/status.routes.js';
import { createMeRoutes } from './staff/me.routes.js';
import { createAccountRoutes } from './staff/accounts.routes.js';
import { createStaffRoutes } from './staff/staff.routes.js';
import { createFaceReviewRoutes, createReferenceFaceRoutes } from './faces/faces.routes.js';
import { createSwapRoutes } from './swaps/swaps.routes.js';
import { createTimesheetRoutes } from './timesheets/timesheets.routes.js';
import { createWebRoutes } from './web/web.routes.js';

/** JSON bodies other than photo uploads are small; refuse big ones before reading them. */
const defaultBodyLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new AppError(413, 'payload_too_large', 'The request body is larger than 64 KB.');
  },
});

const compressed = compressResponses();

export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>({ strict: false })
    .use(refuseCrossSiteWrites(deps.config, sessionCookieName))
    // The original check-in and a reference face carry a photo, and set their own, larger limit.
    .use((c, next) => (/^\/api\/(attendance|staff\/[^/]+\/reference-photo)\/?$/.test(c.req.path) ? next() : defaultBodyLimit(c, next)))
    .use(authenticate(deps))
    .route('/', createAuthRoutes(deps))
    .route('/auth/status', createStatusRoutes(deps))
    .route('/me', createMeRoutes(deps))
    .route('/staff', createReferenceFaceRoutes(deps))
    .route('/staff', createStaffRoutes(deps))
    .route('/users', createAccountRoutes(deps))
    .route('/shifts', createShiftRoutes(deps))
    .route('/attendance', createFaceReviewRoutes(deps))
    .route('/attendance', createCorrectionRoutes(deps))
    .route('/attendance', createAttendanceRoutes(deps))
    .route('/photos', createPhotoRoutes(deps))
    .route('/roster', createRosterRoutes(deps))
    .route('/swaps', createSwapRoutes(deps))
    .route('/settings', createSettingsRoutes(deps))
    .route('/kiosks', createKioskRoutes(deps))
    .route('/audit', createAuditRoutes(deps))
    .route('/alerts', createAlertRoutes(deps))
    .route('/', createTimesheetRoutes(deps));

  const pages = loadAppPages();
  const app = new Hono<AppEnv>({ strict: false });
  app.use(securityHeaders([pages.admin, pages.kiosk]));
  // Photos are already compressed; everything else (JSON, CSV, scripts) shrinks several-fold.
  app.use((c, next) => (c.req.path.startsWith('/api/photos/') ? next() : compressed(c, next)));
  app.route('/api', api);
  app.route('/', createWebRoutes(pages));
  app.get('/', (c) => c.redirect('/app'));
  app.notFound(handleNotFound);
  app.onError(createErrorHandler(deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;
