/**
 * The original API's JWTs, signed with HS256: a 5-minute access token for
 * requests and a 1-day refresh token to get new ones (see
 * `refresh-tokens.ts` for how refresh tokens rotate).
 */
import { sign, verify } from 'hono/jwt';

const accessLifetimeSeconds = 5 * 60;
const refreshLifetimeSeconds = 24 * 60 * 60;

type TokenType = 'access' | 'refresh';

export const refreshLifetimeMs = refreshLifetimeSeconds * 1000;

/** `tokenId` (a refresh token's `jti`) names the row that lets it be used once. */
export async function issueToken(key: string, userId: number, type: TokenType, now: Date, tokenId?: string): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + (type === 'access' ? accessLifetimeSeconds : refreshLifetimeSeconds);
  return sign({ sub: String(userId), type, iat, exp, ...(tokenId && { jti: tokenId }) }, key, 'HS256');
}

export type TokenClaims = { userId: number; issuedAt: Date; tokenId: string | undefined };

/** What a token of the given type says, or `null` if it is forged, expired or of the other type. */
export async function readToken(key: string, token: string, type: TokenType, now: Date): Promise<TokenClaims | null> {
  try {
    const payload = await verify(token, key, { alg: 'HS256', exp: false, iat: false, nbf: false });
    if (payload.type !== type) return null;
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(now.getTime() / 1000)) return null;
    if (typeof payload.iat !== 'number') return null;
    const userId = Number(payload.sub);
    if (!Number.isInteger(userId) || userId <= 0) return null;
    return { userId, issuedAt: new Date(payload.iat * 1000), tokenId: typeof payload.jti === 'string' ? payload.jti : undefined };
  } catch {
    return null;
  }
}

/** The user id a token of the given type names, or `null` (see {@link readToken}). */
export async function verifyToken(key: string, token: string, type: TokenType, now: Date): Promise<number | null> {
  return (await readToken(key, token, type, now))?.userId ?? null;
}
