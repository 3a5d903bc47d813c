/**
 * Kiosk PINs: six digits, stored only as HMAC-SHA256 with the server's
 * pepper, so the kiosk can find a person by PIN while the database alone
 * cannot reveal one. Never logged; a generated one is returned once, to the
 * manager who asked for it.
 */
import { createHmac, randomInt } from 'node:crypto';
import { z } from 'zod';

export const pinSchema = z.string({ error: 'must be 6 digits, as text' }).regex(/^[0-9]{6}$/, 'must be exactly 6 digits');

export function hashPin(pepper: Buffer, pin: string): string {
  return createHmac('sha256', pepper).update(pin).digest('hex');
}

/**
 * Six random digits (a CSPRNG's), leading zeros kept.
 *
 * @example
 *   randomPin(); // '048213'
 */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
