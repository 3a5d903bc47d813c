/**
 * The organisation's settings row. Read on nearly every request and rarely
 * changed, so each process remembers it until it changes: a change here
 * forgets it at once, and on a PostgreSQL server tells the other processes
 * to forget it too (`settingsChangedChannel`, see settings-changes.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, Queryable } from '../../storage/database.js';
import { settings } from '../../storage/schema.js';
import { localDateOf } from '../clock.js';
import { appendLedger, ledgerTransaction } from '../ledger/ledger.queries.js';
import { defaultFaceThreshold } from './face-settings.js';
import { defaultHoursRules, type HoursRules, type PayPeriodRules } from './pay-rules.js';

export type OrgSettings = {
  timezone: string;
  windowMinutes: number;
  lateGraceMinutes: number;
  swapRequiresApproval: boolean;
  minRestHours: number;
  /** BCP 47 tag the apps format dates with (`Intl`), and their clock. */
  locale: string;
  clock: '24h' | '12h';
  /** Minutes a kiosk may be unreachable, while a shift window is open, before managers are alerted. */
  kioskOfflineAlertMinutes: number;
  faceCheck: 'off' | 'flag';
  /** The distance above which a face is a mismatch (the evaluated default until a manager changes it). */
  faceMatchThreshold: number;
  /** Punch photos are purged after this many days; 0 keeps them. */
  photoRetentionDays: number;
  apiCheckIn: 'allow' | 'refuse';
} & HoursRules &
  PayPeriodRules;

const defaultPayPeriod: PayPeriodRules = { payPeriod: 'weekly', payPeriodAnchor: '2024-01-01' };

type SettingsRow = typeof settings.$inferSelect;

/** Per database: the row as last read (null: there is none), and a count of the times it was forgotten. */
const remembered = new WeakMap<object, { forgotten: number; row?: SettingsRow | null }>();

/** Makes this process read the settings from the database again on their next use. */
export function forgetSettings(db: Database): void {
  const entry = remembered.get(db);
  if (entry) {
    entry.forgotten += 1;
    entry.row = undefined;
  }
}

/** The NOTIFY channel a settings change is announced on to every process on the server. */
export const settingsChangedChannel = 'rollcall_settings_changed';

async function settingsRow(db: Queryable): Promise<SettingsRow | null> {
  const read = async () => (await db.select().from(settings).where(eq(settings.id, 1)))[0] ?? null;
  // A transaction reads what it sees itself, never another moment's copy.
  if (db instanceof PgTransaction) return read();
  let entry = remembered.get(db);
  if (!entry) remembered.set(db, (entry = { forgotten: 0 }));
  if (entry.row !== undefined) return entry.row;
  const forgotten = entry.forgotten;
  const row = await read();
  // Forgotten while this read was under way: what it read may be older than the change.
  if (entry.forgotten === forgotten) entry.row = row;
  return row;
}

/** The settings, with the server's `ORG_TIMEZONE` standing in until a manager picks a zone. */
export async function getSettings(db: Queryable, defaultTimezone: string): Promise<OrgSettings> {
  const row = await settingsRow(db);
  return {
    timezone: row?.timezone ?? defaultTimezone,
    windowMinutes: row?.windowMinutes ?? 60,
    lateGraceMinutes: row?.lateGraceMinutes ?? 5,
    swapRequiresApproval: row?.swapRequiresApproval ?? false,
    minRestHours: row?.minRestHours ?? 0,
    locale: row?.locale ?? 'en-GB',
    clock: row?.clock ?? '24h',
    kioskOfflineAlertMinutes: row?.kioskOfflineAlertMinutes ?? 10,
    faceCheck: row?.faceCheck ?? 'off',
    faceMatchThreshold: row?.faceMatchThreshold ?? defaultFaceThreshold,
    photoRetentionDays: row?.photoRetentionDays ?? 56,
    apiCheckIn: row?.apiCheckIn ?? 'allow',
    roundingMinutes: (row?.roundingMinutes ?? defaultHoursRules.roundingMinutes) as HoursRules['roundingMinutes'],
    breakMinutes: row?.breakMinutes ?? defaultHoursRules.breakMinutes,
    breakAfterHours: row ? row.breakAfterHours : defaultHoursRules.breakAfterHours,
    overtimeDailyHours: row ? row.overtimeDailyHours : defaultHoursRules.overtimeDailyHours,
    overtimeWeeklyHours: row ? row.overtimeWeeklyHours : defaultHoursRules.overtimeWeeklyHours,
    weekStartsOn: row?.weekStartsOn ?? defaultHoursRules.weekStartsOn,
    payPeriod: row?.payPeriod ?? defaultPayPeriod.payPeriod,
    payPeriodAnchor: row?.payPeriodAnchor ?? defaultPayPeriod.payPeriodAnchor,
  };
}

/** Stores the settings given (undefined: left as it is), with a `settings.changed` ledger entry naming them and their new values. */
export async function updateSettings(db: Database, managerId: number, changes: Partial<Omit<OrgSettings, 'faceMatchThreshold'> & { faceMatchThreshold: number | null }>, now: Date): Promise<void> {
  const values = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (Object.keys(values).length === 0) return;
  try {
    await ledgerTransaction(db, async (tx) => {
      await tx.insert(settings).values({ id: 1, ...values }).onConflictDoUpdate({ target: settings.id, set: values });
      await appendLedger(tx, { actor: { kind: 'user', id: managerId }, action: 'settings.changed', entity: 'settings:1', data: values, at: now });
      // Delivered to the other processes when this commits (PGlite has no others, and ignores it).
      await tx.execute(sql`select pg_notify(${settingsChangedChannel}, '')`);
    });
  } finally {
    forgetSettings(db);
  }
}

/** Today's local date in the organisation's zone. */
export async function orgToday(db: Queryable, defaultTimezone: string, now: Date): Promise<string> {
  return localDateOf(now, (await getSettings(db, defaultTimezone)).timezone);
}
