/**
 * `GET /api/auth/status`, for anyone: what a browser needs before signing
 * in — the organisation's name and zone, and whether this is a new install
 * whose sign-in page should offer "create the first manager".
 */
import { Hono } from 'hono';
import { countUsers } from '../auth/users.queries.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { getSettings } from './settings.queries.js';

export function createStatusRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { timezone, locale, clock, faceCheck } = await getSettings(deps.db, deps.config.orgTimezone);
    // The kiosk tells people when their face is compared.
    return c.json({ needsFirstManager: (await countUsers(deps.db)) === 0, orgName: deps.config.orgName, timezone, locale, clock, faceCheck: faceCheck === 'flag' });
  });
}
