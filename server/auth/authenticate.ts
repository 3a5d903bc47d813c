/**
 * Who is making the request: a Bearer JWT (the original API's clients) or a
 * session cookie (the web apps). The account is read on every request, so a
 * deactivated account, or a token issued before its password changed, stops
 * working at once. Role guards build on it.
 */
import type { MiddlewareHandler } from 'hono';
import { forbidden, unauthorized } from '../http/errors.js';
import type { AppDeps, AppEnv, AuthUser } from '../http/app-env.js';
import { reachedOverHttps } from '../http/same-origin.js';
import { readToken } from './api-tokens.js';
import { readSessionCookie, setSessionCookie, validateSessionToken } from './session.js';
import { findAccountState, type AccountState } from './users.queries.js';

const toAuthUser = ({ id, username, role, staffId }: AccountState): AuthUser => ({ id, username, role, staffId });

/** JWT times are whole seconds: a token from the second the cut-off happened in still counts. */
export const issuedBeforeCutOff = (issuedAt: Date, account: AccountState) =>
  account.tokensValidAfter !== null && issuedAt.getTime() < Math.floor(account.tokensValidAfter.getTime() / 1000) * 1000;

export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const now = deps.clock.now();
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      const claims = match ? await readToken(deps.secrets.jwtKey, match[1]!, 'access', now) : null;
      // A bad token is an error even if a cookie is present: the client meant to use the token.
      if (claims === null) throw unauthorized('The access token is missing, invalid or expired. Get a new one from /api/token/.');
      const account = await findAccountState(deps.db, claims.userId);
      if (!account) throw unauthorized('The account for this token no longer exists.');
      if (!account.active) throw unauthorized('This account has been deactivated. Ask a manager if that is a mistake.');
      if (issuedBeforeCutOff(claims.issuedAt, account)) throw unauthorized('This access token was issued before the account was signed out everywhere (a password change or reset). Sign in again at /api/token/.');
      c.set('user', toAuthUser(account));
      return next();
    }
    const cookieToken = readSessionCookie(c);
    if (cookieToken) {
      const session = await validateSessionToken(deps.db, cookieToken, now);
      const account = session ? await findAccountState(deps.db, session.userId) : undefined;
      if (session && account?.active) {
        if (session.renewed) setSessionCookie(c, cookieToken, session.expiresAt, reachedOverHttps(c, deps.config));
        c.set('user', toAuthUser(account));
        c.set('sessionId', session.id);
      }
    }
    return next();
  };
}

export function currentUser(user: AuthUser | null): AuthUser {
  if (!user) throw unauthorized();
  return user;
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  currentUser(c.get('user'));
  return next();
};

export const requireManager: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = currentUser(c.get('user'));
  if (user.role !== 'manager') throw forbidden('Only a manager can do this.');
  return next();
};
