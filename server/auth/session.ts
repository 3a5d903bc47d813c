/**
 * Cookie sessions for the web apps, after Lucia's session guide: a random
 * token in an HttpOnly cookie, only its SHA-256 in the database, and a sliding
 * expiry (14 days idle) renewed when a session is used in the second half of
 * that, but never past 30 days after sign-in: a stolen cookie does not live
 * forever by being used.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Queryable } from '../../storage/database.js';
import { deleteSessionRow, deleteUserSessionRows, findSessionRow, insertSessionRow, renewSessionRow } from './sessions.queries.js';

export const sessionCookieName = 'rollcall_session';
const day = 24 * 60 * 60 * 1000;
const idleLifetimeMs = 14 * day;
const absoluteLifetimeMs = 30 * day;

/** `renewed` is true when this use pushed the expiry back, so the cookie must be sent again. */
export type Session = { id: string; userId: number; expiresAt: Date; renewed?: boolean };

export function generateSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const expiryFrom = (now: Date, createdAt: Date) => new Date(Math.min(now.getTime() + idleLifetimeMs, createdAt.getTime() + absoluteLifetimeMs));

export async function createSession(db: Queryable, token: string, userId: number, now: Date): Promise<Session> {
  const session = { id: hashToken(token), userId, expiresAt: expiryFrom(now, now) };
  await insertSessionRow(db, { ...session, createdAt: now });
  return session;
}

/** The live session for a cookie token, renewed if past half-life; `null` when unknown or expired. */
export async function validateSessionToken(db: Queryable, token: string, now: Date): Promise<Session | null> {
  const id = hashToken(token);
  const session = await findSessionRow(db, id);
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await deleteSessionRow(db, id);
    return null;
  }
  const { createdAt, ...live } = session;
  const expiresAt = expiryFrom(now, createdAt);
  if (session.expiresAt.getTime() - now.getTime() < idleLifetimeMs / 2 && expiresAt.getTime() > session.expiresAt.getTime()) {
    await renewSessionRow(db, id, expiresAt);
    return { ...live, expiresAt, renewed: true };
  }
  return { ...live, renewed: false };
}

export async function invalidateSession(db: Queryable, token: string): Promise<void> {
  await deleteSessionRow(db, hashToken(token));
}

/** Ends every session of the user but `keep` (a cookie token); returns the ended sessions' ids, for closing their sockets. */
export async function invalidateUserSessions(db: Queryable, userId: number, keep?: string): Promise<string[]> {
  return deleteUserSessionRows(db, userId, keep === undefined ? undefined : hashToken(keep));
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookieName);
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date, secure: boolean): void {
  setCookie(c, sessionCookieName, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt });
}

export function deleteSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, sessionCookieName, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}
