/**
 * The database schema. Invariants that must hold across processes (unique
 * usernames, one check-in per occurrence, unique PINs among active staff) are
 * enforced here, by the database, not only by application code.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['manager', 'staff'] }).notNull(),
    /** An inactive account cannot sign in, and nothing it was given (session, token) works. */
    active: boolean('active').notNull().default(true),
    /** Access tokens issued before this instant are refused: set when the account is deactivated or its password changes. */
    tokensValidAfter: timestamp('tokens_valid_after', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    check('users_role_check', sql`${t.role} in ('manager', 'staff')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token, hex: a stolen database dump cannot be replayed as a cookie. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The sliding expiry never passes 30 days after this. */
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/**
 * The original API's refresh tokens, one row per token issued (keyed by the
 * SHA-256 of its random id). Each use retires the token and issues the next
 * in the same family; a retired token used again means it was copied, so the
 * whole family is revoked.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
);

export const staff = pgTable(
  'staff',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weeklyOffs: smallint('weekly_offs').array().notNull(),
    pinHmac: text('pin_hmac'),
    active: boolean('active').notNull().default(true),
    /** No occurrence is scheduled for them before this local date (a manager may set it earlier when onboarding existing staff). */
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_user_id_key').on(t.userId),
    uniqueIndex('staff_active_pin_key').on(t.pinHmac).where(sql`${t.active} and ${t.pinHmac} is not null`),
    check('staff_weekly_offs_count', sql`cardinality(${t.weeklyOffs}) between 1 and 2`),
    check('staff_weekly_offs_range', sql`${t.weeklyOffs} <@ array[1,2,3,4,5,6,7]::smallint[]`),
  ],
);

/**
 * Days a staff member was deactivated: from the day they were deactivated
 * until the day before they were reactivated (open while inactive). No
 * occurrence is scheduled for them on those days; their past stays.
 */
export const staffInactiveSpans = pgTable(
  'staff_inactive_spans',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
  },
  (t) => [index('staff_inactive_spans_staff_idx').on(t.staffId), check('staff_inactive_spans_order', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`)],
);

/**
 * The weekly template: one row per shift of a staff member. What day and
 * times it has is dated, in `shift_versions`, so an edit takes effect from
 * a date and every earlier occurrence keeps the times it had. The shift's id
 * names its occurrences (shift, date) across versions.
 */
export const shifts = pgTable(
  'shifts',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    /** A shift for one date only (its one version runs that day): in the dated roster, not in the weekly template. */
    oneOff: boolean('one_off').notNull().default(false),
    /** Why a one-off shift was added, as the manager put it. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('shifts_staff_id_idx').on(t.staffId)],
);

/** A shift's weekday and times from `valid_from` to `valid_to` (inclusive; open-ended when null). Versions of one shift never overlap. */
export const shiftVersions = pgTable(
  'shift_versions',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    dayOfWeek: smallint('day_of_week').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('shift_versions_shift_from_key').on(t.shiftId, t.validFrom),
    check('shift_versions_day_of_week_range', sql`${t.dayOfWeek} between 1 and 7`),
    check('shift_versions_order', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * A count that goes up with every committed change to the weekly template
 * (shifts, their versions, a start date): a process keeps the template in
 * memory while the count it read it at is the count now. One row; bumped by
 * deferred triggers (migration 0021), so at the commit of the change.
 */
export const templateRevision = pgTable(
  'template_revision',
  {
    id: boolean('id').primaryKey().default(true),
    revision: bigint('revision', { mode: 'number' }).notNull(),
  },
  (t) => [check('template_revision_one_row', sql`${t.id}`)],
);

export const photos = pgTable('photos', {
  /** SHA-256 of the stored WebP, hex; also its file name. */
  id: text('id').primaryKey(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  createdAt: createdAt(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * A photo's bytes, when photos are kept in the database (on a PostgreSQL
 * server: any process on any host serves any photo). Written in the same
 * transaction as the row that first names the photo; apart from `photos` so
 * that reading photo metadata never drags the bytes along.
 */
export const photoBlobs = pgTable('photo_blobs', {
  photoId: text('photo_id')
    .primaryKey()
    .references(() => photos.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
});

/**
 * Punches. A correction never edits one: it adds a punch that supersedes it
 * (`supersedes_id`), and a void is a row of its own (`punch_voids`). The
 * punch that counts for an occurrence and kind is the last of its chain,
 * unless voided. One chain per (shift, date, kind): only one punch there may
 * supersede nothing, and each punch is superseded at most once, so two
 * managers correcting the same punch at once cannot both win.
 */
export const attendance = pgTable(
  'attendance',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    /** The local date the shift occurrence starts on. */
    occurrenceDate: date('occurrence_date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['check_in', 'check_out'] }).notNull(),
    /** When the person punched (for a manager's correction: when they say it happened). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['on_time', 'late', 'early'] }).notNull(),
    photoId: text('photo_id').references(() => photos.id, { onDelete: 'restrict' }),
    kioskId: integer('kiosk_id').references((): AnyPgColumn => kiosks.id, { onDelete: 'set null' }),
    /** The schedule the record was checked against, so later template edits never rewrite history. */
    scheduledStart: timestamp('scheduled_start', { withTimezone: true }).notNull(),
    scheduledEnd: timestamp('scheduled_end', { withTimezone: true }).notNull(),
    /** `kiosk_offline`: taken while the kiosk could not reach the server and sent later; `at` is when it was taken, `recordedAt` when it arrived. */
    source: text('source', { enum: ['kiosk', 'kiosk_offline', 'api', 'manager'] }).notNull(),
    supersedesId: integer('supersedes_id').references((): AnyPgColumn => attendance.id, { onDelete: 'restrict' }),
    /** Why a manager added this punch; null for the person's own. */
    reason: text('reason'),
    createdBy: integer('created_by').references((): AnyPgColumn => users.id, { onDelete: 'restrict' }),
    /** When the row was written. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The photo was removed by the retention purge (`photo_id` is then null); the record stays. */
    photoPurgedAt: timestamp('photo_purged_at', { withTimezone: true }),
    /** The same photo bytes already backed another punch: someone may be holding up a picture. */
    photoReused: boolean('photo_reused').notNull().default(false),
  },
  (t) => [
    uniqueIndex('attendance_first_punch_key').on(t.shiftId, t.occurrenceDate, t.kind).where(sql`${t.supersedesId} is null`),
    uniqueIndex('attendance_supersedes_key').on(t.supersedesId),
    index('attendance_occurrence_idx').on(t.occurrenceDate, t.shiftId),
    // A timesheet batch reads the punches of some people and some shifts over a date range.
    index('attendance_shift_date_idx').on(t.shiftId, t.occurrenceDate),
    index('attendance_staff_date_idx').on(t.staffId, t.occurrenceDate),
    index('attendance_staff_at_idx').on(t.staffId, t.at),
    index('attendance_at_idx').on(t.at),
    index('attendance_photo_idx').on(t.photoId),
    // A timesheet reads the few punches managers added for a whole range at once.
    index('attendance_manager_date_idx').on(t.occurrenceDate).where(sql`${t.source} = 'manager'`),
    check('attendance_kind_check', sql`${t.kind} in ('check_in', 'check_out')`),
    check('attendance_status_check', sql`${t.status} in ('on_time', 'late', 'early')`),
    check('attendance_source_check', sql`${t.source} in ('kiosk', 'kiosk_offline', 'api', 'manager')`),
    check('attendance_manager_reason', sql`${t.source} <> 'manager' or (${t.reason} is not null and ${t.createdBy} is not null)`),
  ],
);

/** A punch a manager voided, with why: the punch itself stays as it was. */
/** Voided by a manager, or by the kiosk that took the punch (its *Not you?*, within a minute): exactly one of the two. */
export const punchVoids = pgTable(
  'punch_voids',
  {
    attendanceId: integer('attendance_id')
      .primaryKey()
      .references(() => attendance.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    voidedBy: integer('voided_by').references(() => users.id, { onDelete: 'restrict' }),
    voidedByKiosk: integer('voided_by_kiosk').references(() => kiosks.id, { onDelete: 'restrict' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [check('punch_voids_one_voider', sql`(${t.voidedBy} is null) <> (${t.voidedByKiosk} is null)`)],
);

/** A manager's record that someone was away for an occurrence: sick, on leave, or other. One per occurrence. */
export const absences = pgTable(
  'absences',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    occurrenceDate: date('occurrence_date', { mode: 'string' }).notNull(),
    type: text('type', { enum: ['sick', 'leave', 'other'] }).notNull(),
    note: text('note').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('absences_occurrence_key').on(t.shiftId, t.occurrenceDate),
    index('absences_date_idx').on(t.occurrenceDate),
    check('absences_type_check', sql`${t.type} in ('sick', 'leave', 'other')`),
  ],
);

/** A manager's approval of one person's hours for a date range; reopening removes it (the ledger keeps both). */
export const timesheetApprovals = pgTable(
  'timesheet_approvals',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    approvedBy: integer('approved_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('timesheet_approvals_staff_idx').on(t.staffId, t.fromDate),
    check('timesheet_approvals_order', sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

/** An exception a manager looked at and accepted as it is (a late arrival with a good reason): it leaves the queue. */
export const exceptionReviews = pgTable(
  'exception_reviews',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    occurrenceDate: date('occurrence_date', { mode: 'string' }).notNull(),
    type: text('type').notNull(),
    note: text('note').notNull(),
    reviewedBy: integer('reviewed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exception_reviews_key').on(t.shiftId, t.occurrenceDate, t.type), index('exception_reviews_date_idx').on(t.occurrenceDate)],
);

/**
 * The ledger: one hash chain over every change (server/ledger/chain.ts).
 * `data` is stored as the canonical JSON that was hashed, as text, so it
 * reads back byte for byte. A trigger (in the migration) refuses UPDATE and
 * DELETE.
 */
export const ledger = pgTable(
  'ledger',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    data: text('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('ledger_entity_idx').on(t.entity, t.seq), index('ledger_at_idx').on(t.at)],
);

/** Organisation settings: exactly one row (id = 1). */
export const settings = pgTable(
  'settings',
  {
    id: integer('id').primaryKey().default(1),
    /** IANA zone; null means the server's ORG_TIMEZONE. */
    timezone: text('timezone'),
    windowMinutes: integer('window_minutes').notNull().default(60),
    lateGraceMinutes: integer('late_grace_minutes').notNull().default(5),
    swapRequiresApproval: boolean('swap_requires_approval').notNull().default(false),
    minRestHours: integer('min_rest_hours').notNull().default(0),
    roundingMinutes: integer('rounding_minutes').notNull().default(0),
    breakMinutes: integer('break_minutes').notNull().default(0),
    breakAfterHours: doublePrecision('break_after_hours'),
    overtimeDailyHours: doublePrecision('overtime_daily_hours'),
    overtimeWeeklyHours: doublePrecision('overtime_weekly_hours'),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekStartsOn: smallint('week_starts_on').notNull().default(1),
    payPeriod: text('pay_period', { enum: ['weekly', 'fortnightly', 'semimonthly', 'monthly'] }).notNull().default('weekly'),
    /** The first day of some pay period; the others follow from it. */
    payPeriodAnchor: date('pay_period_anchor', { mode: 'string' }).notNull().default('2024-01-01'),
    /** How the whole app writes dates (a BCP 47 tag for Intl) and times (24- or 12-hour). */
    locale: text('locale').notNull().default('en-GB'),
    clock: text('clock', { enum: ['24h', '12h'] }).notNull().default('24h'),
    /** Managers are alerted when a kiosk has been unreachable this long while a shift window is open. */
    kioskOfflineAlertMinutes: integer('kiosk_offline_alert_minutes').notNull().default(10),
    /** `flag`: each punch's photo is compared with the person's reference face, and mismatches flagged. */
    faceCheck: text('face_check', { enum: ['off', 'flag'] }).notNull().default('off'),
    /** The descriptor distance above which a face is a mismatch; null: the evaluated default. */
    faceMatchThreshold: doublePrecision('face_match_threshold'),
    /** Punch photos older than this are removed by the daily purge; 0 keeps them. */
    photoRetentionDays: integer('photo_retention_days').notNull().default(56),
    /** `refuse`: only kiosks record attendance; `POST /api/attendance/` is refused. */
    apiCheckIn: text('api_check_in', { enum: ['allow', 'refuse'] }).notNull().default('allow'),
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_window_minutes_range', sql`${t.windowMinutes} between 5 and 180`),
    check('settings_late_grace_range', sql`${t.lateGraceMinutes} between 0 and 60`),
    check('settings_min_rest_range', sql`${t.minRestHours} between 0 and 24`),
    check('settings_rounding_choices', sql`${t.roundingMinutes} in (0, 5, 6, 10, 15)`),
    check('settings_break_range', sql`${t.breakMinutes} between 0 and 180`),
    check('settings_week_starts_on_range', sql`${t.weekStartsOn} between 1 and 7`),
    check('settings_clock_check', sql`${t.clock} in ('24h', '12h')`),
    check('settings_kiosk_offline_alert_range', sql`${t.kioskOfflineAlertMinutes} between 1 and 1440`),
    check('settings_face_check_check', sql`${t.faceCheck} in ('off', 'flag')`),
    check('settings_face_threshold_range', sql`${t.faceMatchThreshold} is null or ${t.faceMatchThreshold} between 0.1 and 1.5`),
    check('settings_photo_retention_range', sql`${t.photoRetentionDays} between 0 and 3650`),
    check('settings_api_check_in_check', sql`${t.apiCheckIn} in ('allow', 'refuse')`),
    check('settings_pay_period_check', sql`${t.payPeriod} in ('weekly', 'fortnightly', 'semimonthly', 'monthly')`),
  ],
);

/**
 * Dated changes to the template: who works one occurrence (shift, date) and
 * at what times, or that it is cancelled that day. One row per occurrence, so two swaps racing
 * to move the same occurrence cannot both succeed.
 */
export const shiftOverrides = pgTable(
  'shift_overrides',
  {
    id: serial('id').primaryKey(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    /** Who works it instead of the template's owner; null when cancelled. */
    assigneeStaffId: integer('assignee_staff_id').references(() => staff.id, { onDelete: 'restrict' }),
    cancelled: boolean('cancelled').notNull().default(false),
    /** Other times for that date only; null: the template's. */
    startTime: time('start_time'),
    endTime: time('end_time'),
    swapId: integer('swap_id').references((): AnyPgColumn => swaps.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('shift_overrides_occurrence_key').on(t.shiftId, t.date),
    index('shift_overrides_date_idx').on(t.date),
    index('shift_overrides_assignee_idx').on(t.assigneeStaffId),
    check('shift_overrides_assignee_or_cancelled', sql`(${t.assigneeStaffId} is null) = ${t.cancelled}`),
    check('shift_overrides_times_together', sql`(${t.startTime} is null) = (${t.endTime} is null)`),
  ],
);

export const swapStatuses = ['pending', 'awaiting_manager', 'done', 'declined', 'rejected', 'cancelled'] as const;
export type SwapStatus = (typeof swapStatuses)[number];

/** A proposal from one staff member to another to exchange two occurrences, or to cover one. */
export const swaps = pgTable(
  'swaps',
  {
    id: serial('id').primaryKey(),
    proposerStaffId: integer('proposer_staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    counterpartStaffId: integer('counterpart_staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    shiftDate: date('shift_date', { mode: 'string' }).notNull(),
    returnShiftId: integer('return_shift_id').references(() => shifts.id, { onDelete: 'restrict' }),
    returnShiftDate: date('return_shift_date', { mode: 'string' }),
    status: text('status', { enum: swapStatuses }).notNull().default('pending'),
    note: text('note'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('swaps_proposer_idx').on(t.proposerStaffId),
    index('swaps_counterpart_idx').on(t.counterpartStaffId),
    check(
      'swaps_status_check',
      sql`${t.status} in ('pending', 'awaiting_manager', 'done', 'declined', 'rejected', 'cancelled')`,
    ),
    check('swaps_distinct_people', sql`${t.proposerStaffId} <> ${t.counterpartStaffId}`),
    check('swaps_return_complete', sql`(${t.returnShiftId} is null) = (${t.returnShiftDate} is null)`),
  ],
);

/** A paired kiosk laptop. Only the SHA-256 of its token is stored. */
export const kiosks = pgTable(
  'kiosks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    pairedAt: timestamp('paired_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    pairedBy: integer('paired_by').references(() => users.id, { onDelete: 'set null' }),
    /** When a manager last unlocked it: wrong PINs before this no longer count towards a lockout. */
    pinUnlockedAt: timestamp('pin_unlocked_at', { withTimezone: true }),
    /** What the kiosk last reported about itself (every minute while connected). */
    cameraState: text('camera_state', { enum: ['starting', 'ready', 'failed'] }),
    cameraError: text('camera_error'),
    queueLength: integer('queue_length'),
    appVersion: text('app_version'),
    /** When managers were last told it had gone dark: once per time it goes dark. */
    offlineAlertedAt: timestamp('offline_alerted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('kiosks_token_hash_key').on(t.tokenHash)],
);

/** One-time codes a manager creates for pairing a kiosk. Used once, by an update that only matches an unused code. */
export const pairingCodes = pgTable(
  'pairing_codes',
  {
    id: serial('id').primaryKey(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    kioskId: integer('kiosk_id').references(() => kiosks.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pairing_codes_code_hash_key').on(t.codeHash)],
);

/** A kiosk's capture by its own request id, so a retry after a dropped connection returns the first result. */
export const kioskRequests = pgTable(
  'kiosk_requests',
  {
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
    attendanceId: integer('attendance_id')
      .notNull()
      .references(() => attendance.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kioskId, t.requestId] })],
);

/**
 * Attempt tokens a kiosk's capture has used: each works for one capture (and
 * that capture's retries, with its request id). Keyed by the SHA-256 of the
 * token's signed part; kept until a while after the token expires.
 */
export const kioskAttempts = pgTable(
  'kiosk_attempts',
  {
    attemptHash: text('attempt_hash').primaryKey(),
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kiosk_attempts_expires_at_idx').on(t.expiresAt)],
);

/** Wrong PINs typed at a kiosk; the lockout is computed from these rows, so it holds across server processes. */
export const pinFailures = pgTable(
  'pin_failures',
  {
    id: serial('id').primaryKey(),
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pin_failures_kiosk_at_idx').on(t.kioskId, t.at)],
);

/**
 * Sign-in throttling, one row per throttled key (`account:<lower username>`
 * or `address:<client address>`): failures in the current 15-minute window,
 * and a block that doubles each time the key earns another within a day.
 * In the database so it holds across server processes.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  blocks: integer('blocks').notNull().default(0),
});

export type UserRow = typeof users.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type ShiftRow = typeof shifts.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type SettingsRow = typeof settings.$inferSelect;
export type ShiftOverrideRow = typeof shiftOverrides.$inferSelect;
export type SwapRow = typeof swaps.$inferSelect;
export type KioskRow = typeof kiosks.$inferSelect;

/** What managers were told (a late arrival, a kiosk lockout, a swap to approve), kept so a reload or another manager sees the same list. */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    message: text('message').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'restrict' }),
    kioskId: integer('kiosk_id').references(() => kiosks.id, { onDelete: 'restrict' }),
    swapId: integer('swap_id'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id, { onDelete: 'restrict' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [index('alerts_at_idx').on(t.at), index('alerts_unacknowledged_idx').on(t.at).where(sql`${t.acknowledgedAt} is null`)],
);

/**
 * A staff member's reference face: the photo it came from and its descriptor.
 * Deleted when the person is deactivated or the face check is turned off.
 */
export const staffFaces = pgTable('staff_faces', {
  staffId: integer('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  photoId: text('photo_id')
    .notNull()
    .references(() => photos.id, { onDelete: 'restrict' }),
  descriptor: doublePrecision('descriptor').array().notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  setBy: integer('set_by').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * The face check of one punch's photo: queued by the punch's own insert while
 * the check is on (the trigger in migration 0018, so a restart finds what was
 * never analysed), claimed by one process at a
 * time, then its verdict, and a manager's review of a flag.
 */
export const faceChecks = pgTable(
  'face_checks',
  {
    attendanceId: integer('attendance_id')
      .primaryKey()
      .references(() => attendance.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['pending', 'analysing', 'done'] }).notNull().default('pending'),
    /** When a process took it: a claim older than a few minutes is a process that died. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    verdict: text('verdict', { enum: ['match', 'mismatch', 'no_face', 'several_faces', 'no_reference'] }),
    distance: doublePrecision('distance'),
    analysedAt: timestamp('analysed_at', { withTimezone: true }),
    review: text('review', { enum: ['confirmed', 'flagged'] }),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    index('face_checks_waiting_idx').on(t.attendanceId).where(sql`${t.state} <> 'done'`),
    check('face_checks_state_check', sql`${t.state} in ('pending', 'analysing', 'done')`),
    check('face_checks_verdict_check', sql`${t.verdict} is null or ${t.verdict} in ('match', 'mismatch', 'no_face', 'several_faces', 'no_reference')`),
    check('face_checks_review_check', sql`${t.review} is null or ${t.review} in ('confirmed', 'flagged')`),
  ],
);

/** Which manager was shown which photo on which local day: the ledger records a view once per manager, photo and day. */
export const photoViews = pgTable(
  'photo_views',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    photoId: text('photo_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.photoId, t.day] })],
);
