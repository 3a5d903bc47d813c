/**
 * The original API's JWT pair: a 5-minute access token for requests and a
 * 1-day refresh token to get new access tokens, signed with HS256.
 */
import { sign, verify } from 'hono/jwt';

const accessLifetimeSeconds = 5 * 60;
const refreshLifetimeSeconds = 24 * 60 * 60;

type TokenType = 'access' | 'refresh';

export async function issueToken(key: string, userId: number, type: TokenType, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + (type === 'access' ? accessLifetimeSeconds : refreshLifetimeSeconds);
  return sign({ sub: String(userId), type, iat, exp }, key, 'HS256');
}

export async function issueTokenPair(key: string, userId: number, now: Date) {
  return { refresh: await issueToken(key, userId, 'refresh', now), access: await issueToken(key, userId, 'access', now) };
}

/** The user id a token of the given type names, or `null` if it is forged, expired or of the other type. */
export async function verifyToken(key: string, token: string, type: TokenType, now: Date): Promise<number | null> {
  try {
    const payload = await verify(token, key, { alg: 'HS256', exp: false, iat: false, nbf: false });
    if (payload.type !== type) return null;
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(now.getTime() / 1000)) return null;
    const userId = Number(payload.sub);
    return Number.isInteger(userId) && userId > 0 ? userId : null;
  } catch {
    return null;
  }
}
