/**
 * Storage functions for user accounts. Each change to an account writes its
 * ledger entry in the caller's transaction, so none is made without one.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { staff, users } from '../../storage/schema.js';
import type { AuthUser } from '../http/app-env.js';
import { appendLedger, type LedgerChange } from '../ledger/ledger.queries.js';

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

/** Who changed an account, and when. */
export type AccountChangedBy = Pick<LedgerChange, 'actor' | 'at'>;

/** Where a new account came from: a manager's registration, the first sign-up, the staff form, or `npm run create-manager`. */
export type AccountOrigin = 'register' | 'first_account' | 'staff_form' | 'command_line';

type AccountAction = 'user.created' | 'user.deactivated' | 'user.reactivated' | 'user.password_changed' | 'user.password_reset';

/** The entry names the account and what changed; never a password, its hash or a token. */
async function recordAccountChange(tx: Transaction, by: AccountChangedBy, action: AccountAction, userId: number, data: Record<string, unknown> = {}): Promise<void> {
  await appendLedger(tx, { actor: by.actor, action, entity: `user:${userId}`, data, at: by.at });
}

export async function setUserActive(tx: Transaction, userId: number, active: boolean, by: AccountChangedBy): Promise<void> {
  await tx.update(users).set({ active }).where(eq(users.id, userId));
  await recordAccountChange(tx, by, active ? 'user.reactivated' : 'user.deactivated', userId);
}

/** `reset`: a manager set it, rather than the account's owner changing their own. */
export async function setPasswordHash(tx: Transaction, userId: number, passwordHash: string, by: AccountChangedBy & { reset: boolean }): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  await recordAccountChange(tx, by, by.reset ? 'user.password_reset' : 'user.password_changed', userId);
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
  tx: Transaction,
  user: { username: string; passwordHash: string; role: Role },
  by: AccountChangedBy & { via: AccountOrigin },
): Promise<{ id: number; username: string; role: Role }> {
  const [row] = await tx
    .insert(users)
    .values(user)
    .returning({ id: users.id, username: users.username, role: users.role });
  await recordAccountChange(tx, by, 'user.created', row!.id, { username: row!.username, role: row!.role, via: by.via });
  return row!;
}

/** Until the transaction ends, no other can add a user: "is this the first account?" stays true while we act on it. */
export async function lockUsersTable(tx: Queryable): Promise<void> {
  await tx.execute(sql`lock table users in share row exclusive mode`);
}
