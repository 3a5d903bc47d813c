/** `GET /api/me/`: who is signed in, with their staff profile if they have one. */
import { Hono } from 'hono';
import { currentUser, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { findStaffProfile } from './staff.queries.js';

export function createMeRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireUser, async (c) => {
    const user = currentUser(c.get('user'));
    const profile = user.staffId === null ? null : await findStaffProfile(deps.db, user.staffId);
    return c.json({ id: user.id, username: user.username, role: user.role, staff: profile ?? null });
  });
}
