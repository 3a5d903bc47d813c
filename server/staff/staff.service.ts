/** Creating and editing staff profiles, with the rules that span tables; each change with its ledger entry, in one transaction. */
import type { Database, Transaction } from '../../storage/database.js';
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
import { hashPin, randomPin } from './pin.js';
import { findStaffByUser, findStaffProfile, findStaffRow, insertStaff, pinInUse, setStaffActive, updateStaff, type StaffChangedBy, type StaffProfile } from './staff.queries.js';

const pinTaken = () =>
  domainError.conflict('pin_taken', 'Another active staff member already uses this PIN. Choose a different one.', { pin: ['is already used by another active staff member'] });

function mapUniqueViolations(error: unknown): never {
  if (isUniqueViolation(error, 'staff_active_pin_key')) throw pinTaken();
  if (isUniqueViolation(error, 'staff_user_id_key')) throw domainError.conflict('staff_exists', 'This user already has a staff profile.');
  throw error;
}

/** The manager making a change, and when: each change's ledger entry names them. */
export type ManagerChange = { managerId: number; now: Date };

const changedBy = (by: ManagerChange): StaffChangedBy => ({ actor: { kind: 'user', id: by.managerId }, at: by.now });

/** A new profile's PIN: one the manager chose, one to generate, or none yet. */
export type NewPin = { chosen: string } | 'generate' | undefined;

/** What a new profile was given that only this answer shows: a generated PIN. */
export type CreatedStaff = { profile: StaffProfile; pin?: string };

/**
 * A random PIN no active staff member has, nor `previous` (the one it
 * replaces). Every PIN change takes the ledger's lock first, so nobody can
 * take this PIN before the caller's transaction commits. With a million
 * PINs and a few hundred people, the first pick is nearly always free.
 */
async function pickFreePin(tx: Transaction, pepper: Buffer, previous: string | null = null): Promise<{ pin: string; pinHmac: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const pin = randomPin();
    const pinHmac = hashPin(pepper, pin);
    if (pinHmac !== previous && !(await pinInUse(tx, pinHmac))) return { pin, pinHmac };
  }
  throw domainError.busy('No free PIN was found. Try again.');
}

/** The new profile's PIN HMAC (refused if another active person has a chosen one), and the PIN if generated. */
async function newProfilePin(tx: Transaction, pepper: Buffer, pin: NewPin): Promise<{ pinHmac: string | null; generated?: string }> {
  if (pin === 'generate') {
    const free = await pickFreePin(tx, pepper);
    return { pinHmac: free.pinHmac, generated: free.pin };
  }
  if (!pin) return { pinHmac: null };
  const pinHmac = hashPin(pepper, pin.chosen);
  if (await pinInUse(tx, pinHmac)) throw pinTaken();
  return { pinHmac };
}

export async function createStaffProfile(
  db: Database,
  pepper: Buffer,
  by: ManagerChange,
  input: { user: number; weeklyOffs: Weekday[]; name?: string; pin: NewPin; startedOn: string },
): Promise<CreatedStaff> {
  try {
    const { id, pin } = await ledgerTransaction(db, async (tx) => {
      const user = await findAuthUser(tx, input.user);
      if (!user) throw domainError.invalid('validation_failed', `There is no user with id ${input.user}.`, { user: [`no user with id ${input.user}`] });
      if (await findStaffByUser(tx, input.user)) throw domainError.conflict('staff_exists', `User ${user.username} already has a staff profile.`);
      const { pinHmac, generated } = await newProfilePin(tx, pepper, input.pin);
      const id = await insertStaff(tx, { userId: input.user, name: input.name ?? user.username, weeklyOffs: input.weeklyOffs, pinHmac, startedOn: input.startedOn }, changedBy(by));
      return { id, pin: generated };
    });
    return { profile: (await findStaffProfile(db, id))!, ...(pin && { pin }) };
  } catch (error) {
    mapUniqueViolations(error);
  }
}

/** A new staff account and its profile, together or not at all. */
export async function createStaffWithAccount(
  db: Database,
  pepper: Buffer,
  by: ManagerChange,
  input: { username: string; password: string; weeklyOffs: Weekday[]; name?: string; pin: NewPin; startedOn: string },
): Promise<CreatedStaff> {
  const passwordHash = await hashPassword(input.password);
  try {
    const { id, pin } = await ledgerTransaction(db, async (tx) => {
      const { pinHmac, generated } = await newProfilePin(tx, pepper, input.pin);
      const user = await insertUser(tx, { username: input.username, passwordHash, role: 'staff' }, { ...changedBy(by), via: 'staff_form' });
      const id = await insertStaff(tx, { userId: user.id, name: input.name ?? input.username, weeklyOffs: input.weeklyOffs, pinHmac, startedOn: input.startedOn }, changedBy(by));
      return { id, pin: generated };
    });
    return { profile: (await findStaffProfile(db, id))!, ...(pin && { pin }) };
  } catch (error) {
    const taken = usernameTakenError(error, input.username);
    if (taken) throw taken;
    mapUniqueViolations(error);
  }
}

/**
 * A new random PIN for a staff member, returned once; the old one stops
 * working as this commits. Its ledger entry (`staff.pin_changed`) says only
 * that it changed.
 */
export async function regenerateStaffPin(db: Database, pepper: Buffer, by: ManagerChange, staffId: number): Promise<string> {
  return ledgerTransaction(db, async (tx) => {
    const current = await findStaffRow(tx, staffId);
    if (!current) throw domainError.notFound(`There is no staff member with id ${staffId}.`);
    const { pin, pinHmac } = await pickFreePin(tx, pepper, current.pinHmac);
    await updateStaff(tx, staffId, { pinHmac }, changedBy(by));
    return pin;
  });
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
