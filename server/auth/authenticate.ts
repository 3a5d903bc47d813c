/**
 * Who is making the request: a Bearer JWT (the original API's clients) or a
 * session cookie (the web apps). Role guards build on it.
 */
import type { MiddlewareHandler } from 'hono';
import { forbidden, unauthorized } from '../http/errors.js';
import type { AppDeps, AppEnv, AuthUser } from '../http/app-env.js';
import { verifyToken } from './api-tokens.js';
import { readSessionCookie, setSessionCookie, validateSessionToken } from './session.js';
import { findAuthUser } from './users.queries.js';

export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const now = deps.clock.now();
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      const userId = match ? await verifyToken(deps.secrets.jwtKey, match[1]!, 'access', now) : null;
      // A bad token is an error even if a cookie is present: the client meant to use the token.
      if (userId === null) throw unauthorized('The access token is missing, invalid or expired. Get a new one from /api/token/.');
      const user = await findAuthUser(deps.db, userId);
      if (!user) throw unauthorized('The account for this token no longer exists.');
      c.set('user', user);
      return next();
    }
    const cookieToken = readSessionCookie(c);
    if (cookieToken) {
      const session = await validateSessionToken(deps.db, cookieToken, now);
      const user = session ? await findAuthUser(deps.db, session.userId) : undefined;
      if (session && user) {
        if (session.renewed) setSessionCookie(c, cookieToken, session.expiresAt, deps.config.secureCookies);
        c.set('user', user);
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
