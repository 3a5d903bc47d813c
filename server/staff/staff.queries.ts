/** Storage functions for staff profiles. */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { staff, staffInactiveSpans, users } from '../../storage/schema.js';
import { addDays } from '../roster/occurrences.js';
import { formatWeeklyOffs } from '../roster/weekdays.js';

/** A staff profile as the API shows it. The PIN's HMAC never leaves the server. */
export type StaffProfile = {
  id: number;
  user: number;
  username: string;
  name: string;
  weekly_off_days: string;
  active: boolean;
  has_pin: boolean;
  /** No shift is scheduled for them before this date. */
  started_on: string;
};

const profileColumns = {
  id: staff.id,
  user: staff.userId,
  username: users.username,
  name: staff.name,
  weeklyOffs: staff.weeklyOffs,
  active: staff.active,
  pinHmac: staff.pinHmac,
  startedOn: staff.startedOn,
};

type ProfileRow = { id: number; user: number; username: string; name: string; weeklyOffs: number[]; active: boolean; pinHmac: string | null; startedOn: string };

function toProfile(row: ProfileRow): StaffProfile {
  return {
    id: row.id,
    user: row.user,
    username: row.username,
    name: row.name,
    weekly_off_days: formatWeeklyOffs(row.weeklyOffs),
    active: row.active,
    has_pin: row.pinHmac !== null,
    started_on: row.startedOn,
  };
}

export async function listStaffProfiles(db: Queryable, options: { active?: boolean } = {}): Promise<StaffProfile[]> {
  const rows = await db
    .select(profileColumns)
    .from(staff)
    .innerJoin(users, eq(users.id, staff.userId))
    .where(options.active === undefined ? undefined : eq(staff.active, options.active))
    // lower(): the same alphabetical order on PGlite (C collation) and on a server with a locale.
    .orderBy(asc(sql`lower(${staff.name})`), asc(staff.id));
  return rows.map(toProfile);
}

export async function findStaffProfile(db: Queryable, staffId: number): Promise<StaffProfile | undefined> {
  const [row] = await db.select(profileColumns).from(staff).innerJoin(users, eq(users.id, staff.userId)).where(eq(staff.id, staffId));
  return row ? toProfile(row) : undefined;
}

export async function findStaffRow(db: Queryable, staffId: number) {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  return row;
}

export async function findStaffByUser(db: Queryable, userId: number) {
  const [row] = await db.select({ id: staff.id }).from(staff).where(eq(staff.userId, userId));
  return row;
}

export async function insertStaff(
  db: Queryable,
  values: { userId: number; name: string; weeklyOffs: number[]; pinHmac: string | null; startedOn: string },
): Promise<number> {
  const [row] = await db.insert(staff).values(values).returning({ id: staff.id });
  return row!.id;
}

export async function updateStaff(
  db: Queryable,
  staffId: number,
  changes: Partial<{ name: string; weeklyOffs: number[]; pinHmac: string; startedOn: string }>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.update(staff).set(changes).where(eq(staff.id, staffId));
}

/**
 * Makes a profile active or inactive from `today`. Deactivating opens an
 * inactive span (no occurrences from today on); reactivating closes it the
 * day before, or forgets it if it began today. Past days keep their rows.
 */
export async function setStaffActive(db: Queryable, staffId: number, active: boolean, today: string): Promise<void> {
  await db.update(staff).set({ active }).where(eq(staff.id, staffId));
  const [open] = await db
    .select()
    .from(staffInactiveSpans)
    .where(and(eq(staffInactiveSpans.staffId, staffId), isNull(staffInactiveSpans.toDate)));
  if (!active) {
    if (!open) await db.insert(staffInactiveSpans).values({ staffId, fromDate: today });
    return;
  }
  if (!open) return;
  if (open.fromDate >= today) await db.delete(staffInactiveSpans).where(eq(staffInactiveSpans.id, open.id));
  else await db.update(staffInactiveSpans).set({ toDate: addDays(today, -1) }).where(eq(staffInactiveSpans.id, open.id));
}

/** Another active staff member already using this PIN, if any. */
export async function pinInUse(db: Queryable, pinHmac: string, exceptStaffId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.pinHmac, pinHmac), eq(staff.active, true), exceptStaffId ? ne(staff.id, exceptStaffId) : undefined));
  return row !== undefined;
}

export async function isStaffActive(db: Queryable, staffId: number): Promise<boolean> {
  const [row] = await db.select({ active: staff.active }).from(staff).where(eq(staff.id, staffId));
  return row?.active === true;
}

/** Names of the given staff members, by id (deactivated ones included: history still names them). */
export async function listStaffNames(db: Queryable, staffIds: readonly number[]): Promise<Map<number, string>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, [...staffIds]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
