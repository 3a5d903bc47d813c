/**
 * Cutting an account off: its sessions end (but the one it acts from, when
 * it changes its own password), its refresh tokens are revoked, and access
 * tokens issued until now are refused. Runs in the caller's transaction; the
 * caller raises `sessionsEnded` once it commits, so their sockets close too.
 */
import type { Queryable } from '../../storage/database.js';
import { revokeUserRefreshTokens } from './refresh-tokens.queries.js';
import { invalidateUserSessions } from './session.js';
import { refuseTokensIssuedBefore } from './users.queries.js';

/** Returns the ended sessions' ids. `keepSessionToken`: the cookie token of the session that stays. */
export async function endUserAccess(tx: Queryable, userId: number, now: Date, keepSessionToken?: string): Promise<string[]> {
  const ended = await invalidateUserSessions(tx, userId, keepSessionToken);
  await revokeUserRefreshTokens(tx, userId, now);
  await refuseTokensIssuedBefore(tx, userId, now);
  return ended;
}
