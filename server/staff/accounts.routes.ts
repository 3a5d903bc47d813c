/**
 * `/api/users/`: a manager sees every account (managers too), deactivates or
 * reactivates one (a leaver is cut off in one step), and resets a password.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager } from '../auth/authenticate.js';
import { passwordSchema } from '../auth/credentials.js';
import { hashPassword } from '../auth/password.js';
import { findAccountListing, listAccounts } from '../auth/users.queries.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { idParam, jsonBody, pathParams } from '../http/validate.js';
import { resetPassword, setAccountActive } from './accounts.service.js';
import { orgToday } from '../settings/settings.queries.js';

export function createAccountRoutes(deps: AppDeps) {
  const { db, clock, events } = deps;
  return new Hono<AppEnv>()
    .use(requireManager)
    .get('/', async (c) => c.json(await listAccounts(db)))
    .patch('/:id', pathParams(idParam('account')), jsonBody(z.object({ active: z.boolean({ error: 'must be true or false' }) })), async (c) => {
      const { id } = c.req.valid('param');
      const { active } = c.req.valid('json');
      const now = clock.now();
      const today = await orgToday(db, deps.config.orgTimezone, now);
      const ended = await db.transaction((tx) => setAccountActive(tx, currentUser(c.get('user')).id, id, active, { now, today }));
      events.emit('sessionsEnded', { sessionIds: ended });
      return c.json(await findAccountListing(db, id));
    })
    .post('/:id/password', pathParams(idParam('account')), jsonBody(z.object({ password: passwordSchema })), async (c) => {
      const { id } = c.req.valid('param');
      const passwordHash = await hashPassword(c.req.valid('json').password);
      const ended = await db.transaction((tx) => resetPassword(tx, currentUser(c.get('user')).id, id, passwordHash, clock.now()));
      events.emit('sessionsEnded', { sessionIds: ended });
      return c.json({ ok: true, signedOutSessions: ended.length });
    });
}
