/**
 * Timesheets, payroll, the exceptions queue, approval and absences.
 * Managers see everyone; a staff member may read their own timesheet.
 */
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { currentUser, requireManager, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { forbidden } from '../http/errors.js';
import { entityId, hasControlCharacters, idParam, jsonBody, pathParams, queryParams, singleLineText } from '../http/validate.js';
import { assertDateRange, localDateSchema, maxRosterDays } from '../roster/roster-params.js';
import { localDateOf } from '../clock.js';
import { getSettings } from '../settings/settings.queries.js';
import { listKiosks } from '../kiosk/kiosks.queries.js';
import { listReferencePhotos, listUnreviewedFlags } from '../faces/faces.queries.js';
import { listExceptions } from './exceptions.js';
import { payPeriodOf } from './pay-periods.js';
import { acceptException, approvePeriod, exceptionTypes, recordAbsence, removeAbsence, reopenPeriod } from './timesheet-changes.service.js';
import { csvHeader, ledgerLine, payrollColumns, personTotals, timesheetColumns, timesheetJson, type ExportFormat } from './timesheet-export.js';
import { renderBatches } from './timesheet-render.js';
import { loadTimesheet, readTimesheet, type TimesheetRange } from './timesheet.service.js';
import { listExceptionReviews } from './timesheet.queries.js';
import { photoUrl } from '../../storage/photo-store.js';

export const reasonText = singleLineText(500);

const rangeSchema = z.object({ from: localDateSchema, to: localDateSchema });
const staffList = z
  .array(entityId('staff'), { error: 'must be a list of staff ids' })
  .min(1, 'must name at least one person, or leave it out for everyone')
  .max(5000, 'must name at most 5000 people')
  .optional();

function checkedRange<T extends { from: string; to: string }>(range: T): T {
  assertDateRange(range.from, range.to, `Choose at most ${maxRosterDays} days at a time.`);
  return range;
}

/**
 * A CSV written batch by batch: the header, each batch's rows, then the
 * ledger's head. The range is read (and validated) before the first byte.
 */
async function csvReply(c: Context<AppEnv>, deps: AppDeps, range: TimesheetRange, filename: string, columns: readonly string[], format: ExportFormat) {
  const { batches, ...timesheet } = await readTimesheet(deps, { ...range, withPhotos: false });
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return stream(c, async (out) => {
    await out.write(csvHeader(columns));
    for await (const rows of renderBatches(format, batches, timesheet)) await out.write(rows);
    await out.write(ledgerLine(timesheet.ledgerHead));
  });
}

export function createTimesheetRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/timesheets', requireUser, queryParams(rangeSchema.extend({ staff: entityId('staff').optional() })), async (c) => {
      const user = currentUser(c.get('user'));
      const query = checkedRange(c.req.valid('query'));
      let staffIds = query.staff === undefined ? undefined : [query.staff];
      if (user.role !== 'manager') {
        if (query.staff !== undefined && query.staff !== user.staffId) throw forbidden('You can only see your own hours.');
        if (user.staffId === null) return c.json([]);
        staffIds = [user.staffId];
      }
      const { batches, ...timesheet } = await readTimesheet(deps, { from: query.from, to: query.to, staffIds });
      if (timesheet.ledgerHead) c.header('X-Ledger-Head', timesheet.ledgerHead.hash);
      c.header('Content-Type', 'application/json; charset=utf-8');
      // One JSON array, written a batch of people at a time.
      return stream(c, async (out) => {
        let first = true;
        await out.write('[');
        for await (const items of renderBatches('json', batches, timesheet)) {
          if (items.length === 0) continue;
          if (!first) await out.write(',');
          await out.write(items);
          first = false;
        }
        await out.write(']');
      });
    })
    // Everyone's current pay period, so staff see their hours for it (the settings themselves are for managers).
    .get('/timesheets/period', requireUser, queryParams(z.object({ date: localDateSchema.optional() })), async (c) => {
      const settings = await getSettings(deps.db, deps.config.orgTimezone);
      const date = c.req.valid('query').date ?? localDateOf(deps.clock.now(), settings.timezone);
      return c.json({ ...payPeriodOf(date, settings), payPeriod: settings.payPeriod });
    })
    .get('/timesheets/totals', requireManager, queryParams(rangeSchema), async (c) => {
      const loaded = await loadTimesheet(deps, checkedRange(c.req.valid('query')));
      const name = (id: number) => loaded.staffNames.get(id) ?? `Staff ${id}`;
      return c.json(personTotals(loaded.entries).map((t) => ({ ...t, staffName: name(t.staffId), paidMinutes: t.regularMinutes + t.overtimeMinutes })));
    })
    .get('/timesheets.csv', requireManager, queryParams(rangeSchema), async (c) => {
      const range = checkedRange(c.req.valid('query'));
      return csvReply(c, deps, range, `timesheet-${range.from}-to-${range.to}.csv`, timesheetColumns, 'timesheet-csv');
    })
    .get('/payroll.csv', requireManager, queryParams(rangeSchema), async (c) => {
      const range = checkedRange(c.req.valid('query'));
      return csvReply(c, deps, range, `payroll-${range.from}-to-${range.to}.csv`, payrollColumns, 'payroll-csv');
    })
    .post('/timesheets/approve', requireManager, jsonBody(rangeSchema.extend({ staff: staffList })), async (c) => {
      const body = checkedRange(c.req.valid('json'));
      const approved = await approvePeriod(deps, currentUser(c.get('user')).id, { from: body.from, to: body.to, staffIds: body.staff });
      return c.json({ from: body.from, to: body.to, approved: approved.map((a) => a.staffId) }, 201);
    })
    .post('/timesheets/reopen', requireManager, jsonBody(rangeSchema.extend({ staff: staffList, reason: reasonText })), async (c) => {
      const body = checkedRange(c.req.valid('json'));
      const reopened = await reopenPeriod(deps, currentUser(c.get('user')).id, { from: body.from, to: body.to, staffIds: body.staff, reason: body.reason });
      return c.json({ from: body.from, to: body.to, reopened: reopened.map((a) => ({ staff: a.staffId, from: a.fromDate, to: a.toDate })) });
    })
    .get('/exceptions', requireManager, queryParams(rangeSchema), async (c) => {
      const range = checkedRange(c.req.valid('query'));
      const loaded = await loadTimesheet(deps, range);
      const reviews = await listExceptionReviews(deps.db, range);
      const accepted = new Set(reviews.map((r) => `${r.shiftId}@${r.occurrenceDate}:${r.type}`));
      const json = new Map(timesheetJson(loaded, loaded.settings.timezone).map((entryJson, i) => [loaded.entries[i]!, entryJson]));
      const hasKiosk = (await listKiosks(deps.db)).some((kiosk) => kiosk.revokedAt === null);
      const flags = new Map((await listUnreviewedFlags(deps.db, range)).map((flag) => [flag.attendanceId, flag]));
      const faceFlags = new Map([...flags].map(([id, flag]) => [id, flag.verdict as 'mismatch' | 'no_face']));
      const found = listExceptions(loaded.entries, accepted, { hasKiosk }, faceFlags);
      const references = await listReferencePhotos(deps.db, [...new Set(found.filter((f) => f.attendanceId).map((f) => f.entry.staffId))]);
      const faceOf = (attendanceId: number, staffId: number) => {
        const flag = flags.get(attendanceId)!;
        const reference = references.get(staffId);
        return { attendanceId, verdict: flag.verdict, distance: flag.distance, review: flag.review, referencePhotoUrl: reference ? photoUrl(reference) : null };
      };
      return c.json(found.map(({ type, entry, attendanceId }) => ({ type, ...json.get(entry)!, ...(attendanceId && { face: faceOf(attendanceId, entry.staffId) }) })));
    })
    .post(
      '/exceptions/accept',
      requireManager,
      jsonBody(z.object({ shiftId: entityId('shift'), date: localDateSchema, type: z.enum(exceptionTypes, { error: `must be one of ${exceptionTypes.join(', ')}` }), note: reasonText })),
      async (c) => {
        const body = c.req.valid('json');
        const review = await acceptException(deps, currentUser(c.get('user')).id, body);
        return c.json({ id: review.id, shiftId: review.shiftId, date: review.occurrenceDate, type: review.type, note: review.note }, 201);
      },
    )
    .post(
      '/absences',
      requireManager,
      jsonBody(
        z.object({
          staff: entityId('staff'),
          shiftId: entityId('shift'),
          date: localDateSchema,
          type: z.enum(['sick', 'leave', 'other'], { error: 'must be one of sick, leave, other' }),
          note: z
            .string({ error: 'must be text' })
            .trim()
            .max(500, 'must be at most 500 characters')
            .refine((text) => !hasControlCharacters(text), { message: 'must not contain control characters (such as NUL, tabs or line breaks)' })
            .default(''),
        }),
      ),
      async (c) => {
        const body = c.req.valid('json');
        const row = await recordAbsence(deps, currentUser(c.get('user')).id, { staffId: body.staff, shiftId: body.shiftId, date: body.date, type: body.type, note: body.note });
        return c.json({ id: row.id, staff: row.staffId, shiftId: row.shiftId, date: row.occurrenceDate, type: row.type, note: row.note }, 201);
      },
    )
    .delete('/absences/:id', requireManager, pathParams(idParam('absence')), jsonBody(z.object({ reason: reasonText })), async (c) => {
      await removeAbsence(deps, currentUser(c.get('user')).id, c.req.valid('param').id, c.req.valid('json').reason);
      return c.body(null, 204);
    });
}
