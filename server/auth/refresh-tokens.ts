/**
 * Rotating refresh tokens: each use returns a new token and retires the old
 * one; a retired token used again means someone kept a copy, so its whole
 * family (every token descended from that sign-in) is revoked and both the
 * thief and the owner must sign in again.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../storage/database.js';
import { issueToken, readToken, refreshLifetimeMs } from './api-tokens.js';
import { insertRefreshTokenRow, lockRefreshTokenRow, retireRefreshTokenRow, revokeRefreshTokenFamily } from './refresh-tokens.queries.js';
import { hashToken } from './session.js';

const newId = () => randomBytes(18).toString('base64url');

/** A refresh token for a new sign-in (a new family), or the next one of `familyId`. */
export async function issueRefreshToken(db: Queryable, key: string, userId: number, now: Date, familyId = newId()): Promise<string> {
  const tokenId = newId();
  await insertRefreshTokenRow(db, { id: hashToken(tokenId), familyId, userId, expiresAt: new Date(now.getTime() + refreshLifetimeMs), createdAt: now });
  return issueToken(key, userId, 'refresh', now, tokenId);
}

export type Rotation = { ok: true; userId: number; refresh: string } | { ok: false; reused: boolean };

/** Uses a refresh token once: the next token of its family, or why not (`reused`: it had been used before, so the family is now revoked). */
export async function rotateRefreshToken(db: Database, key: string, token: string, now: Date): Promise<Rotation> {
  const claims = await readToken(key, token, 'refresh', now);
  // Tokens from before rotation carry no id: they cannot be used once only, so not at all.
  if (!claims?.tokenId) return { ok: false, reused: false };
  const tokenId = claims.tokenId;
  return db.transaction(async (tx): Promise<Rotation> => {
    const row = await lockRefreshTokenRow(tx, hashToken(tokenId));
    if (!row || row.userId !== claims.userId || row.revokedAt || row.expiresAt <= now) return { ok: false, reused: false };
    if (row.retiredAt) {
      await revokeRefreshTokenFamily(tx, row.familyId, now);
      return { ok: false, reused: true };
    }
    await retireRefreshTokenRow(tx, row.id, now);
    return { ok: true, userId: row.userId, refresh: await issueRefreshToken(tx, key, row.userId, now, row.familyId) };
  });
}
