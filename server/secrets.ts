/**
 * The server's secret key, and the separate keys derived from it. It lives in
 * `SECRET_KEY` or in `DATA_DIR/secret.key` (created 0600 on first start) and
 * never in the database, so a stolen dump cannot reverse PINs or forge tokens.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Secrets = {
  /** Signs the API's JWT access and refresh tokens. */
  jwtKey: string;
  /** The pepper of PIN HMACs. */
  pinPepper: Buffer;
  /** Signs kiosk attempt tokens, so any server process can check one. */
  attemptKey: string;
  /** Each kiosk's key pair for the punches it saves while offline is derived from this (offline-punch-crypto.ts). */
  offlinePunchKey: Buffer;
};

export function deriveSecrets(secretKey: string): Secrets {
  const derive = (purpose: string) => createHmac('sha256', secretKey).update(`rollcall:${purpose}`).digest();
  return { jwtKey: derive('jwt').toString('hex'), pinPepper: derive('pin'), attemptKey: derive('attempt').toString('hex'), offlinePunchKey: derive('offline-punch') };
}

export function loadOrCreateSecretKey(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
