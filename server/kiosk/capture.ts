/**
 * A kiosk's `capture`: an attempt token, a kind and a frame in; the stored
 * attendance record out. A retry with the same request id returns the first
 * result, even after a reconnect or on another server process.
 */
import { attendanceSummary, findRecordById } from '../attendance/attendance.queries.js';
import { recordAttendance } from '../attendance/record-attendance.js';
import type { AppDeps } from '../http/app-env.js';
import type { CaptureAck } from '../socket-contract.js';
import { verifyAttempt } from './kiosk-tokens.js';
import { findCaptureRequest, rememberCaptureRequest } from './kiosks.queries.js';

export type CaptureInput = { attempt: string; kind: 'check_in' | 'check_out'; image: Uint8Array; requestId: string };

export async function captureAttendance(deps: AppDeps, kioskId: number, input: CaptureInput): Promise<CaptureAck> {
  const earlier = await findCaptureRequest(deps.db, kioskId, input.requestId);
  if (earlier !== undefined) {
    const record = await findRecordById(deps.db, earlier);
    if (record) return { ok: true, attendance: attendanceSummary(record) };
  }
  const check = verifyAttempt(deps.secrets.attemptKey, input.attempt, kioskId, deps.clock.now());
  if (!check.ok) {
    const message =
      check.reason === 'expired'
        ? 'That took too long: please enter your PIN again.'
        : 'This check-in was not started on this kiosk: please enter your PIN again.';
    return { ok: false, error: { code: 'attempt_expired', message } };
  }
  const outcome = await recordAttendance(deps, { staffId: check.attempt.staffId, image: input.image, kind: input.kind, kioskId });
  if (!outcome.ok) return { ok: false, error: { code: outcome.code, message: outcome.message } };
  await rememberCaptureRequest(deps.db, kioskId, input.requestId, outcome.record.id);
  return { ok: true, attendance: attendanceSummary(outcome.record) };
}
