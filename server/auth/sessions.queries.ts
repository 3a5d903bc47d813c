/** Storage functions for session rows (keyed by the SHA-256 of the cookie token, never the token). */
import { and, eq, ne } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { sessions } from '../../storage/schema.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSessionRow(db: Queryable, session: { id: string; userId: number; expiresAt: Date; createdAt: Date }): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findSessionRow(db: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export async function renewSessionRow(db: Queryable, id: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSessionRow(db: Queryable, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes the user's sessions (but `keepId`'s) and returns the ids it deleted. */
export async function deleteUserSessionRows(db: Queryable, userId: number, keepId?: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepId ? ne(sessions.id, keepId) : undefined))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}
