/**
 * The live board a manager sees: today's occurrences with their state, as a
 * plain function of the schedule, the records and the time, plus its loader.
 */
import { and, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { attendance, staff } from '../../storage/schema.js';
import type { AppDeps } from '../http/app-env.js';
import type { EffectiveOccurrence } from '../roster/effective-schedule.js';
import { windowBounds } from '../roster/occurrences.js';
import { loadEffectiveOccurrences } from '../roster/roster.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { listKiosks } from '../kiosk/kiosks.queries.js';
import type { BoardOccurrence, OccurrenceState, Snapshot } from './contract.js';

type Recorded = { kind: 'check_in' | 'check_out'; status: string };

export function occurrenceState(startMillis: number, endMillis: number, windowMinutes: number, records: readonly Recorded[], now: Date): OccurrenceState {
  const checkIn = records.find((r) => r.kind === 'check_in');
  if (records.some((r) => r.kind === 'check_out')) return 'checked_out';
  if (checkIn) return checkIn.status === 'late' ? 'late' : 'checked_in';
  const bounds = windowBounds(startMillis, endMillis, windowMinutes).checkIn;
  const at = now.getTime();
  if (at < bounds.opensAt) return 'upcoming';
  if (at <= bounds.closesAt) return 'open';
  return 'missed';
}

/** Occurrences starting today, and last night's that are still running, in the org's zone. */
export async function loadSnapshot(deps: AppDeps): Promise<Snapshot> {
  const now = deps.clock.now();
  const settings = await getSettings(deps.db, deps.config.orgTimezone);
  const today = DateTime.fromJSDate(now).setZone(settings.timezone);
  const date = today.toISODate()!;
  const yesterday = today.minus({ days: 1 }).toISODate()!;
  const occurrences = (await loadEffectiveOccurrences(deps.db, { from: yesterday, to: date, zone: settings.timezone })).filter(
    (o: EffectiveOccurrence) => o.date === date || o.end.toMillis() > today.startOf('day').toMillis(),
  );
  const shiftIds = [...new Set(occurrences.map((o) => o.shiftId))];
  const records = shiftIds.length
    ? await deps.db.select().from(attendance).where(and(inArray(attendance.shiftId, shiftIds), inArray(attendance.occurrenceDate, [yesterday, date])))
    : [];
  const staffIds = [...new Set(occurrences.map((o) => o.staffId))];
  const names = staffIds.length ? await deps.db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, staffIds)) : [];
  const iso = (instant: DateTime | Date) => (instant instanceof Date ? DateTime.fromJSDate(instant) : instant).setZone(settings.timezone).toISO()!;
  const summary = (record: (typeof records)[number] | undefined) =>
    record ? { at: iso(record.at), status: record.status, photoUrl: record.photoId ? `/api/photos/${record.photoId}` : null, attendanceId: record.id } : null;
  const board: BoardOccurrence[] = occurrences.map((o) => {
    const mine = records.filter((r) => r.shiftId === o.shiftId && r.occurrenceDate === o.date);
    return {
      shiftId: o.shiftId,
      date: o.date,
      staffId: o.staffId,
      staffName: names.find((n) => n.id === o.staffId)?.name ?? `Staff ${o.staffId}`,
      start: iso(o.start),
      end: iso(o.end),
      state: occurrenceState(o.start.toMillis(), o.end.toMillis(), settings.windowMinutes, mine, now),
      checkIn: summary(mine.find((r) => r.kind === 'check_in')),
      checkOut: summary(mine.find((r) => r.kind === 'check_out')),
    };
  });
  const online = await deps.presence.onlineKioskIds();
  const kiosks = (await listKiosks(deps.db))
    .filter((k) => k.revokedAt === null)
    .map((k) => ({ id: k.id, name: k.name, online: online.has(k.id), lastSeenAt: k.lastSeenAt?.toISOString() ?? null }));
  return { at: now.toISOString(), timezone: settings.timezone, windowMinutes: settings.windowMinutes, date, occurrences: board, kiosks };
}

