/** Storage functions for user accounts. */
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { staff, users } from '../../storage/schema.js';
import type { AuthUser } from '../http/app-env.js';

export type Role = 'manager' | 'staff';

export type UserRecord = { id: number; username: string; role: Role; passwordHash: string };

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findAuthUser(db: Queryable, userId: number): Promise<AuthUser | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, staffId: staff.id })
    .from(users)
    .leftJoin(staff, eq(staff.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}

export async function userExists(db: Queryable, userId: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return row !== undefined;
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

export async function insertUser(
  db: Queryable,
  user: { username: string; passwordHash: string; role: Role },
): Promise<{ id: number; username: string; role: Role }> {
  const [row] = await db
    .insert(users)
    .values(user)
    .returning({ id: users.id, username: users.username, role: users.role });
  return row!;
}

/** Until the transaction ends, no other can add a user: "is this the first account?" stays true while we act on it. */
export async function lockUsersTable(tx: Queryable): Promise<void> {
  await tx.execute(sql`lock table users in share row exclusive mode`);
}
