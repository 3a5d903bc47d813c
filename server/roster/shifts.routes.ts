/** `/api/shifts/`: the weekly template. Managers edit it; staff read their own. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv, AuthUser } from '../http/app-env.js';
import { forbidden, notFound } from '../http/errors.js';
import { entityId, idParam, jsonBody, pathParams, queryParams } from '../http/validate.js';
import { findTemplateShift, listTemplateShifts, toShiftJson } from './shifts.queries.js';
import { addTemplateShift, editTemplateShift, endTemplateShift } from './shifts.service.js';
import { localDateSchema, timeSchema } from './roster-params.js';
import { orgToday } from '../settings/settings.queries.js';
import { parseWeekday } from './weekdays.js';

const daySchema = z.string({ error: 'must be a weekday name such as "Monday"' }).transform((value, ctx) => {
  const day = parseWeekday(value);
  if (day === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a weekday (use Monday … Sunday)` });
    return z.NEVER;
  }
  return day;
});

const createShiftSchema = z.object({
  staff: entityId('staff'),
  day_of_week: daySchema,
  shift_start: timeSchema,
  shift_end: timeSchema,
  effective_from: localDateSchema.optional(),
});

const editShiftSchema = z
  .object({ day_of_week: daySchema.optional(), shift_start: timeSchema.optional(), shift_end: timeSchema.optional(), effective_from: localDateSchema.optional() })
  .refine((body) => [body.day_of_week, body.shift_start, body.shift_end].some((value) => value !== undefined), {
    message: 'Send at least one of day_of_week, shift_start, shift_end.',
  });

/** `DELETE` may say from when the shift no longer runs; a body is optional. */
const endShiftSchema = z.object({ effective_from: localDateSchema.optional() });

function ensureMayRead(user: AuthUser, staffId: number) {
  if (user.role !== 'manager' && user.staffId !== staffId) throw forbidden('You can only see your own shifts.');
}

export function createShiftRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const missing = (id: number) => notFound(`There is no shift with id ${id}.`);
  const changeContext = (effectiveFrom: string | undefined) => ({ defaultTimezone: deps.config.orgTimezone, now: clock.now(), effectiveFrom });
  const today = () => orgToday(db, deps.config.orgTimezone, clock.now());

  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', queryParams(z.object({ staff: entityId('staff').optional() })), async (c) => {
      const user = currentUser(c.get('user'));
      const { staff } = c.req.valid('query');
      if (user.role !== 'manager') {
        if (staff !== undefined) ensureMayRead(user, staff);
        if (user.staffId === null) return c.json([]);
        return c.json((await listTemplateShifts(db, { on: await today(), staffId: user.staffId })).map(toShiftJson));
      }
      return c.json((await listTemplateShifts(db, { on: await today(), staffId: staff })).map(toShiftJson));
    })
    .post('/', requireManager, jsonBody(createShiftSchema), async (c) => {
      const body = c.req.valid('json');
      const shift = await addTemplateShift(db, currentUser(c.get('user')).id, body.staff, {
        dayOfWeek: body.day_of_week,
        startTime: body.shift_start,
        endTime: body.shift_end,
      }, changeContext(body.effective_from));
      return c.json(toShiftJson(shift), 201);
    })
    .get('/:id', pathParams(idParam('shift')), async (c) => {
      const { id } = c.req.valid('param');
      const shift = await findTemplateShift(db, id, await today());
      if (!shift) throw missing(id);
      ensureMayRead(currentUser(c.get('user')), shift.staffId);
      return c.json(toShiftJson(shift));
    })
    .patch('/:id', requireManager, pathParams(idParam('shift')), jsonBody(editShiftSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const shift = await editTemplateShift(db, currentUser(c.get('user')).id, id, {
        ...(body.day_of_week !== undefined && { dayOfWeek: body.day_of_week }),
        ...(body.shift_start !== undefined && { startTime: body.shift_start }),
        ...(body.shift_end !== undefined && { endTime: body.shift_end }),
      }, changeContext(body.effective_from));
      return c.json(toShiftJson(shift));
    })
    .delete('/:id', requireManager, pathParams(idParam('shift')), queryParams(endShiftSchema), jsonBody(endShiftSchema, { optional: true }), async (c) => {
      const { id } = c.req.valid('param');
      const effectiveFrom = c.req.valid('json').effective_from ?? c.req.valid('query').effective_from;
      await endTemplateShift(db, currentUser(c.get('user')).id, id, changeContext(effectiveFrom));
      return c.body(null, 204);
    });
}
