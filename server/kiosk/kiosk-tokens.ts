/**
 * Secrets a kiosk handles: the one-time pairing code a manager reads out,
 * the long-lived kiosk token (only its SHA-256 is stored), and the
 * short-lived attempt token that binds one identified person to one kiosk.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: a code read off a screen and typed on another must survive both. */
const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const pairingCodeLength = 8;
export const pairingCodeLifetimeMs = 10 * 60_000;
export const attemptLifetimeMs = 2 * 60_000;

/** What a revoked kiosk is told before its connection ends. */
export const revokedMessage = 'This kiosk has been revoked by a manager. Pair it again to use it.';

export function generatePairingCode(): string {
  return Array.from({ length: pairingCodeLength }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
}

/** What a person may type for a code: any case, with spaces or dashes. */
export function normalisePairingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function generateKioskToken(): string {
  return randomBytes(32).toString('base64url');
}

export type Attempt = { staffId: number; kioskId: number; expiresAt: number };

function signature(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signAttempt(key: string, attempt: Attempt): string {
  const payload = Buffer.from(JSON.stringify({ s: attempt.staffId, k: attempt.kioskId, e: attempt.expiresAt, n: randomBytes(6).toString('hex') })).toString('base64url');
  return `${payload}.${signature(key, payload).toString('base64url')}`;
}

/**
 * `id` names the token for its single use: the SHA-256 of its signed part,
 * which only the server can choose (the signature's spelling can vary, as
 * base64 decoding ignores a last character's spare bits).
 */
export type AttemptCheck = { ok: true; attempt: Attempt; id: string } | { ok: false; reason: 'forged' | 'expired' | 'other_kiosk' };

export function verifyAttempt(key: string, token: string, kioskId: number, now: Date): AttemptCheck {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return { ok: false, reason: 'forged' };
  const expected = signature(key, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let data: { s?: unknown; k?: unknown; e?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'forged' };
  }
  if (typeof data.s !== 'number' || typeof data.k !== 'number' || typeof data.e !== 'number') return { ok: false, reason: 'forged' };
  if (data.k !== kioskId) return { ok: false, reason: 'other_kiosk' };
  if (data.e <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, attempt: { staffId: data.s, kioskId: data.k, expiresAt: data.e }, id: createHash('sha256').update(payload).digest('hex') };
}
