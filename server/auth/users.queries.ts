/** Storage functions for user accounts. */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { staff, users } from '../../storage/schema.js';
import type { AuthUser } from '../http/app-env.js';

export type Role = 'manager' | 'staff';

export type UserRecord = { id: number; username: string; role: Role; passwordHash: string; active: boolean };

const userRecord = { id: users.id, username: users.username, role: users.role, passwordHash: users.passwordHash, active: users.active };

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | undefined> {
  const [row] = await db.select(userRecord).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUserById(db: Queryable, userId: number): Promise<UserRecord | undefined> {
  const [row] = await db.select(userRecord).from(users).where(eq(users.id, userId));
  return row;
}

/** The signed-in user as authentication sees them: who, and whether what they hold still counts. */
export type AccountState = AuthUser & { active: boolean; tokensValidAfter: Date | null };

export async function findAccountState(db: Queryable, userId: number): Promise<AccountState | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, staffId: staff.id, active: users.active, tokensValidAfter: users.tokensValidAfter })
    .from(users)
    .leftJoin(staff, eq(staff.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}

export type AccountListing = { id: number; username: string; role: Role; active: boolean; staffId: number | null; name: string | null };

const accountListing = { id: users.id, username: users.username, role: users.role, active: users.active, staffId: staff.id, name: staff.name };

export async function listAccounts(db: Queryable): Promise<AccountListing[]> {
  return db.select(accountListing).from(users).leftJoin(staff, eq(staff.userId, users.id)).orderBy(asc(users.id));
}

export async function findAccountListing(db: Queryable, userId: number): Promise<AccountListing | undefined> {
  const [row] = await db.select(accountListing).from(users).leftJoin(staff, eq(staff.userId, users.id)).where(eq(users.id, userId));
  return row;
}

export async function setUserActive(db: Queryable, userId: number, active: boolean): Promise<void> {
  await db.update(users).set({ active }).where(eq(users.id, userId));
}

export async function setPasswordHash(db: Queryable, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Access tokens issued before `at` stop working. */
export async function refuseTokensIssuedBefore(db: Queryable, userId: number, at: Date): Promise<void> {
  await db.update(users).set({ tokensValidAfter: at }).where(eq(users.id, userId));
}

/** Active managers other than `userId`, counted under a lock so two managers cannot deactivate each other at once. */
export async function countOtherActiveManagers(tx: Queryable, userId: number): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.active, true), ne(users.id, userId)))
    .for('update');
  return rows.length;
}

export async function findAuthUser(db: Queryable, userId: number): Promise<AuthUser | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, staffId: staff.id })
    .from(users)
    .leftJoin(staff, eq(staff.userId, users.id))
    .where(eq(users.id, userId));
  return row;
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
