/**
 * What managers are told when something needs their attention, from the
 * domain events that say what happened. Plain functions: the wording of
 * every alert is here.
 */
import { DateTime } from 'luxon';
import type { AttendanceRecord } from '../attendance/attendance.queries.js';
import type { DomainEvents, OfflineRefusal } from '../domain-events.js';
import type { RaisedAlert } from '../socket-contract.js';

export function lockoutAlert([lockout]: DomainEvents['pinLockoutStarted']): RaisedAlert {
  return {
    type: 'pin_lockout',
    message: `Kiosk "${lockout.kioskName}" locked for ${Math.ceil(lockout.retryAfterSeconds / 60)} minutes after repeated wrong PINs.`,
    at: lockout.at.toISOString(),
    kioskId: lockout.kioskId,
  };
}

/** Shown like a lockout (same type), but it does not end by itself, so it says what to do. */
export function pinCapAlert([lockout]: DomainEvents['pinCapReached']): RaisedAlert {
  return {
    type: 'pin_lockout',
    message: `Kiosk "${lockout.kioskName}" is locked after ${lockout.failures} wrong PINs within 24 hours, and stays locked until a manager unlocks it on the Kiosks page.`,
    at: lockout.at.toISOString(),
    kioskId: lockout.kioskId,
  };
}

/** A late check-in's alert; none for any other punch. */
export function lateArrivalAlert(record: AttendanceRecord, staffName: string): RaisedAlert | undefined {
  if (record.kind !== 'check_in' || record.status !== 'late') return undefined;
  const minutes = Math.round((record.at.getTime() - record.scheduledStart.getTime()) / 60_000);
  return { type: 'late_arrival', message: `${staffName} checked in ${minutes} minutes late.`, at: record.at.toISOString(), staffId: record.staffId };
}

/** Names the two people: "Swap 3" told a manager nothing. */
export function swapAwaitingAlert([swap]: DomainEvents['swapAwaitingManager'], names: { proposer: string; counterpart: string }, now: Date): RaisedAlert {
  return {
    type: 'swap_awaiting_manager',
    message: `${names.proposer} and ${names.counterpart} agreed to swap shifts; the swap is waiting for a manager's approval on the Swaps page.`,
    at: now.toISOString(),
    swapId: swap.id,
  };
}

export function forgottenCheckOutAlert([noticed]: DomainEvents['forgottenCheckOutNoticed']): RaisedAlert {
  const shift = `${DateTime.fromJSDate(noticed.shiftStart).setZone(noticed.zone).toFormat("ccc d LLL HH:mm")}–${DateTime.fromJSDate(noticed.shiftEnd).setZone(noticed.zone).toFormat('HH:mm')}`;
  return {
    type: 'missing_check_out',
    message: `${noticed.staffName} did not check out after the ${shift} shift; they were told at kiosk "${noticed.kioskName}". Add the check-out on Needs attention.`,
    at: noticed.at.toISOString(),
    staffId: noticed.staffId,
  };
}

/** A kiosk's *Not you?*: someone else's PIN was used, by mistake or not, so a manager should know whose. */
export function punchCancelledAlert(voided: { kind: AttendanceRecord['kind']; at: Date; staffId: number }, staffName: string, kioskName: string, zone: string, now: Date): RaisedAlert {
  const punch = voided.kind === 'check_in' ? 'check-in' : 'check-out';
  const time = DateTime.fromJSDate(voided.at).setZone(zone).toFormat('HH:mm');
  return {
    type: 'punch_cancelled',
    message: `${staffName}'s ${punch} at ${time} on kiosk "${kioskName}" was cancelled with "Not you?": someone else may have used ${staffName}'s PIN.`,
    at: now.toISOString(),
    staffId: voided.staffId,
  };
}

const refusalReasons: Record<OfflineRefusal, string> = {
  wrong_pin: 'the PIN typed was wrong',
  locked: 'the kiosk was locked after wrong PINs',
  window_closed: 'no check-in or check-out window was open at that time',
  staff_inactive: 'that staff profile is no longer active',
  invalid_image: 'its photo could not be read',
  taken_at_out_of_range: 'the time it claims falls outside the time the kiosk was offline',
};

/** A punch saved offline that could not be recorded: the person thinks they clocked, so a manager should check. */
export function offlinePunchRefusedAlert([refused]: DomainEvents['offlinePunchRefused'], staffName: string | null, zone: string): RaisedAlert {
  const time = DateTime.fromJSDate(refused.takenAt).setZone(zone).toFormat('ccc d LLL HH:mm');
  const whose = staffName ? `${staffName}'s punch` : 'A punch';
  return {
    type: 'offline_punch_refused',
    message: `${whose} saved at kiosk "${refused.kioskName}" at ${time} while it was offline was not recorded: ${refusalReasons[refused.reason]}. Add it on Needs attention if it was a real punch.`,
    at: refused.at.toISOString(),
    kioskId: refused.kioskId,
    ...(refused.staffId !== undefined && { staffId: refused.staffId }),
  };
}

export function kioskDarkAlert([dark]: DomainEvents['kioskWentDark'], zone: string): RaisedAlert {
  const since = dark.lastSeenAt ? ` since ${DateTime.fromJSDate(dark.lastSeenAt).setZone(zone).toFormat('HH:mm')}` : '';
  return {
    type: 'kiosk_offline',
    message: `Kiosk "${dark.kioskName}" has not reached the server${since}, while shifts are open. It keeps taking punches and sends them when it is back; check its power and network.`,
    at: dark.at.toISOString(),
    kioskId: dark.kioskId,
  };
}

export function kioskCameraAlert([failed]: DomainEvents['kioskCameraFailed']): RaisedAlert {
  return {
    type: 'kiosk_camera',
    message: `Kiosk "${failed.kioskName}" reports that its camera is not working${failed.error ? ` (${failed.error})` : ''}: staff cannot check in there until it is fixed.`,
    at: failed.at.toISOString(),
    kioskId: failed.kioskId,
  };
}

/** A face check that a manager should look at; none for a match, several faces or no reference. */
export function faceCheckAlert(checked: DomainEvents['faceChecked'][0], record: AttendanceRecord, staffName: string, zone: string): RaisedAlert | undefined {
  if (checked.verdict !== 'mismatch' && checked.verdict !== 'no_face') return undefined;
  const punch = `${record.kind === 'check_in' ? 'check-in' : 'check-out'} at ${DateTime.fromJSDate(record.at).setZone(zone).toFormat('HH:mm')}`;
  const message =
    checked.verdict === 'mismatch'
      ? `The photo of ${staffName}'s ${punch} does not look like their reference photo. Compare the two on Needs attention.`
      : `No face was found in the photo of ${staffName}'s ${punch}. Look at it on Needs attention.`;
  return { type: checked.verdict === 'mismatch' ? 'face_mismatch' : 'face_no_face', message, at: checked.at.toISOString(), staffId: record.staffId };
}
