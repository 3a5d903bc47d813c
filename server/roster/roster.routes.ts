/** `/api/roster/`: the dated, effective roster; and a manager's one-date changes to it. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { forbidden } from '../http/errors.js';
import { entityId, idParam, jsonBody, pathParams, queryParams } from '../http/validate.js';
import { localDateOf } from '../clock.js';
import { getSettings } from '../settings/settings.queries.js';
import { addDays } from './occurrences.js';
import type { EffectiveOccurrence } from './effective-schedule.js';
import { createRosterJsonWriter, toRosterJson } from './roster-json.js';
import { assertDateRange, localDateSchema, maxRosterDays, timeSchema } from './roster-params.js';
import { loadEffectiveOccurrences } from './roster.queries.js';
import { changeOccurrence, type OccurrenceChange } from './roster.service.js';
import { addOneOffShift, removeOneOffShift } from './one-off.service.js';
import { listOneOffNotes } from './shifts.queries.js';

const rangeSchema = z.object({ from: localDateSchema.optional(), to: localDateSchema.optional(), staff: entityId('staff').optional() });

const changeSchema = z
  .object({
    shiftId: entityId('shift'),
    date: localDateSchema,
    assignee: entityId('staff').nullable().optional(),
    cancelled: z.boolean({ error: 'must be true or false' }).optional(),
    start: timeSchema.nullable().optional(),
    end: timeSchema.nullable().optional(),
  })
  .refine((body) => !(body.cancelled === true && (typeof body.assignee === 'number' || typeof body.start === 'string')), {
    message: 'Either change the shift ("assignee", "start" and "end") or cancel it ("cancelled": true), not both.',
  })
  .refine((body) => (body.start === undefined) === (body.end === undefined) && (body.start === null) === (body.end === null), {
    message: 'Send "start" and "end" together: both times for that date, or both null to go back to the usual times.',
    path: ['end'],
  })
  .refine((body) => body.assignee !== undefined || body.cancelled !== undefined || body.start !== undefined, {
    message: 'Send "assignee" (a staff id, or null to restore the usual person), "start" and "end" (times for that date), or "cancelled": true.',
  });

const oneOffSchema = z.object({
  staff: entityId('staff'),
  date: localDateSchema,
  start: timeSchema,
  end: timeSchema,
  note: z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').optional(),
});

/** The change a PATCH body asks for; `"cancelled": false` alone restores the template, as before times could change. */
function occurrenceChange(body: z.infer<typeof changeSchema>): OccurrenceChange {
  const key = { shiftId: body.shiftId, date: body.date };
  if (body.cancelled === true) return { ...key, cancelled: true };
  if (body.assignee === undefined && body.start === undefined) return { ...key, assignee: null, times: null };
  const times = body.start === undefined ? undefined : body.start === null || body.end == null ? null : { startTime: body.start, endTime: body.end };
  return { ...key, assignee: body.assignee, times };
}

/** Occurrences per piece of a long roster's reply (about 0.8 MB of JSON). */
const piece = 2000;

/**
 * The roster as one JSON array; a long one (a month for everyone is ~10 MB)
 * written a piece at a time, so that compressing and sending one piece
 * overlaps with writing the next instead of all waiting for the whole text.
 */
function rosterReply(c: Context<AppEnv>, occurrences: readonly EffectiveOccurrence[], zone: string, windowMinutes: number, oneOffs: ReadonlyMap<number, string | null>) {
  const write = createRosterJsonWriter(zone, windowMinutes, oneOffs);
  c.header('Content-Type', 'application/json');
  if (occurrences.length <= piece) return c.body(`[${write(occurrences)}]`);
  return stream(c, async (out) => {
    for (let start = 0; start < occurrences.length; start += piece) {
      await out.write((start === 0 ? '[' : ',') + write(occurrences.slice(start, start + piece)));
      // Lets the compressor and the socket take the piece while the next is written.
      await nextTurn();
    }
    await out.write(']');
  });
}

export function createRosterRoutes(deps: AppDeps) {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
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
      const [occurrences, notes] = await Promise.all([loadEffectiveOccurrences(db, { from, to, zone: settings.timezone, staffIds }), listOneOffNotes(db, from, to)]);
      return rosterReply(c, occurrences, settings.timezone, settings.windowMinutes, notes);
    })
    .patch('/occurrence', requireManager, jsonBody(changeSchema), async (c) => {
      const body = c.req.valid('json');
      await changeOccurrence(deps, currentUser(c.get('user')), occurrenceChange(body));
      const occurrence = await rosterEntry(body.shiftId, body.date);
      return c.json({ shiftId: body.shiftId, date: body.date, cancelled: occurrence === null, occurrence });
    })
    .post('/one-off', requireManager, jsonBody(oneOffSchema), async (c) => {
      const body = c.req.valid('json');
      const note = body.note ? body.note : null;
      const id = await addOneOffShift(deps, currentUser(c.get('user')), { staffId: body.staff, date: body.date, startTime: body.start, endTime: body.end, note });
      return c.json({ id, occurrence: await rosterEntry(id, body.date) }, 201);
    })
    .delete('/one-off/:id', requireManager, pathParams(idParam('one-date shift')), async (c) => {
      await removeOneOffShift(deps, currentUser(c.get('user')), c.req.valid('param').id);
      return c.body(null, 204);
    });
  return routes;

  /** The roster's entry for one occurrence as it is now; null when it does not run (cancelled). */
  async function rosterEntry(shiftId: number, date: string) {
    const settings = await getSettings(db, deps.config.orgTimezone);
    const day = await loadEffectiveOccurrences(db, { from: date, to: date, zone: settings.timezone });
    const entries = toRosterJson(day.filter((o) => o.shiftId === shiftId), settings.timezone, settings.windowMinutes, await listOneOffNotes(db, date, date));
    return entries[0] ?? null;
  }
}
