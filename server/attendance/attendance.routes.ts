/** `/api/attendance/`: the original API's check-in with a base64 photo, and the attendance list. */
import { Hono } from 'hono';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { currentUser, requireUser } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { AppError, badRequest, forbidden } from '../http/errors.js';
import { base64PhotoSchema, decodePhotoField, photoBodyLimit, photoFieldError } from '../http/photo-body.js';
import { entityId, jsonBody, queryParams } from '../http/validate.js';
import { dateOrInstantSchema, type DateOrInstant } from '../roster/roster-params.js';
import { faceSummary } from '../faces/face-summary.js';
import { listFaceChecks, listReferencePhotos, type FaceCheckView } from '../faces/faces.queries.js';
import { photoUrl } from '../../storage/photo-store.js';
import { getSettings } from '../settings/settings.queries.js';
import { listRecords, punchPhotoUrl, type AttendanceRecord } from './attendance.queries.js';
import { recordAttendance } from './record-attendance.js';

export function toAttendanceJson(record: AttendanceRecord, zone: string, face?: FaceCheckView) {
  const iso = (instant: Date) => DateTime.fromJSDate(instant).setZone(zone).toISO()!;
  return {
    id: record.id,
    staff: record.staffId,
    timestamp: iso(record.at),
    captured_image: punchPhotoUrl(record),
    kind: record.kind,
    status: record.status,
    shift: record.shiftId,
    date: record.occurrenceDate,
    scheduled_start: iso(record.scheduledStart),
    scheduled_end: iso(record.scheduledEnd),
    kiosk: record.kioskId,
    source: record.source,
    /** When the server stored it: later than `timestamp` for a punch a kiosk took offline. */
    recorded_at: iso(record.recordedAt),
    photo_reused: record.photoReused,
    photo_purged_at: record.photoPurgedAt ? iso(record.photoPurgedAt) : null,
    face: faceSummary(face),
    supersedes: record.supersedesId,
    reason: record.reason,
    created_by: record.createdBy,
  };
}

const listQuerySchema = z.object({
  staff: entityId('staff').optional(),
  from: dateOrInstantSchema.optional(),
  to: dateOrInstantSchema.optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(5000, 'must be at most 5000').default(1000),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').default(0),
});

export function createAttendanceRoutes(deps: AppDeps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .use(requireUser)
    .post(
      '/',
      photoBodyLimit,
      jsonBody(z.object({ staff: entityId('staff'), captured_image: base64PhotoSchema })),
      async (c) => {
        const user = currentUser(c.get('user'));
        const body = c.req.valid('json');
        if (user.staffId !== body.staff) throw forbidden('You can only record your own attendance.');
        if ((await getSettings(deps.db, deps.config.orgTimezone)).apiCheckIn === 'refuse') {
          throw new AppError(403, 'api_check_in_refused', 'This organisation records attendance only at its kiosks: check in at the kiosk.');
        }
        const image = decodePhotoField(body.captured_image, 'captured_image');
        const outcome = await recordAttendance(deps, { staffId: body.staff, image, userId: user.id });
        if (!outcome.ok) {
          if (outcome.code === 'window_closed') throw new AppError(409, outcome.code, outcome.message);
          if (outcome.code === 'staff_inactive') throw new AppError(403, outcome.code, outcome.message);
          throw photoFieldError(outcome, 'captured_image');
        }
        const queued = outcome.created && outcome.settings.faceCheck === 'flag' ? { verdict: null, distance: null, review: null, pending: true } : undefined;
        return c.json(toAttendanceJson(outcome.record, outcome.settings.timezone, queued), outcome.created ? 201 : 200);
      },
    )
    .get('/', queryParams(listQuerySchema), async (c) => {
      const user = currentUser(c.get('user'));
      const query = c.req.valid('query');
      if (user.role !== 'manager') {
        if (query.staff !== undefined && query.staff !== user.staffId) throw forbidden('You can only see your own attendance.');
        if (user.staffId === null) return c.json([]);
      }
      const { timezone } = await getSettings(db, deps.config.orgTimezone);
      // A bare date means that whole local day: from its start, to the end of it.
      const bound = (value: DateOrInstant | undefined, edge: 'from' | 'to') => {
        if (!value) return undefined;
        if ('instant' in value) return value.instant;
        const day = DateTime.fromISO(value.date, { zone: timezone });
        return (edge === 'from' ? day : day.plus({ days: 1 })).toJSDate();
      };
      const from = bound(query.from, 'from');
      const to = bound(query.to, 'to');
      if (from && to && from >= to) throw badRequest('validation_failed', '"from" must be before "to".', { from: ['must be before "to"'] });
      const records = await listRecords(db, {
        staffId: user.role === 'manager' ? query.staff : user.staffId!,
        from,
        to,
        limit: query.limit,
        offset: query.offset,
      });
      const faces = await listFaceChecks(db, records.map((record) => record.id));
      // Managers see each person's reference photo beside their punches (History), as on the Live board.
      const references = user.role === 'manager' ? await listReferencePhotos(db, [...new Set(records.map((record) => record.staffId))]) : undefined;
      return c.json(
        records.map((record) => {
          const json = toAttendanceJson(record, timezone, faces.get(record.id));
          if (!references) return json;
          const reference = references.get(record.staffId);
          return { ...json, reference_photo: reference ? photoUrl(reference) : null };
        }),
      );
    });
}
