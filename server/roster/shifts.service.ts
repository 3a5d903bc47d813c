/**
 * Adding and editing template shifts. The rules are checked inside a
 * transaction that first locks the staff member's row, so two edits racing
 * for one person cannot both slip an overlapping shift past the check.
 */
import type { Database, Queryable } from '../../storage/database.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { getSettings } from '../settings/settings.queries.js';
import { checkTemplateShift } from './template-rules.js';
import {
  findTemplateShift,
  insertTemplateShift,
  listTemplateShifts,
  lockStaffForScheduling,
  updateTemplateShift,
  type TemplateShiftRecord,
} from './shifts.queries.js';

export type ShiftInput = { dayOfWeek: number; startTime: string; endTime: string };

async function assertFits(tx: Queryable, staffId: number, weeklyOffs: number[], candidate: ShiftInput & { id?: number }) {
  const existing = await listTemplateShifts(tx, { staffId });
  const { minRestHours } = await getSettings(tx, 'UTC');
  const verdict = checkTemplateShift(candidate, existing, weeklyOffs, minRestHours);
  if (!verdict.ok) throw new AppError(409, verdict.code, verdict.message);
}

export async function addTemplateShift(db: Database, staffId: number, input: ShiftInput): Promise<TemplateShiftRecord> {
  return db.transaction(async (tx) => {
    const owner = await lockStaffForScheduling(tx, staffId);
    if (!owner) throw badRequest('validation_failed', `There is no staff member with id ${staffId}.`, { staff: [`no staff member with id ${staffId}`] });
    await assertFits(tx, staffId, owner.weeklyOffs, input);
    return insertTemplateShift(tx, { staffId, ...input });
  });
}

export async function editTemplateShift(db: Database, shiftId: number, changes: Partial<ShiftInput>): Promise<TemplateShiftRecord> {
  return db.transaction(async (tx) => {
    const current = await findTemplateShift(tx, shiftId);
    if (!current) throw notFound(`There is no shift with id ${shiftId}.`);
    const owner = await lockStaffForScheduling(tx, current.staffId);
    const next = { ...current, ...changes };
    await assertFits(tx, current.staffId, owner!.weeklyOffs, next);
    return updateTemplateShift(tx, shiftId, { dayOfWeek: next.dayOfWeek, startTime: next.startTime, endTime: next.endTime });
  });
}
