/**
 * Shift swaps between staff members: propose, then accept/decline, and when
 * the organisation requires it, a manager's approve/reject. The final yes
 * moves both occurrences in one transaction, after locking both people and
 * re-checking every rule against the current schedule. Each step writes
 * its ledger entry (and the final yes a `swap.done` naming the moves) in
 * the transaction that takes it.
 */
import type { Database, Queryable } from '../../storage/database.js';
import type { SwapRow } from '../../storage/schema.js';
import type { AppDeps, AuthUser } from '../http/app-env.js';
import { domainError } from '../domain-error.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { checkMoves, lockPeople, writeMoves, type Move, type MoveContext } from '../roster/occurrence-moves.js';
import { findSchedulablePeople } from '../roster/roster.queries.js';
import { getSettings } from '../settings/settings.queries.js';
import { findStaffRow } from '../staff/staff.queries.js';
import { nextSwapStatus, type SwapAction, type SwapActor } from './swap-transitions.js';
import { changeSwapStatus, findSwap, insertSwap, proposalLedgerData, recordSwapChange, swapActionRecorded } from './swaps.queries.js';

export type OccurrenceRef = { shiftId: number; date: string };

export type SwapProposal = { shift: OccurrenceRef; withStaff: number; inReturn: OccurrenceRef | null; note?: string };

function movesOf(swap: Pick<SwapRow, 'proposerStaffId' | 'counterpartStaffId' | 'shiftId' | 'shiftDate' | 'returnShiftId' | 'returnShiftDate'>): Move[] {
  const moves: Move[] = [{ shiftId: swap.shiftId, date: swap.shiftDate, from: swap.proposerStaffId, to: swap.counterpartStaffId }];
  if (swap.returnShiftId !== null && swap.returnShiftDate !== null) {
    moves.push({ shiftId: swap.returnShiftId, date: swap.returnShiftDate, from: swap.counterpartStaffId, to: swap.proposerStaffId });
  }
  return moves;
}

async function moveContext(deps: AppDeps, db: Queryable): Promise<MoveContext & { requiresApproval: boolean }> {
  const settings = await getSettings(db, deps.config.orgTimezone);
  return { zone: settings.timezone, minRestHours: settings.minRestHours, now: deps.clock.now(), requiresApproval: settings.swapRequiresApproval };
}

export async function proposeSwap(deps: AppDeps, user: AuthUser, proposal: SwapProposal): Promise<SwapRow> {
  if (user.staffId === null) throw domainError.notAllowed('Only staff members can propose swaps.');
  const proposer = user.staffId;
  if (proposal.withStaff === proposer) throw domainError.invalid('validation_failed', 'Choose a colleague to swap with, not yourself.', { withStaff: ['must be someone else'] });
  const colleague = await findStaffRow(deps.db, proposal.withStaff);
  if (!colleague) throw domainError.invalid('validation_failed', `There is no staff member with id ${proposal.withStaff}.`, { withStaff: [`no staff member with id ${proposal.withStaff}`] });
  if (!colleague.active) throw domainError.conflict('staff_inactive', `${colleague.name} is no longer active, so cannot take shifts.`);
  const values = {
    proposerStaffId: proposer,
    counterpartStaffId: proposal.withStaff,
    shiftId: proposal.shift.shiftId,
    shiftDate: proposal.shift.date,
    returnShiftId: proposal.inReturn?.shiftId ?? null,
    returnShiftDate: proposal.inReturn?.date ?? null,
    note: proposal.note ?? null,
    createdAt: deps.clock.now(),
    updatedAt: deps.clock.now(),
  };
  return ledgerTransaction(deps.db, async (tx) => {
    const context = await moveContext(deps, tx);
    // Refuse now what could never be carried out, rather than at the final yes.
    await lockPeople(tx, [proposer, proposal.withStaff]);
    await checkMoves(tx, movesOf(values), context, { bySwap: true });
    const swap = await insertSwap(tx, values);
    await recordSwapChange(tx, { userId: user.id, at: values.createdAt }, 'swap.proposed', swap.id, proposalLedgerData(swap));
    return swap;
  });
}

function actorOf(user: AuthUser, swap: SwapRow): SwapActor {
  if (user.staffId !== null && user.staffId === swap.proposerStaffId) return 'proposer';
  if (user.staffId !== null && user.staffId === swap.counterpartStaffId) return 'counterpart';
  return user.role === 'manager' ? 'manager' : 'other';
}

/** A swap the user may see: its two people and managers. */
export async function findVisibleSwap(db: Database, user: AuthUser, swapId: number): Promise<SwapRow> {
  const swap = await findSwap(db, swapId);
  if (!swap || actorOf(user, swap) === 'other') throw domainError.notFound(`There is no swap with id ${swapId}.`);
  return swap;
}

/**
 * Both people must still be active at the final yes. `checkMoves` checks the
 * people who receive a shift; this also covers a proposer who only gives one
 * away (a cover request), deactivated since proposing: their shift must not
 * be handed on by someone who no longer works here. Read after `lockPeople`,
 * which waits for a deactivation in progress (it updates the same rows).
 */
async function assertBothActive(tx: Queryable, swap: SwapRow, action: 'accept' | 'approve'): Promise<void> {
  const people = await findSchedulablePeople(tx, [swap.proposerStaffId, swap.counterpartStaffId]);
  for (const id of [swap.proposerStaffId, swap.counterpartStaffId]) {
    const person = people.find((row) => row.id === id);
    if (person?.active) continue;
    const instead = action === 'accept' ? 'decline it instead' : 'reject it instead';
    throw domainError.conflict('staff_inactive', `${person?.name ?? `Staff member ${id}`} is no longer active, so this swap cannot go ahead: ${instead}.`);
  }
}

export async function actOnSwap(deps: AppDeps, user: AuthUser, swapId: number, action: SwapAction): Promise<SwapRow> {
  const swap = await findVisibleSwap(deps.db, user, swapId);
  const updated = await ledgerTransaction(deps.db, async (tx) => {
    const context = await moveContext(deps, tx);
    const transition = nextSwapStatus(action, swap.status, actorOf(user, swap), context.requiresApproval);
    if (!transition.ok) throw transition.reason === 'not_allowed' ? domainError.notAllowed(transition.message) : domainError.conflict('swap_not_open', transition.message);
    const moves = movesOf(swap);
    if (action === 'accept' || action === 'approve') {
      await lockPeople(tx, [swap.proposerStaffId, swap.counterpartStaffId]);
      await assertBothActive(tx, swap, action);
      await checkMoves(tx, moves, context, { bySwap: true });
    }
    const changed = await changeSwapStatus(tx, swap.id, swap.status, transition.next, action === 'approve' || action === 'reject' ? user.id : null, context.now);
    if (!changed) throw domainError.conflict('swap_not_open', 'This swap was changed by someone else a moment ago. Reload to see where it stands.');
    const by = { userId: user.id, at: context.now };
    await recordSwapChange(tx, by, swapActionRecorded[action], swap.id, { from: swap.status, to: changed.status });
    if (transition.final) {
      await writeMoves(tx, moves, { swapId: swap.id, userId: user.id });
      await recordSwapChange(tx, by, 'swap.done', swap.id, { moves });
    }
    return changed;
  });
  const people = { id: updated.id, proposer: updated.proposerStaffId, counterpart: updated.counterpartStaffId };
  if (updated.status === 'awaiting_manager') deps.events.emit('swapAwaitingManager', people);
  return updated;
}

