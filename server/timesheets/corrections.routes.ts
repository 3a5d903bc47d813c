/** `POST /api/attendance/corrections` and `POST /api/attendance/:id/void`: a manager's fixes to punches. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { entityId, idParam, jsonBody, pathParams } from '../http/validate.js';
import { localDateSchema } from '../roster/roster-params.js';
import { getSettings } from '../settings/settings.queries.js';
import { reasonText } from './timesheets.routes.js';
import { toAttendanceJson } from '../attendance/attendance.routes.js';
import { correctPunch, voidPunch } from './corrections.service.js';

const instantSchema = z
  .string({ error: 'must be a date and time with its offset, such as "2026-11-23T17:05:00+00:00"' })
  .datetime({ offset: true, message: 'must be a date and time with its offset, such as "2026-11-23T17:05:00+00:00"' })
  .transform((text) => new Date(text));

const correctionSchema = z.object({
  staff: entityId('staff'),
  shiftId: entityId('shift'),
  date: localDateSchema,
  kind: z.enum(['check_in', 'check_out'], { error: 'must be "check_in" or "check_out"' }),
  at: instantSchema,
  reason: reasonText,
  supersedes: entityId('punch').optional(),
});

export function createCorrectionRoutes(deps: AppDeps) {
  const zoneNow = async () => (await getSettings(deps.db, deps.config.orgTimezone)).timezone;
  // Guarded route by route: middleware used here would cover the whole /attendance mount, the staff's own check-in too.
  return new Hono<AppEnv>()
    .post('/corrections', requireManager, jsonBody(correctionSchema), async (c) => {
      const body = c.req.valid('json');
      const punch = await correctPunch(deps, currentUser(c.get('user')).id, {
        staffId: body.staff,
        shiftId: body.shiftId,
        date: body.date,
        kind: body.kind,
        at: body.at,
        reason: body.reason,
        supersedes: body.supersedes,
      });
      return c.json(toAttendanceJson(punch, await zoneNow()), 201);
    })
    .post('/:id/void', requireManager, pathParams(idParam('punch')), jsonBody(z.object({ reason: reasonText })), async (c) => {
      const punch = await voidPunch(deps, { kind: 'user', id: currentUser(c.get('user')).id }, c.req.valid('param').id, c.req.valid('json').reason);
      return c.json({ ...toAttendanceJson(punch, await zoneNow()), voided: true });
    });
}
