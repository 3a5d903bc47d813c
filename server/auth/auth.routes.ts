/**
 * Accounts over HTTP: the original API's register/token/refresh endpoints,
 * and cookie sign-in for the web apps. (`GET /api/me/` is the staff
 * feature's: it shows the staff profile.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { reachedOverHttps } from '../http/same-origin.js';
import { AppError, badRequest, unauthorized } from '../http/errors.js';
import { hasControlCharacters, jsonBody } from '../http/validate.js';
import { issueToken } from './api-tokens.js';
import { issueRefreshToken, rotateRefreshToken } from './refresh-tokens.js';
import { currentUser, requireUser } from './authenticate.js';
import { changeOwnPassword } from './change-password.js';
import { getDecoyHash, hashPassword, verifyPasswordHash } from './password.js';
import { createSignInThrottle, throttleKeys } from './sign-in-throttle.js';
import { passwordSchema, usernameSchema } from './credentials.js';
import { registerUser } from './register-user.js';
import { originalRoleName, roleSchema } from './roles.js';
import {
  createSession,
  deleteSessionCookie,
  generateSessionToken,
  hashToken,
  invalidateSession,
  readSessionCookie,
  setSessionCookie,
} from './session.js';
import { findUserById, findUserByUsername } from './users.queries.js';

const credentialsSchema = z.object({
  username: z.string({ error: 'is required' }).min(1, 'is required').max(150, 'must be at most 150 characters'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
});

const wrongCredentials = () => unauthorized('The username or password is not correct.');

/**
 * How long a refusal to a blocked guesser is held before it is sent. A
 * person waiting out a block does not notice it; a guessing program that
 * waits for each answer (as they do) is slowed to a few attempts a second
 * per connection, instead of sending thousands that each cost a request.
 */
const refusalHoldMs = 100;

function tooManyAttempts(c: Context<AppEnv>, seconds: number) {
  c.header('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(429, 'too_many_attempts', `Too many wrong passwords. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`);
}

export function createAuthRoutes(deps: AppDeps) {
  const { db, clock, secrets } = deps;
  const throttle = createSignInThrottle(db, deps.remembered);

  /**
   * The account `find` gives, if `password` is its password; a wrong one
   * counts towards the throttle of `username` and the client's address. A
   * 429 with Retry-After while throttled, before `find` or any hashing: a
   * blocked guesser costs nothing. With no account, a decoy hash is checked,
   * so "no such user" takes as long as "wrong password".
   */
  async function throttledPasswordCheck<T extends { passwordHash: string }>(c: Context<AppEnv>, username: string, password: string, find: () => Promise<T | undefined>) {
    const now = clock.now();
    const keys = throttleKeys(username, clientAddress(c, deps.config.trustProxy));
    const wait = await throttle.retryAfterSeconds(keys, now);
    if (wait > 0) {
      await sleep(refusalHoldMs);
      throw tooManyAttempts(c, wait);
    }
    const account = await find();
    // Busy (too many hashes waiting) goes to the error handler as a 503 with Retry-After.
    const passwordOk = await verifyPasswordHash(account?.passwordHash ?? (await getDecoyHash()), password);
    if (account && passwordOk) return { found: account, keys };
    await throttle.recordFailure(keys, now);
    return { found: undefined, keys };
  }

  /**
   * The user whose password matches, or a 401 that does not say which part
   * was wrong; a 429 with Retry-After while the account or address is
   * throttled (before any hashing: a blocked guesser costs nothing).
   */
  async function checkCredentials(c: Context<AppEnv>, username: string, password: string) {
    // No account's name has control characters (and PostgreSQL refuses NUL): a wrong username, not a 400 that says more.
    const { found: user, keys } = await throttledPasswordCheck(c, username, password, async () => (hasControlCharacters(username) ? undefined : findUserByUsername(db, username)));
    if (!user) throw wrongCredentials();
    await throttle.recordSuccess(keys);
    // Said only to someone who knows the password: it reveals nothing to a guesser.
    if (!user.active) throw unauthorized('This account has been deactivated. Ask a manager if that is a mistake.');
    return user;
  }

  return new Hono<AppEnv>()
    .post(
      '/register',
      jsonBody(z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema })),
      async (c) => {
        const created = await registerUser(db, c.get('user'), c.req.valid('json'), clock.now());
        return c.json({ id: created.id, username: created.username, role: originalRoleName(created.role) }, 201);
      },
    )
    .post('/token', jsonBody(credentialsSchema, { allowNul: true }), async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await checkCredentials(c, username, password);
      const now = clock.now();
      return c.json({ refresh: await issueRefreshToken(db, secrets.jwtKey, user.id, now), access: await issueToken(secrets.jwtKey, user.id, 'access', now) });
    })
    .post(
      '/token/refresh',
      jsonBody(z.object({ refresh: z.string({ error: 'is required' }).min(1, 'is required').max(4096) })),
      async (c) => {
        const now = clock.now();
        const rotation = await rotateRefreshToken(db, secrets.jwtKey, c.req.valid('json').refresh, now);
        if (!rotation.ok) {
          throw unauthorized(
            rotation.reused
              ? 'This refresh token was already used, so every token from that sign-in is now revoked. Sign in again at /api/token/.'
              : 'The refresh token is invalid, expired or revoked. Sign in again at /api/token/.',
          );
        }
        const account = await findUserById(db, rotation.userId);
        if (!account?.active) throw unauthorized('This account has been deactivated. Ask a manager if that is a mistake.');
        // Each refresh token works once: the reply carries the next one beside the access token.
        return c.json({ access: await issueToken(secrets.jwtKey, rotation.userId, 'access', now), refresh: rotation.refresh });
      },
    )
    .post('/auth/login', jsonBody(credentialsSchema, { allowNul: true }), async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await checkCredentials(c, username, password);
      const token = generateSessionToken();
      const session = await createSession(db, token, user.id, clock.now());
      setSessionCookie(c, token, session.expiresAt, reachedOverHttps(c, deps.config));
      return c.json({ user: { id: user.id, username: user.username, role: user.role } });
    })
    .post('/auth/logout', async (c) => {
      const token = readSessionCookie(c);
      if (token) {
        await invalidateSession(db, token);
        deps.events.emit('sessionsEnded', { sessionIds: [hashToken(token)] });
      }
      deleteSessionCookie(c, reachedOverHttps(c, deps.config));
      return c.json({ ok: true });
    })
    .post(
      '/auth/password',
      requireUser,
      jsonBody(z.object({ current: credentialsSchema.shape.password, password: passwordSchema })),
      async (c) => {
        const { current, password } = c.req.valid('json');
        const user = currentUser(c.get('user'));
        // Guessing the current password from a borrowed session counts as guessing a sign-in.
        const { found } = await throttledPasswordCheck(c, user.username, current, () => findUserById(db, user.id));
        if (!found) throw badRequest('wrong_password', 'The current password is not correct.', { current: ['is not correct'] });
        const passwordHash = await hashPassword(password);
        const ended = await changeOwnPassword(db, user.id, passwordHash, clock.now(), readSessionCookie(c));
        deps.events.emit('sessionsEnded', { sessionIds: ended });
        return c.json({ ok: true, signedOutSessions: ended.length });
      },
    );
}
