/** `GET /api/timesheets.csv?from=&to=`: the timesheet for a date range, for managers. */
import { stringify } from 'csv-stringify/sync';
import { and, gte, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { attendance, staff } from '../../storage/schema.js';
import { requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { queryParams } from '../http/validate.js';
import { assertDateRange, localDateSchema, maxRosterDays } from '../roster/roster-params.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { buildTimesheet } from './timesheet-rows.js';

const columns = [
  { key: 'staffId', header: 'staff_id' },
  { key: 'staff', header: 'staff' },
  { key: 'date', header: 'date' },
  { key: 'scheduledStart', header: 'scheduled_start' },
  { key: 'scheduledEnd', header: 'scheduled_end' },
  { key: 'checkIn', header: 'check_in' },
  { key: 'checkOut', header: 'check_out' },
  { key: 'status', header: 'status' },
  { key: 'hours', header: 'hours' },
];

export function createTimesheetRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>().get(
    '/timesheets.csv',
    requireManager,
    queryParams(z.object({ from: localDateSchema, to: localDateSchema })),
    async (c) => {
      const { from, to } = c.req.valid('query');
      assertDateRange(from, to, `Export at most ${maxRosterDays} days at a time.`);
      const settings = await getSettings(db, deps.config.orgTimezone);
      const occurrences = await loadEffectiveOccurrences(db, { from, to, zone: settings.timezone });
      const records = await db.select().from(attendance).where(and(gte(attendance.occurrenceDate, from), lte(attendance.occurrenceDate, to)));
      const names = new Map((await db.select({ id: staff.id, name: staff.name }).from(staff)).map((row) => [row.id, row.name]));
      const rows = buildTimesheet({ occurrences, records, names, zone: settings.timezone, windowMinutes: settings.windowMinutes, now: deps.clock.now() });
      const csv = stringify(rows, { header: true, columns });
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="timesheet-${from}-to-${to}.csv"`,
      });
    },
  );
}
