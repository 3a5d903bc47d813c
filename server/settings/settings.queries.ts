/** The organisation's settings row. */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { settings } from '../../storage/schema.js';
import { localDateOf } from '../clock.js';

export type OrgSettings = {
  timezone: string;
  windowMinutes: number;
  lateGraceMinutes: number;
  swapRequiresApproval: boolean;
  minRestHours: number;
};

/** The settings, with the server's `ORG_TIMEZONE` standing in until a manager picks a zone. */
export async function getSettings(db: Queryable, defaultTimezone: string): Promise<OrgSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  return {
    timezone: row?.timezone ?? defaultTimezone,
    windowMinutes: row?.windowMinutes ?? 60,
    lateGraceMinutes: row?.lateGraceMinutes ?? 5,
    swapRequiresApproval: row?.swapRequiresApproval ?? false,
    minRestHours: row?.minRestHours ?? 0,
  };
}

export async function updateSettings(db: Queryable, changes: Partial<Omit<OrgSettings, 'timezone'> & { timezone: string }>): Promise<void> {
  const values = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (Object.keys(values).length === 0) return;
  await db.insert(settings).values({ id: 1, ...values }).onConflictDoUpdate({ target: settings.id, set: values });
}

/** Today's local date in the organisation's zone. */
export async function orgToday(db: Queryable, defaultTimezone: string, now: Date): Promise<string> {
  return localDateOf(now, (await getSettings(db, defaultTimezone)).timezone);
}
