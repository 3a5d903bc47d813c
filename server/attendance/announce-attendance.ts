/** Tells the live layer about a new attendance record, with the names a manager's board shows. */
import { eq } from 'drizzle-orm';
import { kiosks, staff } from '../../storage/schema.js';
import type { AppDeps } from '../http/app-env.js';
import type { AttendanceSummary } from '../live/contract.js';
import type { AttendanceRecord } from './attendance.queries.js';

export function attendanceSummary(record: AttendanceRecord): AttendanceSummary {
  return {
    id: record.id,
    staffId: record.staffId,
    kind: record.kind,
    status: record.status,
    timestamp: record.at.toISOString(),
    photoUrl: record.photoId ? `/api/photos/${record.photoId}` : null,
  };
}

export async function announceAttendance(deps: AppDeps, record: AttendanceRecord): Promise<void> {
  const [person] = await deps.db.select({ name: staff.name }).from(staff).where(eq(staff.id, record.staffId));
  const [kiosk] = record.kioskId === null ? [] : await deps.db.select({ name: kiosks.name }).from(kiosks).where(eq(kiosks.id, record.kioskId));
  const staffName = person?.name ?? `Staff ${record.staffId}`;
  deps.events.emit('attendance:created', {
    ...attendanceSummary(record),
    staffName,
    shiftId: record.shiftId,
    date: record.occurrenceDate,
    kioskId: record.kioskId,
    kioskName: kiosk?.name ?? null,
  });
  if (record.kind === 'check_in' && record.status === 'late') {
    const minutes = Math.round((record.at.getTime() - record.scheduledStart.getTime()) / 60_000);
    deps.events.emit('alert', {
      type: 'late_arrival',
      message: `${staffName} checked in ${minutes} minutes late.`,
      at: record.at.toISOString(),
      staffId: record.staffId,
    });
  }
}
