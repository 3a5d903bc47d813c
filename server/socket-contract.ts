/**
 * The Socket.IO contract between the server, the kiosk app, the admin app
 * and outside clients: namespaces, event names, payloads and acks. The
 * server is typed from it (`RollcallIo`), and so are the browser apps
 * (through JSDoc `import()` types), so a payload that disagrees with it
 * fails `npm run typecheck` on either side. Event names are `entity:verb`,
 * past tense for broadcasts.
 *
 * @example
 *   // in a browser module with `// @ts-check`
 *   /** @type {import('socket.io-client').Socket<import('../server/socket-contract.js').AdminServerToClient, import('../server/socket-contract.js').AdminClientToServer>} *\/
 *   const socket = io('/admin');
 */

export type AttendanceKind = 'check_in' | 'check_out';
export type AttendanceStatus = 'on_time' | 'late' | 'early';

export type ErrorCode =
  | 'invalid_pin'
  | 'locked'
  | 'no_window'
  | 'invalid_image'
  | 'window_closed'
  | 'attempt_expired'
  /** The attempt was already used by another capture (another requestId): enter the PIN again. */
  | 'attempt_used'
  | 'payload_too_large'
  | 'staff_inactive'
  /** *Not you?* came after the minute a kiosk may take its punch back, or a manager has changed that punch since. */
  | 'too_late'
  | 'already_voided'
  | 'invalid_request'
  /** A saved offline punch that this kiosk's key does not open: sealed to another key, or changed since. */
  | 'undecryptable'
  /** A saved offline punch claims a time when the server knows the kiosk was connected (or one still to come). */
  | 'taken_at_out_of_range'
  | 'internal_error';

export type AckError = {
  ok: false;
  error: {
    code: ErrorCode;
    message: string;
    retryAfterSeconds?: number;
    /** With `locked`: the kiosk stays locked until a manager unlocks it (there is then no `retryAfterSeconds`). */
    needsManager?: true;
    attemptsLeft?: number;
    nextWindow?: KioskWindow;
  };
};

export type KioskWindow = {
  kind: AttendanceKind;
  shiftId: number;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  opensAt: string;
  closesAt: string;
  /** Set when this window already has a record: capturing again returns it. */
  recordedAt?: string;
  /** Where the person is on this window's shift: not checked in, checked in (since `checkedInAt`), or checked out (at `checkedOutAt`). */
  state: PunchState;
  checkedInAt?: string;
  checkedOutAt?: string;
};

export type PunchState = 'none' | 'checked_in' | 'checked_out';

/** Something the person should know, shown beside the answer: a shift they never checked out of. */
export type KioskNotice = { code: 'missing_check_out'; message: string; shiftId: number; date: string };

export type IdentifyAck =
  | { ok: true; staff: { id: number; name: string }; attempt: string; windows: KioskWindow[]; notices?: KioskNotice[] }
  | (AckError & { notices?: KioskNotice[] });

export type AttendanceSummary = {
  id: number;
  staffId: number;
  kind: AttendanceKind;
  status: AttendanceStatus;
  timestamp: string;
  photoUrl: string | null;
};

export type CaptureAck = { ok: true; attendance: AttendanceSummary } | AckError;

/** *Not you?* on the confirmation: the punch this kiosk just took is voided. */
export type VoidAck = { ok: true; attendanceId: number } | AckError;

/** A frame as Socket.IO delivers binary: an ArrayBuffer or typed array from a browser, a Buffer (a Uint8Array) in Node. */
export type ImageBytes = ArrayBuffer | Uint8Array;

export type CapturePayload = { attempt: string; kind: AttendanceKind; image: ImageBytes; requestId: string };

/**
 * A punch the kiosk took while it could not reach the server, sealed to its
 * kiosk key (`kiosk:key`): inside are `{pin, takenAt, requestId}` and the
 * photo. `sentAt` is the kiosk's clock as it sends, so the server can allow
 * for a kiosk clock that is off.
 */
export type OfflinePunchPayload = { key: ImageBytes; iv: ImageBytes; data: ImageBytes; sentAt: string };

export type CameraState = 'starting' | 'ready' | 'failed';

/** What a kiosk says about itself every minute (and when it changes). */
export type KioskHealth = { camera: CameraState; cameraError?: string; queue: number; version: string };

export type HealthAck = { ok: true } | AckError;

/** The public key a kiosk seals offline punches to, sent on every connect. */
export type KioskKeyNotice = { publicKey: string };

/** Why a kiosk's connection is being ended, sent to it and between server processes: one shape everywhere. */
export type KioskRevoked = { kioskId: number; message: string };

/** A manager lifted a kiosk's wrong-PIN lock: it takes PINs again. Sent to that kiosk and to managers. */
export type KioskUnlocked = { kioskId: number; name: string; at: string };

/** A kiosk's lock as `identify` would answer it, sent on connect so a reloaded kiosk shows it at once. */
export type KioskLocked = { message: string; retryAfterSeconds?: number; needsManager?: true };

// ---------------------------------------------------------------- /kiosk

export type KioskClientToServer = {
  identify: (payload: { pin: string }, ack: (reply: IdentifyAck) => void) => void;
  capture: (payload: CapturePayload, ack: (reply: CaptureAck) => void) => void;
  /** Within a minute of the punch, by the kiosk that took it. */
  'attendance:void': (payload: { attendanceId: number }, ack: (reply: VoidAck) => void) => void;
  /** A punch saved while offline, sent once the kiosk is back, one at a time and in the order taken. A replay (same requestId) returns the first result. */
  capture_offline: (payload: OfflinePunchPayload, ack: (reply: CaptureAck) => void) => void;
  'kiosk:health': (payload: KioskHealth, ack: (reply: HealthAck) => void) => void;
};

export type KioskServerToClient = {
  /** Sent just before the server disconnects a revoked kiosk. */
  'kiosk:revoked': (payload: KioskRevoked) => void;
  /** On connect, when the kiosk is locked: what `identify` would answer. */
  'kiosk:locked': (payload: KioskLocked) => void;
  /** A manager unlocked this kiosk: show the PIN pad again. */
  'kiosk:unlocked': (payload: KioskUnlocked) => void;
  /** On connect: the key to seal offline punches to. */
  'kiosk:key': (payload: KioskKeyNotice) => void;
};

export type KioskSocketData = { kioskId: number; kioskName: string };

// ---------------------------------------------------------------- /admin

/**
 * An occurrence's state on the live board. Computed only on the server
 * (`server/attendance/occurrence-state.ts`); the board is sent each state
 * with the times it will change by itself, so browsers never recompute it.
 */
export type OccurrenceState =
  | 'upcoming'
  | 'open'
  | 'checked_in'
  | 'late'
  | 'missed'
  | 'checked_out'
  /** Checked in; the check-out window closed with no check-out. */
  | 'missing_check_out'
  /** A check-out with no check-in: no hours count until a manager adds the check-in. */
  | 'missing_check_in'
  /** A manager recorded an absence (sick, leave, other). */
  | 'excused';

/** A punch photo's face check: `pending` until analysed; a manager's review once given. */
export type FaceSummary = { verdict: 'pending' | 'match' | 'mismatch' | 'no_face' | 'several_faces' | 'no_reference'; distance: number | null; review: 'confirmed' | 'flagged' | null };

/** `face` only while the face check is on (null for a punch it did not check). */
export type BoardPunch = { at: string; status: AttendanceStatus; photoUrl: string | null; attendanceId: number; face?: FaceSummary | null };

export type BoardOccurrence = {
  shiftId: number;
  date: string;
  staffId: number;
  staffName: string;
  start: string;
  end: string;
  /** The state when the board was sent. */
  state: OccurrenceState;
  /** The state from each instant on, in time order, as long as nobody checks in or out: the current state is the last one whose `at` has passed, else `state`. */
  stateChanges: { at: string; state: OccurrenceState }[];
  checkIn: BoardPunch | null;
  checkOut: BoardPunch | null;
  /** While the face check is on: the person's reference photo, shown beside their punch photos. */
  referencePhotoUrl?: string | null;
};

export type KioskStatus = { id: number; name: string; online: boolean; lastSeenAt: string | null };

export type Snapshot = {
  at: string;
  timezone: string;
  windowMinutes: number;
  /** Today in the organisation's zone. */
  date: string;
  /** The next local midnight: fetch a new snapshot then (`snapshot:fetch`), as the board's day has ended. */
  refreshAt: string;
  occurrences: BoardOccurrence[];
  kiosks: KioskStatus[];
};

export type AttendanceCreated = AttendanceSummary & {
  staffName: string;
  shiftId: number;
  date: string;
  kioskId: number | null;
  kioskName: string | null;
  /** The occurrence as the board shows it now, with this punch. */
  occurrence: BoardOccurrence;
};

/** A punch voided, by a manager or by its kiosk (*Not you?*): the board row as it is without it. */
export type AttendanceVoided = {
  id: number;
  staffId: number;
  staffName: string;
  kind: AttendanceKind;
  shiftId: number;
  date: string;
  voidedBy: { kind: 'user'; id: number } | { kind: 'kiosk'; id: number; name: string };
  occurrence: BoardOccurrence;
};

/** A punch photo's face check is done: the board row with its verdict. */
export type AttendanceFace = { attendanceId: number; staffId: number; staffName: string; face: FaceSummary; occurrence: BoardOccurrence };

/** An alert as it is raised, before it is stored. */
export type RaisedAlert = {
  type:
    | 'pin_lockout'
    | 'late_arrival'
    | 'swap_awaiting_manager'
    | 'missing_check_out'
    | 'punch_cancelled'
    /** A kiosk unreachable for longer than the setting while a shift window is open. */
    | 'kiosk_offline'
    /** A kiosk reported that its camera does not work. */
    | 'kiosk_camera'
    /** A punch saved while offline could not be recorded (a wrong PIN, no window then). */
    | 'offline_punch_refused'
    /** The face check found another face than the reference, or none. */
    | 'face_mismatch'
    | 'face_no_face';
  message: string;
  at: string;
  kioskId?: number;
  staffId?: number;
  swapId?: number;
};

/** A stored alert (`GET /api/alerts/` and the `alert` event): who acknowledged it and when, once someone has. */
export type Alert = RaisedAlert & { id: number; acknowledged: { by: string; at: string } | null };

/** Alerts a manager acknowledged, told to every manager. */
export type AlertsAcknowledged = { ids: number[]; by: string; at: string };

export type AdminClientToServer = {
  /** A fresh snapshot, e.g. after midnight. */
  'snapshot:fetch': (ack: (snapshot: Snapshot) => void) => void;
};

export type AdminServerToClient = {
  snapshot: (snapshot: Snapshot) => void;
  'attendance:created': (event: AttendanceCreated) => void;
  'attendance:voided': (event: AttendanceVoided) => void;
  'attendance:face': (event: AttendanceFace) => void;
  'kiosk:status': (status: KioskStatus) => void;
  'kiosk:unlocked': (event: KioskUnlocked) => void;
  alert: (alert: Alert) => void;
  'alert:acknowledged': (event: AlertsAcknowledged) => void;
};

export type AdminSocketData = { userId: number; sessionId: string };

// ---------------------------------------------------------------- the server as a whole

/** Between server processes (through the PostgreSQL adapter). */
export type InterServerEvents = {
  'kiosk:revoked': (payload: KioskRevoked) => void;
};

export type ClientToServerEvents = KioskClientToServer & AdminClientToServer;
export type ServerToClientEvents = KioskServerToClient & AdminServerToClient;
export type SocketData = Partial<KioskSocketData & AdminSocketData>;
