/** `/api/swaps/`: staff propose and answer swaps; managers see all and approve or reject. */
import { Hono } from 'hono';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Database } from '../../storage/database.js';
import type { SwapRow } from '../../storage/schema.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { entityId, idParam, jsonBody, pathParams, queryParams } from '../http/validate.js';
import { forbidden } from '../http/errors.js';
import { occurrenceOf } from '../roster/occurrences.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { listShiftVersions, versionOn } from '../roster/shifts.queries.js';
import { listStaffNames } from '../staff/staff.queries.js';
import { localDateSchema } from '../roster/roster-params.js';
import { getSettings } from '../settings/settings.queries.js';
import type { SwapAction } from './swap-transitions.js';
import { listSwaps, swapStatuses } from './swaps.queries.js';
import { actOnSwap, findVisibleSwap, proposeSwap } from './swaps.service.js';

const occurrenceRefSchema = z.object(
  { shiftId: entityId('shift'), date: localDateSchema },
  { error: 'must be {"shiftId": <shift id>, "date": "YYYY-MM-DD"}' },
);

const proposalSchema = z.object({
  shift: occurrenceRefSchema,
  withStaff: entityId('staff'),
  inReturn: occurrenceRefSchema.nullable().default(null),
  note: z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').optional(),
});

/** Swaps as JSON, with names and the occurrences' instants, loaded in two queries for the whole list. */
async function toSwapsJson(db: Database, zone: string, rows: SwapRow[]) {
  const shiftIds = [...new Set(rows.flatMap((row) => [row.shiftId, row.returnShiftId ?? row.shiftId]))];
  const staffIds = [...new Set(rows.flatMap((row) => [row.proposerStaffId, row.counterpartStaffId]))];
  const versions = await listShiftVersions(db, shiftIds);
  const names = await listStaffNames(db, staffIds);
  const nameOf = (id: number) => names.get(id) ?? null;
  const occurrence = (shiftId: number, date: string) => {
    // The version that ran that day; a date no version covers any more still shows, with the nearest times known.
    const shift = versionOn(versions, shiftId, date) ?? versions.find((v) => v.id === shiftId)!;
    const dated = occurrenceOf(shift, date, zone);
    return { shiftId, date, start: dated.start.toISO(), end: dated.end.toISO(), staff: shift.staffId };
  };
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    proposer: row.proposerStaffId,
    proposerName: nameOf(row.proposerStaffId),
    counterpart: row.counterpartStaffId,
    counterpartName: nameOf(row.counterpartStaffId),
    shift: occurrence(row.shiftId, row.shiftDate),
    inReturn: row.returnShiftId !== null && row.returnShiftDate !== null ? occurrence(row.returnShiftId, row.returnShiftDate) : null,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export function createSwapRoutes(deps: AppDeps) {
  const { db } = deps;
  const zone = async () => (await getSettings(db, deps.config.orgTimezone)).timezone;
  const one = async (row: SwapRow) => (await toSwapsJson(db, await zone(), [row]))[0];

  const routes = new Hono<AppEnv>()
    .use(requireUser)
    .get('/', queryParams(z.object({ status: z.enum(swapStatuses, { error: `must be one of ${swapStatuses.join(', ')}` }).optional() })), async (c) => {
      const user = currentUser(c.get('user'));
      const { status } = c.req.valid('query');
      if (user.role !== 'manager' && user.staffId === null) return c.json([]);
      const rows = await listSwaps(db, { staffId: user.role === 'manager' ? undefined : user.staffId!, status });
      return c.json(await toSwapsJson(db, await zone(), rows));
    })
    .get('/candidates', queryParams(z.object({ withStaff: entityId('staff') })), async (c) => {
      // A colleague's coming shifts, to choose one to take in return.
      const user = currentUser(c.get('user'));
      const { withStaff } = c.req.valid('query');
      if (user.staffId === null) throw forbidden('Only staff members can propose swaps.');
      const settings = await getSettings(db, deps.config.orgTimezone);
      const now = DateTime.fromJSDate(deps.clock.now()).setZone(settings.timezone);
      const occurrences = await loadEffectiveOccurrences(db, {
        from: now.toISODate()!,
        to: now.plus({ days: 27 }).toISODate()!,
        zone: settings.timezone,
        staffIds: [withStaff],
      });
      return c.json(
        occurrences
          .filter((o) => o.start.toMillis() > now.toMillis())
          .map((o) => ({ shiftId: o.shiftId, date: o.date, start: o.start.toISO(), end: o.end.toISO(), staff: o.staffId })),
      );
    })
    .post('/', jsonBody(proposalSchema), async (c) => {
      const swap = await proposeSwap(deps, currentUser(c.get('user')), c.req.valid('json'));
      return c.json(await one(swap), 201);
    })
    .get('/:id', pathParams(idParam('swap')), async (c) => {
      const swap = await findVisibleSwap(db, currentUser(c.get('user')), c.req.valid('param').id);
      return c.json(await one(swap));
    });

  for (const action of ['accept', 'decline', 'cancel', 'approve', 'reject'] satisfies SwapAction[]) {
    routes.post(`/:id/${action}`, pathParams(idParam('swap')), async (c) => {
      const swap = await actOnSwap(deps, currentUser(c.get('user')), c.req.valid('param').id, action);
      return c.json(await one(swap));
    });
  }
  return routes;
}
