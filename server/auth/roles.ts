/** Role names as the outside world writes them, and as the database stores them. */
import { z } from 'zod';
import type { Role } from './users.queries.js';

// A Map, not an object literal: "constructor" or "__proto__" must not find Object's own properties.
const roleNames = new Map<string, Role>([
  ['manager', 'manager'],
  ['employee', 'staff'],
  ['staff', 'staff'],
]);

/** Accepts `Employee`, `Staff` and `Manager` in any letter case. */
export const roleSchema = z
  .string({ error: 'must be "Employee" or "Manager"' })
  .transform((value, ctx) => {
    const role = roleNames.get(value.trim().toLowerCase());
    if (!role) {
      ctx.addIssue({ code: 'custom', message: 'must be "Employee" or "Manager"' });
      return z.NEVER;
    }
    return role;
  });

/** The original API's spelling of a role. */
export function originalRoleName(role: Role): 'Manager' | 'Employee' {
  return role === 'manager' ? 'Manager' : 'Employee';
}
