/** Creating and editing staff profiles, with the rules that span tables; each change with its ledger entry, in one transaction. */
import type { Database } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { assertRule, domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import type { ScheduleContext } from '../roster/shifts.service.js';
import { lockStaffForScheduling } from '../roster/shifts.queries.js';
import { checkWeeklyOffsChange } from '../roster/weekly-offs.js';
import type { Weekday } from '../roster/weekdays.js';
import { usernameTakenError } from '../auth/credentials.js';
import { hashPassword } from '../auth/password.js';
import { findAuthUser, insertUser } from '../auth/users.queries.js';
import { setAccountActive } from './accounts.service.js';
import { hashPin } from './pin.js';
import { findStaffByUser, findStaffProfile, findStaffRow, insertStaff, pinInUse, setStaffActive, updateStaff, type StaffChangedBy, type StaffProfile } from './staff.queries.js';

const pinTaken = () => domainError.conflict('pin_taken', 'Another active staff member already uses this PIN. Choose a different one.');

function mapUniqueViolations(error: unknown): never {
  if (isUniqueViolation(error, 'staff_active_pin_key')) throw pinTaken();
  if (isUniqueViolation(error, 'staff_user_id_key')) throw domainError.conflict('staff_exists', 'This user already has a staff profile.');
  throw error;
}

/** The manager making a change, and when: each change's ledger entry names them. */
export type ManagerChange = { managerId: number; now: Date };

const changedBy = (by: ManagerChange): StaffChangedBy => ({ actor: { kind: 'user', id: by.managerId }, at: by.now });

export async function createStaffProfile(
  db: Database,
  pepper: Buffer,
  by: ManagerChange,
  input: { user: number; weeklyOffs: Weekday[]; name?: string; pin?: string; startedOn: string },
): Promise<StaffProfile> {
  const pinHmac = input.pin ? hashPin(pepper, input.pin) : null;
  try {
    const id = await ledgerTransaction(db, async (tx) => {
      const user = await findAuthUser(tx, input.user);
      if (!user) throw domainError.invalid('validation_failed', `There is no user with id ${input.user}.`, { user: [`no user with id ${input.user}`] });
      if (await findStaffByUser(tx, input.user)) throw domainError.conflict('staff_exists', `User ${user.username} already has a staff profile.`);
      if (pinHmac && (await pinInUse(tx, pinHmac))) throw pinTaken();
      return insertStaff(tx, { userId: input.user, name: input.name ?? user.username, weeklyOffs: input.weeklyOffs, pinHmac, startedOn: input.startedOn }, changedBy(by));
    });
    return (await findStaffProfile(db, id))!;
  } catch (error) {
    mapUniqueViolations(error);
  }
}

/** A new staff account and its profile, together or not at all. */
export async function createStaffWithAccount(
  db: Database,
  pepper: Buffer,
  by: ManagerChange,
  input: { username: string; password: string; weeklyOffs: Weekday[]; name?: string; pin?: string; startedOn: string },
): Promise<StaffProfile> {
  const passwordHash = await hashPassword(input.password);
  const pinHmac = input.pin ? hashPin(pepper, input.pin) : null;
  try {
    const id = await ledgerTransaction(db, async (tx) => {
      if (pinHmac && (await pinInUse(tx, pinHmac))) throw pinTaken();
      const user = await insertUser(tx, { username: input.username, passwordHash, role: 'staff' }, { ...changedBy(by), via: 'staff_form' });
      return insertStaff(tx, { userId: user.id, name: input.name ?? input.username, weeklyOffs: input.weeklyOffs, pinHmac, startedOn: input.startedOn }, changedBy(by));
    });
    return (await findStaffProfile(db, id))!;
  } catch (error) {
    const taken = usernameTakenError(error, input.username);
    if (taken) throw taken;
    mapUniqueViolations(error);
  }
}

export async function editStaffProfile(
  db: Database,
  pepper: Buffer,
  by: ManagerChange,
  staffId: number,
  changes: { weeklyOffs?: Weekday[]; name?: string; active?: boolean; pin?: string; startedOn?: string },
  context: ScheduleContext & { today: string },
): Promise<{ profile: StaffProfile; endedSessions: string[] }> {
  let endedSessions: string[] = [];
  try {
    await ledgerTransaction(db, async (tx) => {
      if (!(await lockStaffForScheduling(tx, staffId))) throw domainError.notFound(`There is no staff member with id ${staffId}.`);
      const current = (await findStaffRow(tx, staffId))!;
      if (changes.weeklyOffs) assertRule(await checkWeeklyOffsChange(tx, staffId, changes.weeklyOffs, context));
      const pinHmac = changes.pin ? hashPin(pepper, changes.pin) : current.pinHmac;
      const willBeActive = changes.active ?? current.active;
      if (pinHmac && willBeActive && (changes.pin || changes.active) && (await pinInUse(tx, pinHmac, staffId))) throw pinTaken();
      await updateStaff(tx, staffId, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.weeklyOffs !== undefined && { weeklyOffs: changes.weeklyOffs }),
        ...(changes.startedOn !== undefined && { startedOn: changes.startedOn }),
        ...(changes.pin !== undefined && pinHmac && { pinHmac }),
      }, changedBy(by));
      // Deactivating the profile deactivates the account: the leaver is cut off at once.
      if (changes.active !== undefined && changes.active !== current.active) {
        await setStaffActive(tx, staffId, changes.active, context.today, changedBy(by));
        endedSessions = await setAccountActive(tx, by.managerId, current.userId, changes.active, context, false);
      }
    });
  } catch (error) {
    mapUniqueViolations(error);
  }
  return { profile: (await findStaffProfile(db, staffId))!, endedSessions };
}
