/** `/api/roster/`: the dated, effective roster; and a manager's one-date changes to it. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { forbidden } from '../http/errors.js';
import { entityId, jsonBody, queryParams } from '../http/validate.js';
import { localDateOf } from '../clock.js';
import { getSettings } from '../settings/settings.queries.js';
import { addDays } from './occurrences.js';
import type { EffectiveOccurrence } from './effective-schedule.js';
import { createInstantFormatter } from './instant-format.js';
import { windowBounds } from './windows.js';
import { assertDateRange, localDateSchema, maxRosterDays } from './roster-params.js';
import { loadEffectiveOccurrences } from './roster.queries.js';
import { changeOccurrence } from './roster.service.js';

const rangeSchema = z.object({ from: localDateSchema.optional(), to: localDateSchema.optional(), staff: entityId('staff').optional() });

const changeSchema = z
  .object({
    shiftId: entityId('shift'),
    date: localDateSchema,
    assignee: entityId('staff').nullable().optional(),
    cancelled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((body) => !(body.cancelled === true && typeof body.assignee === 'number'), {
    message: 'Either give the shift to someone ("assignee") or cancel it ("cancelled": true), not both.',
  })
  .refine((body) => body.assignee !== undefined || body.cancelled !== undefined, {
    message: 'Send "assignee" (a staff id, or null to restore the usual person) or "cancelled": true.',
  });

export function toRosterJson(occurrences: readonly EffectiveOccurrence[], zone: string, windowMinutes: number) {
  const iso = createInstantFormatter(zone);
  return occurrences.map((occurrence) => {
    const start = occurrence.start.toMillis();
    const end = occurrence.end.toMillis();
    const { checkIn, checkOut } = windowBounds(start, end, windowMinutes);
    return {
      date: occurrence.date,
      staff: occurrence.staffId,
      shiftId: occurrence.shiftId,
      start: iso(start),
      end: iso(end),
      checkIn: { opensAt: iso(checkIn.opensAt), closesAt: iso(checkIn.closesAt) },
      checkOut: { opensAt: iso(checkOut.opensAt), closesAt: iso(checkOut.closesAt) },
      swap: occurrence.swapId,
      reassigned: occurrence.reassigned,
    };
  });
}

export function createRosterRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', queryParams(rangeSchema), async (c) => {
      const user = currentUser(c.get('user'));
      const query = c.req.valid('query');
      const settings = await getSettings(db, deps.config.orgTimezone);
      const today = localDateOf(deps.clock.now(), settings.timezone);
      const from = query.from ?? today;
      const to = query.to ?? addDays(from, 6);
      assertDateRange(from, to, `Ask for at most ${maxRosterDays} days at a time.`);
      let staffIds: number[] | undefined;
      if (user.role === 'manager') staffIds = query.staff === undefined ? undefined : [query.staff];
      else {
        if (query.staff !== undefined && query.staff !== user.staffId) throw forbidden('You can only see your own shifts.');
        staffIds = user.staffId === null ? [] : [user.staffId];
      }
      const occurrences = await loadEffectiveOccurrences(db, { from, to, zone: settings.timezone, staffIds });
      return c.json(toRosterJson(occurrences, settings.timezone, settings.windowMinutes));
    })
    .patch('/occurrence', requireManager, jsonBody(changeSchema), async (c) => {
      const body = c.req.valid('json');
      const key = { shiftId: body.shiftId, date: body.date };
      const user = currentUser(c.get('user'));
      if (body.cancelled === true) await changeOccurrence(deps, user, { ...key, cancelled: true });
      else if (typeof body.assignee === 'number') await changeOccurrence(deps, user, { ...key, assignee: body.assignee });
      else await changeOccurrence(deps, user, { ...key, restore: true });
      const settings = await getSettings(db, deps.config.orgTimezone);
      const day = await loadEffectiveOccurrences(db, { from: body.date, to: body.date, zone: settings.timezone });
      const changed = day.filter((o) => o.shiftId === body.shiftId);
      return c.json({ shiftId: body.shiftId, date: body.date, cancelled: changed.length === 0, occurrence: toRosterJson(changed, settings.timezone, settings.windowMinutes)[0] ?? null });
    });
}
