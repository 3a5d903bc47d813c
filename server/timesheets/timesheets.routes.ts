/** `GET /api/timesheets.csv?from=&to=`: the timesheet for a date range, for managers. */
import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { listTimesheetRecords } from '../attendance/attendance.queries.js';
import { requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { queryParams } from '../http/validate.js';
import { assertDateRange, localDateSchema, maxRosterDays } from '../roster/roster-params.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { listStaffNames } from '../staff/staff.queries.js';
import { escapeFormula } from './csv-cells.js';
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

/** Hours are numbers written as text ("8.00"); every other text cell may hold what someone typed, such as a name. */
const numberColumns = new Set(['hours']);
const csvCell = (value: string, { column }: { column?: number | string }) => (numberColumns.has(String(column)) ? value : escapeFormula(value));

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
      const records = await listTimesheetRecords(db, from, to);
      const names = await listStaffNames(db, [...new Set([...occurrences.map((o) => o.staffId), ...records.map((r) => r.staffId)])]);
      const rows = buildTimesheet({ occurrences, records, names, zone: settings.timezone, windowMinutes: settings.windowMinutes, now: deps.clock.now() });
      const csv = stringify(rows, { header: true, columns, cast: { string: csvCell } });
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="timesheet-${from}-to-${to}.csv"`,
      });
    },
  );
}
