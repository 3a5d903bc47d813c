/**
 * The swap status machine, as plain data and functions:
 * `pending` → (`awaiting_manager` →) `done`, or `declined`, `rejected`, `cancelled`.
 */
import type { SwapStatus } from '../../storage/schema.js';

export type SwapAction = 'accept' | 'decline' | 'cancel' | 'approve' | 'reject';
export type SwapActor = 'proposer' | 'counterpart' | 'manager' | 'other';

const rules: Record<SwapAction, { from: readonly SwapStatus[]; actors: readonly SwapActor[] }> = {
  accept: { from: ['pending'], actors: ['counterpart'] },
  decline: { from: ['pending'], actors: ['counterpart'] },
  cancel: { from: ['pending', 'awaiting_manager'], actors: ['proposer', 'counterpart'] },
  approve: { from: ['awaiting_manager'], actors: ['manager'] },
  reject: { from: ['awaiting_manager'], actors: ['manager'] },
};

const statusWords: Record<SwapStatus, string> = {
  pending: 'is waiting for the other person',
  awaiting_manager: 'is waiting for a manager',
  done: 'is already done',
  declined: 'was declined',
  rejected: 'was rejected by a manager',
  cancelled: 'was cancelled',
};

const actorWords: Record<SwapAction, string> = {
  accept: 'Only the person asked can accept this swap.',
  decline: 'Only the person asked can decline this swap.',
  cancel: 'Only the two people in this swap can cancel it.',
  approve: 'Only a manager can approve a swap.',
  reject: 'Only a manager can reject a swap.',
};

export type TransitionResult =
  | { ok: true; next: SwapStatus; final: boolean }
  | { ok: false; reason: 'not_allowed' | 'wrong_status'; message: string };

export function nextSwapStatus(action: SwapAction, current: SwapStatus, actor: SwapActor, requiresApproval: boolean): TransitionResult {
  const rule = rules[action];
  if (!rule.actors.includes(actor)) return { ok: false, reason: 'not_allowed', message: actorWords[action] };
  if (!rule.from.includes(current)) {
    return { ok: false, reason: 'wrong_status', message: `This swap ${statusWords[current]}, so it cannot be ${pastTense(action)} now.` };
  }
  const next: SwapStatus =
    action === 'accept' ? (requiresApproval ? 'awaiting_manager' : 'done')
    : action === 'approve' ? 'done'
    : action === 'decline' ? 'declined'
    : action === 'reject' ? 'rejected'
    : 'cancelled';
  return { ok: true, next, final: next === 'done' };
}

function pastTense(action: SwapAction): string {
  return { accept: 'accepted', decline: 'declined', cancel: 'cancelled', approve: 'approved', reject: 'rejected' }[action];
}
