/** `/api/staff/`: managers add, list and edit staff profiles, and give one a new PIN. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import { generatePassword, passwordSchema, usernameSchema } from '../auth/credentials.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { notFound } from '../http/errors.js';
import { entityId, idParam, jsonBody, pathParams, queryParams, singleLineText } from '../http/validate.js';
import { parseWeeklyOffs } from '../roster/weekdays.js';
import { pinSchema } from './pin.js';
import { localDateSchema } from '../roster/roster-params.js';
import { orgToday } from '../settings/settings.queries.js';
import { findStaffProfile, listStaffProfiles } from './staff.queries.js';
import { createStaffProfile, createStaffWithAccount, editStaffProfile, regenerateStaffPin, type NewPin } from './staff.service.js';

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

/** What the server may make up for a new profile instead of the manager: its account's password, its PIN. */
const generateSchema = z
  .array(z.enum(['password', 'pin'], { error: 'may list only "password" and "pin"' }), { error: 'must be a list such as ["password", "pin"]' })
  .optional();

/**
 * The original body names an existing user; the admin app may instead send
 * `username` and `password` to create the account and profile together.
 * `generate` asks for a password and/or PIN made here and returned once.
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
    generate: generateSchema,
  })
  .superRefine((body, ctx) => {
    const generate = new Set(body.generate);
    const refuse = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (body.pin !== undefined && generate.has('pin')) refuse('pin', 'cannot be both sent and generated: send one, or ask for a generated one');
    if (body.password !== undefined && generate.has('password')) refuse('password', 'cannot be both sent and generated: send one, or ask for a generated one');
    if (body.user !== undefined && generate.has('password')) refuse('generate', 'may include "password" only for a new account (sent with "username", not "user")');
    const password = body.password !== undefined || generate.has('password');
    if (body.user === undefined && (body.username === undefined || !password)) {
      refuse('user', 'Send "user" (an existing user id), or "username" and "password" (or "generate": ["password"]) for a new account.');
    }
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
      // An answer with a generated PIN or password is kept by no cache.
      if (body.generate?.length) c.header('Cache-Control', 'no-store');
      const pin: NewPin = body.generate?.includes('pin') ? 'generate' : body.pin === undefined ? undefined : { chosen: body.pin };
      const details = { weeklyOffs: body.weekly_off_days, name: body.name, pin, startedOn };
      if (body.user !== undefined) {
        const created = await createStaffProfile(db, secrets.pinPepper, by, { user: body.user, ...details });
        return c.json({ ...created.profile, ...(created.pin && { pin: created.pin }) }, 201);
      }
      // Shown to the manager once, in this answer, to give to the person; only its hash is kept.
      const temporaryPassword = body.generate?.includes('password') ? generatePassword() : undefined;
      const created = await createStaffWithAccount(db, secrets.pinPepper, by, { username: body.username!, password: body.password ?? temporaryPassword!, ...details });
      return c.json({ ...created.profile, ...(created.pin && { pin: created.pin }), ...(temporaryPassword && { temporary_password: temporaryPassword }) }, 201);
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
    })
    .post('/:id/pin', pathParams(idParam('staff')), async (c) => {
      // A new random PIN, shown once; the old one stops working now. To choose one instead, PATCH `pin`.
      const { id } = c.req.valid('param');
      const pin = await regenerateStaffPin(db, secrets.pinPepper, { managerId: currentUser(c.get('user')).id, now: deps.clock.now() }, id);
      c.header('Cache-Control', 'no-store');
      return c.json({ pin });
    });
}
