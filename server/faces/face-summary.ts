/** A punch's face check as the API, the board and the history show it. */
import type { FaceSummary } from '../socket-contract.js';
import type { FaceCheckView } from './faces.queries.js';

/** Null for a punch taken while the check was off; `pending` until its photo is analysed. */
export function faceSummary(check: FaceCheckView | undefined): FaceSummary | null {
  if (!check) return null;
  return check.pending ? { verdict: 'pending', distance: null, review: null } : { verdict: check.verdict!, distance: check.distance, review: check.review };
}
