/** What a username and a new password must look like, wherever accounts are created. */
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
  return isUniqueViolation(error, 'users_username_lower_key') ? domainError.conflict('username_taken', `The username "${username}" is already taken.`) : undefined;
}
