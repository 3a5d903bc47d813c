/**
 * Seeding a benchmark's database with multi-row inserts: through the API a
 * thousand people would spend minutes hashing passwords (and photos).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import { hashPassword } from '../server/auth/password.js';
import { hashToken } from '../server/auth/session.js';
import { hashPin } from '../server/staff/pin.js';
import { migrateDatabase, type Database, type DatabaseHandle } from '../storage/database.js';
import { kiosks, shifts, shiftVersions, staff, users } from '../storage/schema.js';

export type SeededStaff = { id: number; name: string; weeklyOffs: number[] };

/** Seeded people and shifts start long before any benchmark's dates. */
const longAgo = '2000-01-01';

/** `count` staff accounts (`staff_0`, `staff_1`, …, passwords unusable) with the profiles `profile(i)` gives. */
export async function seedStaff(
  db: Database,
  count: number,
  profile: (i: number) => { name: string; weeklyOffs: number[]; pinHmac?: string },
): Promise<SeededStaff[]> {
  const userRows = await db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ username: `staff_${i}`, passwordHash: 'x', role: 'staff' as const })))
    .returning({ id: users.id });
  return db
    .insert(staff)
    .values(userRows.map((user, i) => ({ userId: user.id, startedOn: longAgo, ...profile(i) })))
    .returning({ id: staff.id, name: staff.name, weeklyOffs: staff.weeklyOffs });
}

/** Inserts `rows` a thousand at a time (one statement has a parameter limit). */
export async function insertInBatches<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(table).values(rows.slice(i, i + 1000));
}

export type SeededShift = { staffId: number; dayOfWeek: number; startTime: string; endTime: string };

/** Template shifts running since long ago, with their versions; returns their ids in the order given. */
export async function seedShifts(db: Database, rows: readonly SeededShift[]): Promise<{ id: number; staffId: number }[]> {
  const made: { id: number; staffId: number }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const ids = await db.insert(shifts).values(batch.map((row) => ({ staffId: row.staffId }))).returning({ id: shifts.id, staffId: shifts.staffId });
    await db.insert(shiftVersions).values(batch.map((row, n) => ({ shiftId: ids[n]!.id, validFrom: longAgo, dayOfWeek: row.dayOfWeek, startTime: row.startTime, endTime: row.endTime })));
    made.push(...ids);
  }
  return made;
}

/**
 * Seeding holds this process's event loop (and so the server's) for seconds;
 * the server may meanwhile have timed out the client's kept-alive connection,
 * and the first request on it can then be reset. One throwaway request, retried
 * once, leaves a fresh connection for the measured ones.
 */
export async function settleConnection(url: string): Promise<void> {
  await fetch(`${url}/api/auth/status`).catch(() => fetch(`${url}/api/auth/status`));
}

/**
 * A database for check-in benchmarks, migrated and then closed: the manager
 * `bench_manager` (password `bench-Passw0rd!`), `count` staff (`bench_staff_<n>`,
 * PIN 100000 + n) each on a shift starting now on the real clock, and a kiosk
 * paired for each token given.
 */
export async function seedCheckInSite(database: DatabaseHandle, { count, pinPepper, kioskTokens }: { count: number; pinPepper: Buffer; kioskTokens: readonly string[] }): Promise<void> {
  await migrateDatabase(database);
  const { db } = database;
  const now = DateTime.utc();
  const passwordHash = await hashPassword('bench-Passw0rd!');
  const [manager] = await db.insert(users).values({ username: 'bench_manager', passwordHash, role: 'manager' }).returning({ id: users.id });
  for (let first = 0; first < count; first += 500) {
    const indexes = Array.from({ length: Math.min(500, count - first) }, (_, i) => first + i);
    const userRows = await db.insert(users).values(indexes.map((i) => ({ username: `bench_staff_${i}`, passwordHash, role: 'staff' as const }))).returning({ id: users.id });
    const staffRows = await db
      .insert(staff)
      .values(indexes.map((i, n) => ({ userId: userRows[n]!.id, name: `Staff ${i}`, weeklyOffs: [((now.weekday + 2) % 7) + 1], pinHmac: hashPin(pinPepper, String(100000 + i)), startedOn: longAgo })))
      .returning({ id: staff.id });
    await seedShifts(db, staffRows.map((row) => ({ staffId: row.id, dayOfWeek: now.weekday, startTime: now.toFormat('HH:mm:00'), endTime: now.plus({ hours: 8 }).toFormat('HH:mm:00') })));
  }
  await db.insert(kiosks).values(kioskTokens.map((token, i) => ({ name: `Kiosk ${i + 1}`, tokenHash: hashToken(token), pairedAt: new Date(), pairedBy: manager!.id })));
  await database.close();
}
