/** What a username and a new password must look like, wherever accounts are created. */
import { z } from 'zod';

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
