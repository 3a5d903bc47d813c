/**
 * Cookie sessions for the web apps, after Lucia's session guide: a random
 * token in an HttpOnly cookie, only its SHA-256 in the database, and a sliding
 * expiry renewed when a session is used in the second half of its life.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Queryable } from '../../storage/database.js';
import { deleteSessionRow, deleteUserSessionRows, findSessionRow, insertSessionRow, renewSessionRow } from './sessions.queries.js';

export const sessionCookieName = 'rollcall_session';
const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** `renewed` is true when this use pushed the expiry back, so the cookie must be sent again. */
export type Session = { id: string; userId: number; expiresAt: Date; renewed?: boolean };

export function generateSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, token: string, userId: number, now: Date): Promise<Session> {
  const session = { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + sessionLifetimeMs) };
  await insertSessionRow(db, session);
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
  if (session.expiresAt.getTime() - now.getTime() < sessionLifetimeMs / 2) {
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await renewSessionRow(db, id, expiresAt);
    return { ...session, expiresAt, renewed: true };
  }
  return { ...session, renewed: false };
}

export async function invalidateSession(db: Queryable, token: string): Promise<void> {
  await deleteSessionRow(db, hashToken(token));
}

export async function invalidateUserSessions(db: Queryable, userId: number): Promise<void> {
  await deleteUserSessionRows(db, userId);
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
