/**
 * What happened in the domain, raised by the features for whoever listens
 * (today the live layer, which tells connected managers). Features emit;
 * they never know who listens or what goes over the wire. These names are
 * deliberately not the Socket.IO event names of `socket-contract.ts`.
 *
 * @example
 *   deps.events.emit('attendanceRecorded', record);
 *   const off = deps.events.on('kioskRevoked', ({ kioskId }) => endKiosk(kioskId));
 */
import { EventEmitter } from 'node:events';
import type { AttendanceRecord } from './attendance/attendance.queries.js';
import type { KioskRevoked } from './socket-contract.js';

export type DomainEvents = {
  /** A new check-in or check-out was stored (kiosk or API); not raised for a repeat. */
  attendanceRecorded: [record: AttendanceRecord];
  /** A kiosk just locked itself after repeated wrong PINs. */
  pinLockoutStarted: [lockout: { kioskId: number; kioskName: string; retryAfterSeconds: number; at: Date }];
  /** A kiosk just reached the cap of wrong PINs in 24 hours: it stays locked until a manager unlocks it. */
  pinCapReached: [lockout: { kioskId: number; kioskName: string; failures: number; at: Date }];
  /** A manager unlocked a kiosk's wrong-PIN lock. */
  kioskUnlocked: [unlocked: { kioskId: number; kioskName: string; at: Date }];
  /** A manager revoked a kiosk: its connections must end now, on every process. */
  kioskRevoked: [revoked: KioskRevoked];
  /** These cookie sessions ended (sign-out, deactivation, password change): their sockets close, on every process. */
  sessionsEnded: [ended: { sessionIds: string[] }];
  /** Someone who never checked out of a shift entered their PIN at a kiosk and was told. */
  forgottenCheckOutNoticed: [noticed: { staffId: number; staffName: string; kioskName: string; shiftStart: Date; shiftEnd: Date; zone: string; at: Date }];
  /** A swap accepted by both staff members now waits for a manager's decision. */
  swapAwaitingManager: [swap: { id: number; proposer: number; counterpart: number }];
  /** A manager changed the dated roster on these local dates (reassigned, retimed, cancelled, a one-off shift): boards showing them are out of date. */
  rosterChanged: [change: { dates: string[] }];
  /** A punch was voided: by a manager, or at its kiosk right after it was taken (*Not you?*). */
  punchVoided: [voided: { record: AttendanceRecord; by: { kind: 'user'; id: number } | { kind: 'kiosk'; id: number; name: string }; at: Date }];
  /** A punch a kiosk saved while offline arrived and could not be recorded. */
  offlinePunchRefused: [refused: { kioskId: number; kioskName: string; takenAt: Date; reason: OfflineRefusal; staffId?: number; at: Date }];
  /** A kiosk has been unreachable past the setting while a shift window is open (told once per time it goes dark). */
  kioskWentDark: [dark: { kioskId: number; kioskName: string; lastSeenAt: Date | null; at: Date }];
  /** A kiosk reported that its camera stopped working (or never started). */
  kioskCameraFailed: [failed: { kioskId: number; kioskName: string; error: string | null; at: Date }];
  /** A manager set the face check to flag. */
  faceCheckTurnedOn: [on: { by: number; at: Date }];
  /** A manager set the face check to off: every reference face is to be deleted. */
  faceCheckTurnedOff: [off: { by: number; at: Date }];
  /** A punch's photo was analysed against the person's reference face. */
  faceChecked: [checked: { attendanceId: number; staffId: number; verdict: FaceVerdict; distance: number | null; at: Date }];
  /** A manager acknowledged these stored alerts. */
  alertsAcknowledged: [acknowledged: { ids: number[]; by: string; at: Date }];
};

/** Why a punch saved offline was not recorded. */
export type OfflineRefusal = 'wrong_pin' | 'locked' | 'window_closed' | 'staff_inactive' | 'invalid_image' | 'taken_at_out_of_range';

export type FaceVerdict = 'match' | 'mismatch' | 'no_face' | 'several_faces' | 'no_reference';

export type EventBus = {
  emit<K extends keyof DomainEvents>(event: K, ...args: DomainEvents[K]): void;
  on<K extends keyof DomainEvents>(event: K, listener: (...args: DomainEvents[K]) => void): () => void;
};

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  return {
    emit(event, ...args) {
      emitter.emit(event, ...args);
    },
    on(event, listener) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return () => emitter.off(event, listener as (...args: unknown[]) => void);
    },
  };
}
