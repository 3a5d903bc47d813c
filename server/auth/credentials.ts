/** What a username and a new password must look like, wherever accounts are created. */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { isUniqueViolation } from '../../storage/errors.js';
import { domainError } from '../domain-error.js';

export const usernameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(150, 'must be at most 150 characters')
  .regex(/^[\w.@+-]+$/, 'may contain only letters, digits and @ . + - _');

export const passwordSchema = z
  .string({ error: 'is required' })
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');

/** The 409 for a username someone already has (the database's case-insensitive unique index said so). */
export function usernameTakenError(error: unknown, username: string) {
  if (!isUniqueViolation(error, 'users_username_lower_key')) return undefined;
  return domainError.conflict('username_taken', `The username "${username}" is already taken.`, { username: ['is already taken by someone else'] });
}

/** Letters and digits nobody misreads when copying by hand: no 0/o, 1/l/i. */
const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password for a new account, given to the person once: 12 random
 * characters (about 59 bits) in three groups, easy to read out and type.
 *
 * @example
 *   generatePassword(); // 'k7mq-x4tp-9wzh'
 */
export function generatePassword(): string {
  const pick = () => passwordAlphabet[randomInt(passwordAlphabet.length)];
  return [0, 1, 2].map(() => Array.from({ length: 4 }, pick).join('')).join('-');
}
