/**
 * Stored alerts for managers: `GET /api/alerts/?since=&unacknowledged=`,
 * `POST /api/alerts/:id/ack` and `POST /api/alerts/ack` (every one not yet
 * acknowledged). An acknowledgement is told to every connected manager.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { notFound } from '../http/errors.js';
import { idParam, pathParams, queryParams } from '../http/validate.js';
import { acknowledgeAlerts, countUnacknowledgedAlerts, findAlert, listAlerts } from './alerts.queries.js';

const listQuery = z.object({
  since: z
    .string({ error: 'must be an ISO 8601 instant such as 2026-12-01T06:00:00Z' })
    .refine((text) => /T/.test(text) && !Number.isNaN(Date.parse(text)), { message: 'must be an ISO 8601 instant such as 2026-12-01T06:00:00Z' })
    .transform((text) => new Date(text))
    .optional(),
  unacknowledged: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(200),
});

export function createAlertRoutes(deps: AppDeps) {
  const acknowledge = async (userId: number, username: string, ids?: number[]) => {
    const at = deps.clock.now();
    const changed = await acknowledgeAlerts(deps.db, { userId, at }, ids);
    if (changed.length > 0) deps.events.emit('alertsAcknowledged', { ids: changed, by: username, at });
    return changed;
  };
  return new Hono<AppEnv>()
    .get('/', requireManager, queryParams(listQuery), async (c) => {
      const query = c.req.valid('query');
      const alerts = await listAlerts(deps.db, { since: query.since, unacknowledged: query.unacknowledged === 'true', limit: query.limit });
      return c.json({ alerts, unacknowledged: await countUnacknowledgedAlerts(deps.db) });
    })
    .post('/ack', requireManager, async (c) => {
      const user = currentUser(c.get('user'));
      const acknowledged = await acknowledge(user.id, user.username, undefined);
      return c.json({ acknowledged });
    })
    .post('/:id/ack', requireManager, pathParams(idParam('alert')), async (c) => {
      const user = currentUser(c.get('user'));
      const { id } = c.req.valid('param');
      // Acknowledging twice is harmless: the first acknowledgement stands. An unknown id changes nothing.
      await acknowledge(user.id, user.username, [id]);
      const alert = await findAlert(deps.db, id);
      if (!alert) throw notFound(`There is no alert ${id}.`);
      return c.json(alert);
    });
}
