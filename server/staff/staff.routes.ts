/** `/api/staff/`: managers add, list and edit staff profiles. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import { passwordSchema, usernameSchema } from '../auth/credentials.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { notFound } from '../http/errors.js';
import { entityId, idParam, jsonBody, pathParams, queryParams, singleLineText } from '../http/validate.js';
import { parseWeeklyOffs } from '../roster/weekdays.js';
import { pinSchema } from './pin.js';
import { localDateSchema } from '../roster/roster-params.js';
import { orgToday } from '../settings/settings.queries.js';
import { findStaffProfile, listStaffProfiles } from './staff.queries.js';
import { createStaffProfile, createStaffWithAccount, editStaffProfile } from './staff.service.js';

const weeklyOffsSchema = z
  .union([z.string(), z.array(z.string())], { error: 'must be weekday names such as "Saturday,Sunday"' })
  .transform((value, ctx) => {
    const parsed = parseWeeklyOffs(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.days;
  });

const nameSchema = singleLineText(100);

/**
 * The original body names an existing user; the admin app may instead send
 * `username` and `password` to create the account and profile together.
 */
const createStaffSchema = z
  .object({
    user: entityId('user').optional(),
    username: usernameSchema.optional(),
    password: passwordSchema.optional(),
    weekly_off_days: weeklyOffsSchema,
    name: nameSchema.optional(),
    pin: pinSchema.optional(),
    started_on: localDateSchema.optional(),
  })
  .refine((body) => body.user !== undefined || (body.username !== undefined && body.password !== undefined), {
    message: 'Send "user" (an existing user id), or "username" and "password" for a new account.',
    path: ['user'],
  });

const editStaffSchema = z
  .object({
    weekly_off_days: weeklyOffsSchema.optional(),
    name: nameSchema.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
    pin: pinSchema.optional(),
    started_on: localDateSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send at least one of weekly_off_days, name, active, pin, started_on.',
  });

export function createStaffRoutes(deps: AppDeps) {
  const { db, secrets } = deps;
  return new Hono<AppEnv>()
    .get('/directory', requireUser, async (c) => {
      // Colleagues' names, so staff can choose whom to ask for a swap.
      const people = await listStaffProfiles(db, { active: true });
      return c.json(people.map((person) => ({ id: person.id, name: person.name })));
    })
    .use(requireManager)
    .get('/', queryParams(z.object({ active: z.enum(['true', 'false']).optional() })), async (c) => {
      const { active } = c.req.valid('query');
      return c.json(await listStaffProfiles(db, { active: active === undefined ? undefined : active === 'true' }));
    })
    .post('/', jsonBody(createStaffSchema), async (c) => {
      const body = c.req.valid('json');
      const by = { managerId: currentUser(c.get('user')).id, now: deps.clock.now() };
      const startedOn = body.started_on ?? (await orgToday(db, deps.config.orgTimezone, by.now));
      const profile =
        body.user !== undefined
          ? await createStaffProfile(db, secrets.pinPepper, by, { user: body.user, weeklyOffs: body.weekly_off_days, name: body.name, pin: body.pin, startedOn })
          : await createStaffWithAccount(db, secrets.pinPepper, by, {
              username: body.username!,
              password: body.password!,
              weeklyOffs: body.weekly_off_days,
              name: body.name,
              pin: body.pin,
              startedOn,
            });
      return c.json(profile, 201);
    })
    .get('/:id', pathParams(idParam('staff')), async (c) => {
      const { id } = c.req.valid('param');
      const profile = await findStaffProfile(db, id);
      if (!profile) throw notFound(`There is no staff member with id ${id}.`);
      return c.json(profile);
    })
    .patch('/:id', pathParams(idParam('staff')), jsonBody(editStaffSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const now = deps.clock.now();
      const { profile, endedSessions } = await editStaffProfile(db, secrets.pinPepper, { managerId: currentUser(c.get('user')).id, now }, id, {
        weeklyOffs: body.weekly_off_days,
        name: body.name,
        active: body.active,
        pin: body.pin,
        startedOn: body.started_on,
      }, { defaultTimezone: deps.config.orgTimezone, now, today: await orgToday(db, deps.config.orgTimezone, now) });
      deps.events.emit('sessionsEnded', { sessionIds: endedSessions });
      return c.json(profile);
    });
}
