/**
 * Storage functions for staff profiles. Each change to a profile writes its
 * ledger entry in the caller's transaction, so none is made without one.
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { isAnyOf } from '../../storage/id-lists.js';
import { staff, staffFaces, staffInactiveSpans, users } from '../../storage/schema.js';
import { appendLedger, type LedgerChange } from '../ledger/ledger.queries.js';
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
  const [row] = await db.select({ id: staff.id, active: staff.active }).from(staff).where(eq(staff.userId, userId));
  return row;
}

/** Who changed a profile, and when. */
export type StaffChangedBy = Pick<LedgerChange, 'actor' | 'at'>;

type StaffAction = 'staff.created' | 'staff.updated' | 'staff.pin_changed' | 'staff.deactivated' | 'staff.reactivated';

async function recordStaffChange(tx: Transaction, by: StaffChangedBy, action: StaffAction, staffId: number, data: Record<string, unknown> = {}): Promise<void> {
  await appendLedger(tx, { actor: by.actor, action, entity: `staff:${staffId}`, data, at: by.at });
}

type ProfileFields = { name: string; weeklyOffs: number[]; startedOn: string };

/** The profile fields among `fields` as the ledger keeps them: days off by name, as the API shows them. Never the PIN or its HMAC. */
function profileLedgerData(fields: Partial<ProfileFields>): Record<string, unknown> {
  return {
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.weeklyOffs !== undefined && { weeklyOffDays: formatWeeklyOffs(fields.weeklyOffs) }),
    ...(fields.startedOn !== undefined && { startedOn: fields.startedOn }),
  };
}

export async function insertStaff(tx: Transaction, values: ProfileFields & { userId: number; pinHmac: string | null }, by: StaffChangedBy): Promise<number> {
  const [row] = await tx.insert(staff).values(values).returning({ id: staff.id });
  await recordStaffChange(tx, by, 'staff.created', row!.id, { userId: values.userId, ...profileLedgerData(values), hasPin: values.pinHmac !== null });
  return row!.id;
}

/** A new PIN is its own entry, which says only that it changed. */
export async function updateStaff(tx: Transaction, staffId: number, changes: Partial<ProfileFields & { pinHmac: string }>, by: StaffChangedBy): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await tx.update(staff).set(changes).where(eq(staff.id, staffId));
  const { pinHmac, ...fields } = changes;
  if (Object.keys(fields).length > 0) await recordStaffChange(tx, by, 'staff.updated', staffId, profileLedgerData(fields));
  if (pinHmac !== undefined) await recordStaffChange(tx, by, 'staff.pin_changed', staffId);
}

/**
 * Makes a profile active or inactive from `today`. Deactivating opens an
 * inactive span (no occurrences from today on); reactivating closes it the
 * day before, or forgets it if it began today. Past days keep their rows.
 */
export async function setStaffActive(tx: Transaction, staffId: number, active: boolean, today: string, by: StaffChangedBy): Promise<void> {
  await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
  // A leaver's face is not kept: the reference face goes with the deactivation, and its ledger entry says so.
  const faceDeleted = !active && (await tx.delete(staffFaces).where(eq(staffFaces.staffId, staffId)).returning({ staffId: staffFaces.staffId })).length > 0;
  await recordStaffChange(tx, by, active ? 'staff.reactivated' : 'staff.deactivated', staffId, { effectiveFrom: today, ...(faceDeleted && { referenceFaceDeleted: true }) });
  const [open] = await tx
    .select()
    .from(staffInactiveSpans)
    .where(and(eq(staffInactiveSpans.staffId, staffId), isNull(staffInactiveSpans.toDate)));
  if (!active) {
    if (!open) await tx.insert(staffInactiveSpans).values({ staffId, fromDate: today });
    return;
  }
  if (!open) return;
  if (open.fromDate >= today) await tx.delete(staffInactiveSpans).where(eq(staffInactiveSpans.id, open.id));
  else await tx.update(staffInactiveSpans).set({ toDate: addDays(today, -1) }).where(eq(staffInactiveSpans.id, open.id));
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
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(isAnyOf(staff.id, staffIds));
  return new Map(rows.map((row) => [row.id, row.name]));
}
