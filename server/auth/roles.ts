/** Role names as the outside world writes them, and as the database stores them. */
import { z } from 'zod';
import type { Role } from './users.queries.js';

const roleNames: Record<string, Role> = { manager: 'manager', employee: 'staff', staff: 'staff' };

/** Accepts `Employee`, `Staff` and `Manager` in any letter case. */
export const roleSchema = z
  .string({ error: 'must be "Employee" or "Manager"' })
  .transform((value, ctx) => {
    const role = roleNames[value.trim().toLowerCase()];
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
