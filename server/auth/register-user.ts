/**
 * Creating accounts. The first account may be created by anyone and must be
 * a manager; after that only a signed-in manager registers users. The check
 * and the insert run under a table lock that conflicts with itself and with
 * every insert, so two "first" sign-ups racing each other cannot both see an
 * empty table: the second waits, then counts the first one's user (each
 * statement reads what was committed before it began, on PostgreSQL's
 * default READ COMMITTED). tests/api/first-manager-race.test.ts holds it to that.
 * Each account's `user.created` ledger entry is written in the same
 * transaction; the first one's actor is `system`, as nobody is signed in.
 */
import type { Database } from '../../storage/database.js';
import { domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import type { AuthUser } from '../http/app-env.js';
import { usernameTakenError } from './credentials.js';
import { hashPassword } from './password.js';
import { countUsers, insertUser, lockUsersTable, type AccountChangedBy, type Role } from './users.queries.js';

export type NewUser = { username: string; password: string; role: Role };

export async function registerUser(db: Database, actor: AuthUser | null, input: NewUser, now: Date) {
  if (actor && actor.role !== 'manager') throw domainError.notAllowed('Only a manager can register users.');
  const passwordHash = await hashPassword(input.password);
  try {
    return await ledgerTransaction(db, async (tx) => {
      await lockUsersTable(tx);
      if (!actor) {
        // 401, not 403: with a manager's credentials the same request would succeed.
        if ((await countUsers(tx)) > 0) {
          throw domainError.unauthenticated('A manager already exists: ask them to add you, or sign in as a manager to register users.');
        }
        if (input.role !== 'manager') {
          throw domainError.notAllowed('The first account must be a manager: register with "role": "Manager".');
        }
      }
      // Nobody is signed in to make the first account: the system made it, on the first caller's word.
      const by: AccountChangedBy = { actor: actor ? { kind: 'user', id: actor.id } : { kind: 'system' }, at: now };
      return insertUser(tx, { username: input.username, passwordHash, role: input.role }, { ...by, via: actor ? 'register' : 'first_account' });
    });
  } catch (error) {
    throw usernameTakenError(error, input.username) ?? error;
  }
}
