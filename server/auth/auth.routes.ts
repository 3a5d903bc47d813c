/**
 * Accounts over HTTP: the original API's register/token/refresh endpoints,
 * and cookie sign-in for the web apps. (`GET /api/me/` is the staff
 * feature's: it shows the staff profile.)
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { unauthorized } from '../http/errors.js';
import { hasControlCharacters, jsonBody } from '../http/validate.js';
import { issueToken, issueTokenPair, verifyToken } from './api-tokens.js';
import { getDecoyHash, verifyPasswordHash } from './password.js';
import { passwordSchema, usernameSchema } from './credentials.js';
import { registerUser } from './register-user.js';
import { originalRoleName, roleSchema } from './roles.js';
import {
  createSession,
  deleteSessionCookie,
  generateSessionToken,
  invalidateSession,
  readSessionCookie,
  setSessionCookie,
} from './session.js';
import { findUserByUsername, userExists } from './users.queries.js';

const credentialsSchema = z.object({
  username: z.string({ error: 'is required' }).min(1, 'is required').max(150, 'must be at most 150 characters'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
});

const wrongCredentials = () => unauthorized('The username or password is not correct.');

export function createAuthRoutes(deps: AppDeps) {
  const { db, clock, secrets } = deps;

  /** The user whose password matches, or a 401 that does not say which part was wrong. */
  async function checkCredentials(username: string, password: string) {
    // No account's name has control characters (and PostgreSQL refuses NUL): a wrong username, not a 400 that says more.
    const user = hasControlCharacters(username) ? undefined : await findUserByUsername(db, username);
    const passwordOk = await verifyPasswordHash(user?.passwordHash ?? (await getDecoyHash()), password);
    if (!user || !passwordOk) throw wrongCredentials();
    return user;
  }

  return new Hono<AppEnv>()
    .post(
      '/register',
      jsonBody(z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema })),
      async (c) => {
        const created = await registerUser(db, c.get('user'), c.req.valid('json'));
        return c.json({ id: created.id, username: created.username, role: originalRoleName(created.role) }, 201);
      },
    )
    .post('/token', jsonBody(credentialsSchema, { allowNul: true }), async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await checkCredentials(username, password);
      return c.json(await issueTokenPair(secrets.jwtKey, user.id, clock.now()));
    })
    .post(
      '/token/refresh',
      jsonBody(z.object({ refresh: z.string({ error: 'is required' }).min(1, 'is required').max(4096) })),
      async (c) => {
        const now = clock.now();
        const userId = await verifyToken(secrets.jwtKey, c.req.valid('json').refresh, 'refresh', now);
        if (userId === null || !(await userExists(db, userId))) {
          throw unauthorized('The refresh token is invalid or expired. Sign in again at /api/token/.');
        }
        return c.json({ access: await issueToken(secrets.jwtKey, userId, 'access', now) });
      },
    )
    .post('/auth/login', jsonBody(credentialsSchema, { allowNul: true }), async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await checkCredentials(username, password);
      const token = generateSessionToken();
      const session = await createSession(db, token, user.id, clock.now());
      setSessionCookie(c, token, session.expiresAt, deps.config.secureCookies);
      return c.json({ user: { id: user.id, username: user.username, role: user.role } });
    })
    .post('/auth/logout', async (c) => {
      const token = readSessionCookie(c);
      if (token) await invalidateSession(db, token);
      deleteSessionCookie(c, deps.config.secureCookies);
      return c.json({ ok: true });
    });
}
