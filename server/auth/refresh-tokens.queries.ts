/** Storage functions for refresh-token rows (keyed by the SHA-256 of the token's random id). */
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { refreshTokens } from '../../storage/schema.js';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshTokenRow(db: Queryable, row: { id: string; familyId: string; userId: number; expiresAt: Date; createdAt: Date }): Promise<void> {
  await db.insert(refreshTokens).values(row);
}

/** The row, locked until the transaction ends: two uses of one token at once cannot both rotate it. */
export async function lockRefreshTokenRow(tx: Queryable, id: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, id)).for('update');
  return row;
}

export async function retireRefreshTokenRow(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.update(refreshTokens).set({ retiredAt: at }).where(eq(refreshTokens.id, id));
}

export async function revokeRefreshTokenFamily(db: Queryable, familyId: string, at: Date): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: at }).where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeUserRefreshTokens(db: Queryable, userId: number, at: Date): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: at }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
