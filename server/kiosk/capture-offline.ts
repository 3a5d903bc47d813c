/**
 * A kiosk's `capture_offline`: a punch it took while it could not reach the
 * server, sealed to its kiosk key, sent once it is back. The server opens
 * it, checks the PIN as `identify` would (a wrong one counts towards the
 * kiosk's lockout and is never recorded), and judges the shift window at the
 * time it was taken. That time is the kiosk's word, so it must fall inside
 * what the server knows: after the kiosk's last contact before the gap and
 * before this connection. A replay of the same requestId returns the first
 * result.
 */
import { z } from 'zod';
import { checkPhotoBytes, maxPhotoBytes, processPhoto } from '../../storage/photo-processing.js';
import { attendanceSummary } from '../attendance/attendance.queries.js';
import { recordAttendance } from '../attendance/record-attendance.js';
import type { OfflineRefusal } from '../domain-events.js';
import type { AppDeps } from '../http/app-env.js';
import type { AckError, CaptureAck, ErrorCode } from '../socket-contract.js';
import { checkPin } from './identify.js';
import { earlierCaptureResult } from './capture.js';
import { rememberCaptureRequest } from './kiosks.queries.js';
import { openPunch, type KioskKey } from './offline-punch-crypto.js';

/** What the server knows of the gap: the kiosk's last contact before it, and when it came back. */
export type OfflineGap = { lastContactBefore: Date; backAt: Date };

/**
 * Slack on both bounds: the server notices a dropped connection only after
 * its ping timeout (up to a minute), and a kiosk's clock can be a little off.
 */
export const gapSlackMs = 2 * 60_000;

const binary = z.custom<Uint8Array | ArrayBuffer>((value) => value instanceof Uint8Array || value instanceof ArrayBuffer, 'must be binary data');
const payloadSchema = z.object({ key: binary, iv: binary, data: binary, sentAt: z.iso.datetime({ offset: true }) });
const headerSchema = z.object({ pin: z.string().max(20), takenAt: z.iso.datetime({ offset: true }), requestId: z.string().min(1).max(100) });

const bytesOf = (value: Uint8Array | ArrayBuffer) => (value instanceof ArrayBuffer ? new Uint8Array(value) : value);
const refusal = (code: ErrorCode, message: string): AckError => ({ ok: false, error: { code, message } });

export async function captureOffline(deps: AppDeps, kiosk: { id: number; name: string }, key: KioskKey, gap: OfflineGap, payload: unknown): Promise<CaptureAck> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return refusal('invalid_request', 'Send {key, iv, data: <binary>, sentAt: <ISO time>}: a punch sealed by the kiosk app.');
  const data = bytesOf(parsed.data.data);
  if (data.byteLength > maxPhotoBytes + 8192) return refusal('payload_too_large', 'This saved punch is larger than a 5 MB photo allows.');
  const opened = openPunch(key, { key: bytesOf(parsed.data.key), iv: bytesOf(parsed.data.iv), data });
  if (!opened) return refusal('undecryptable', "This saved punch cannot be opened with this kiosk's key: it was sealed for another kiosk or pairing, or changed on the way.");
  const header = headerSchema.safeParse(opened.header);
  if (!header.success) return refusal('invalid_request', 'This saved punch is missing its PIN, time or request id.');
  const { pin, requestId } = header.data;

  const earlier = await earlierCaptureResult(deps, kiosk.id, requestId);
  if (earlier) return earlier;

  const now = deps.clock.now();
  // The kiosk's clock may be off: its times are moved by how far its clock was from ours as it sent.
  const skewMs = now.getTime() - Date.parse(parsed.data.sentAt);
  const takenAt = new Date(Date.parse(header.data.takenAt) + skewMs);
  const refused = (reason: OfflineRefusal, ack: AckError, staffId?: number): AckError => {
    deps.logger.warn('A punch saved offline was not recorded', { kioskId: kiosk.id, reason, takenAt: takenAt.toISOString(), staffId });
    deps.events.emit('offlinePunchRefused', { kioskId: kiosk.id, kioskName: kiosk.name, takenAt, reason, staffId, at: now });
    return ack;
  };
  if (takenAt.getTime() < gap.lastContactBefore.getTime() - gapSlackMs || takenAt.getTime() > gap.backAt.getTime() + gapSlackMs) {
    return refused(
      'taken_at_out_of_range',
      refusal('taken_at_out_of_range', `This saved punch says it was taken at ${takenAt.toISOString()}, outside the time this kiosk was offline (${gap.lastContactBefore.toISOString()} to ${gap.backAt.toISOString()}), so it was not recorded.`),
    );
  }
  const bytes = checkPhotoBytes(opened.image);
  if (!bytes.ok) return refused('invalid_image', refusal(bytes.code, bytes.message));
  const photo = processPhoto(opened.image);

  const check = await checkPin(deps, kiosk.id, pin, now);
  if (check.result === 'wrong') return refused('wrong_pin', refusal('invalid_pin', 'The PIN saved with this punch is not right, so it was not recorded.'));
  if (check.result === 'locked') return refused('locked', refusal('locked', 'This kiosk is locked after wrong PINs, so this saved punch was not recorded.'));
  const staffId = check.person.id;
  const outcome = await recordAttendance(deps, {
    staffId,
    image: opened.image,
    photo,
    kioskId: kiosk.id,
    takenOfflineAt: takenAt,
    request: { kioskId: kiosk.id, requestId },
  });
  if (!outcome.ok) {
    const reason: OfflineRefusal = outcome.code === 'payload_too_large' ? 'invalid_image' : outcome.code;
    return refused(reason, refusal(outcome.code, outcome.message), staffId);
  }
  if (!outcome.created) await rememberCaptureRequest(deps.db, kiosk.id, requestId, outcome.record.id);
  return { ok: true, attendance: attendanceSummary(outcome.record) };
}
