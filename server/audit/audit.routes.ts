/** `GET /api/audit/` (ledger entries, newest first, paged) and `GET /api/audit/verify`, for managers. */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { badRequest } from '../http/errors.js';
import { queryParams, singleLineText } from '../http/validate.js';
import { dateOrInstantSchema, type DateOrInstant } from '../roster/roster-params.js';
import { getSettings } from '../settings/settings.queries.js';
import { DateTime } from 'luxon';
import { listLedgerEntries } from '../ledger/ledger.queries.js';
import { verifyLedger } from '../ledger/verify.queries.js';

const auditQuery = z.object({
  entity: singleLineText(100)
    .refine((text) => /^[a-z_]+(:[\w@-]+)?$/.test(text), { message: 'must be a kind of thing such as "attendance" or one thing such as "attendance:42"' })
    .optional(),
  from: dateOrInstantSchema.optional(),
  to: dateOrInstantSchema.optional(),
  before: z.coerce.number({ error: 'must be an entry number' }).int('must be a whole number').positive('must be positive').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
});

export function createAuditRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requireManager, queryParams(auditQuery), async (c) => {
      const query = c.req.valid('query');
      const { timezone } = await getSettings(deps.db, deps.config.orgTimezone);
      // A bare date means that whole local day.
      const bound = (value: DateOrInstant | undefined, edge: 'from' | 'to') => {
        if (!value) return undefined;
        if ('instant' in value) return value.instant;
        const day = DateTime.fromISO(value.date, { zone: timezone });
        return (edge === 'from' ? day : day.plus({ days: 1 }).minus({ milliseconds: 1 })).toJSDate();
      };
      const from = bound(query.from, 'from');
      const to = bound(query.to, 'to');
      if (from && to && from > to) throw badRequest('validation_failed', '"from" must be before "to".', { from: ['must be before "to"'] });
      const entries = await listLedgerEntries(deps.db, { entity: query.entity, from, to, before: query.before, limit: query.limit });
      const last = entries.at(-1);
      return c.json({ entries, next: entries.length === query.limit && last ? { before: last.seq } : null });
    })
    .get('/verify', requireManager, async (c) => c.json(await verifyLedger(deps.db)));
}
