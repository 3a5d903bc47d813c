/**
 * The Socket.IO contract between the server, the kiosk app, the admin app
 * and outside clients: namespaces, event names, payloads and acks. Event
 * names are `entity:verb`, past tense for broadcasts.
 */

export type ErrorCode =
  | 'invalid_pin'
  | 'locked'
  | 'no_window'
  | 'invalid_image'
  | 'window_closed'
  | 'attempt_expired'
  | 'payload_too_large'
  | 'staff_inactive'
  | 'invalid_request'
  | 'internal_error';

export type AckError = {
  ok: false;
  error: { code: ErrorCode; message: string; retryAfterSeconds?: number; attemptsLeft?: number; nextWindow?: KioskWindow };
};

export type KioskWindow = {
  kind: 'check_in' | 'check_out';
  shiftId: number;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  opensAt: string;
  closesAt: string;
  /** Set when this window already has a record: capturing again returns it. */
  recordedAt?: string;
};

export type IdentifyAck =
  | { ok: true; staff: { id: number; name: string }; attempt: string; windows: KioskWindow[] }
  | AckError;

export type AttendanceSummary = { id: number; staffId: number; kind: 'check_in' | 'check_out'; status: 'on_time' | 'late' | 'early'; timestamp: string; photoUrl: string | null };

export type CaptureAck = { ok: true; attendance: AttendanceSummary } | AckError;

export type KioskClientEvents = {
  identify: (payload: { pin: string }, ack: (reply: IdentifyAck) => void) => void;
  capture: (
    payload: { attempt: string; kind: 'check_in' | 'check_out'; image: Buffer | ArrayBuffer | Uint8Array; requestId: string },
    ack: (reply: CaptureAck) => void,
  ) => void;
};

export type KioskServerEvents = {
  /** Sent just before the server disconnects a revoked kiosk. */
  'kiosk:revoked': (payload: { message: string }) => void;
};

export type OccurrenceState = 'upcoming' | 'open' | 'checked_in' | 'late' | 'missed' | 'checked_out';

export type BoardOccurrence = {
  shiftId: number;
  date: string;
  staffId: number;
  staffName: string;
  start: string;
  end: string;
  state: OccurrenceState;
  checkIn: { at: string; status: string; photoUrl: string | null; attendanceId: number } | null;
  checkOut: { at: string; status: string; photoUrl: string | null; attendanceId: number } | null;
};

export type KioskStatus = { id: number; name: string; online: boolean; lastSeenAt: string | null };

export type Snapshot = { at: string; timezone: string; windowMinutes: number; date: string; occurrences: BoardOccurrence[]; kiosks: KioskStatus[] };

export type AttendanceCreated = AttendanceSummary & {
  staffName: string;
  shiftId: number;
  date: string;
  kioskId: number | null;
  kioskName: string | null;
};

export type Alert = {
  type: 'pin_lockout' | 'late_arrival' | 'swap_awaiting_manager';
  message: string;
  at: string;
  kioskId?: number;
  staffId?: number;
  swapId?: number;
};

export type AdminServerEvents = {
  snapshot: (snapshot: Snapshot) => void;
  'attendance:created': (event: AttendanceCreated) => void;
  'kiosk:status': (status: KioskStatus) => void;
  alert: (alert: Alert) => void;
  'swap:updated': (swap: { id: number; status: string; proposer: number; counterpart: number }) => void;
};
