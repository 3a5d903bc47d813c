/**
 * Seeding a benchmark's database with multi-row inserts: through the API a
 * thousand people would spend minutes hashing passwords (and photos).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../storage/database.js';
import { shifts, shiftVersions, staff, users } from '../storage/schema.js';

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
