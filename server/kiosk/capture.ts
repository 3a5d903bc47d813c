/**
 * A kiosk's `capture`: an attempt token, a kind and a frame in; the stored
 * attendance record out. A retry with the same request id returns the first
 * result, even after a reconnect or on another server process. An attempt
 * serves one capture: once a capture with it records attendance, or while
 * one is being recorded, another request id with it is refused, so a token
 * seen on the wire cannot be replayed within its two minutes. A capture that
 * is refused (a bad frame, a closed window) leaves it to the next try.
 */
import { checkPhotoBytes, processPhoto } from '../../storage/photo-processing.js';
import { attendanceSummary, findRecordById } from '../attendance/attendance.queries.js';
import { recordAttendance } from '../attendance/record-attendance.js';
import type { AppDeps } from '../http/app-env.js';
import type { CaptureAck } from '../socket-contract.js';
import { verifyAttempt } from './kiosk-tokens.js';
import { findCaptureRequest, releaseAttempt, rememberCaptureRequest, useAttempt } from './kiosks.queries.js';

export type CaptureInput = { attempt: string; kind: 'check_in' | 'check_out'; image: Uint8Array; requestId: string };

/** The answer a kiosk's earlier capture with this request id got, if it recorded a punch: a retry gets it again. */
export async function earlierCaptureResult(deps: AppDeps, kioskId: number, requestId: string): Promise<CaptureAck | undefined> {
  const earlier = await findCaptureRequest(deps.db, kioskId, requestId);
  const record = earlier === undefined ? undefined : await findRecordById(deps.db, earlier);
  return record && { ok: true, attendance: attendanceSummary(record) };
}

export async function captureAttendance(deps: AppDeps, kioskId: number, input: CaptureInput): Promise<CaptureAck> {
  const earlierResult = () => earlierCaptureResult(deps, kioskId, input.requestId);
  const check = verifyAttempt(deps.secrets.attemptKey, input.attempt, kioskId, deps.clock.now());
  if (!check.ok) {
    // A retry after the attempt expired still gets the first answer.
    const earlier = await earlierResult();
    if (earlier) return earlier;
    const message =
      check.reason === 'expired'
        ? 'That took too long: please enter your PIN again.'
        : 'This check-in was not started on this kiosk: please enter your PIN again.';
    return { ok: false, error: { code: 'attempt_expired', message } };
  }
  // Bytes that are not even an image are refused before they can hold the attempt.
  const bytes = checkPhotoBytes(input.image);
  if (!bytes.ok) return (await earlierResult()) ?? { ok: false, error: { code: bytes.code, message: bytes.message } };
  // A signed attempt: the frame's conversion starts now, beside the queries that decide whether it is kept.
  const photo = processPhoto(input.image);
  const earlier = await earlierResult();
  if (earlier) return earlier;
  const use = { attemptId: check.id, kioskId, requestId: input.requestId, expiresAt: new Date(check.attempt.expiresAt) };
  if ((await useAttempt(deps.db, use, deps.clock.now())) !== input.requestId) {
    return { ok: false, error: { code: 'attempt_used', message: 'This PIN entry has already been used for a check-in or check-out: please enter your PIN again.' } };
  }
  let recorded = false;
  try {
    const request = { kioskId, requestId: input.requestId };
    const outcome = await recordAttendance(deps, { staffId: check.attempt.staffId, image: input.image, kind: input.kind, kioskId, photo, request });
    if (!outcome.ok) return { ok: false, error: { code: outcome.code, message: outcome.message } };
    // A new punch has its request written with it; a repeat (the punch was there already) is remembered now.
    if (!outcome.created) await rememberCaptureRequest(deps.db, kioskId, input.requestId, outcome.record.id);
    recorded = true;
    return { ok: true, attendance: attendanceSummary(outcome.record) };
  } finally {
    if (!recorded) await releaseAttempt(deps.db, use);
  }
}
