/** Stored alerts: written as they are raised, listed for managers, acknowledged once. */
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.js';
import { alerts, users } from '../../storage/schema.js';
import type { Alert, RaisedAlert } from '../socket-contract.js';

type AlertRow = typeof alerts.$inferSelect & { acknowledgedByName: string | null };

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    type: row.type as Alert['type'],
    message: row.message,
    at: row.at.toISOString(),
    ...(row.staffId !== null && { staffId: row.staffId }),
    ...(row.kioskId !== null && { kioskId: row.kioskId }),
    ...(row.swapId !== null && { swapId: row.swapId }),
    acknowledged: row.acknowledgedAt && { by: row.acknowledgedByName ?? `user ${row.acknowledgedBy}`, at: row.acknowledgedAt.toISOString() },
  };
}

/** Alerts with the username of whoever acknowledged them. */
const selectAlerts = (db: Queryable) =>
  db
    .select({
      id: alerts.id,
      type: alerts.type,
      message: alerts.message,
      at: alerts.at,
      staffId: alerts.staffId,
      kioskId: alerts.kioskId,
      swapId: alerts.swapId,
      acknowledgedBy: alerts.acknowledgedBy,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedByName: users.username,
    })
    .from(alerts)
    .leftJoin(users, eq(users.id, alerts.acknowledgedBy));

export async function insertAlert(db: Queryable, raised: RaisedAlert): Promise<Alert> {
  const [row] = await db
    .insert(alerts)
    .values({ type: raised.type, message: raised.message, at: new Date(raised.at), staffId: raised.staffId ?? null, kioskId: raised.kioskId ?? null, swapId: raised.swapId ?? null })
    .returning();
  return toAlert({ ...row!, acknowledgedByName: null });
}

/** Newest first. */
export async function listAlerts(db: Queryable, filter: { since?: Date; unacknowledged?: boolean; limit: number }): Promise<Alert[]> {
  const rows = await selectAlerts(db)
    .where(and(filter.since && gte(alerts.at, filter.since), filter.unacknowledged ? isNull(alerts.acknowledgedAt) : undefined))
    .orderBy(desc(alerts.at), desc(alerts.id))
    .limit(filter.limit);
  return rows.map(toAlert);
}

export async function countUnacknowledgedAlerts(db: Queryable): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(alerts).where(isNull(alerts.acknowledgedAt));
  return row?.count ?? 0;
}

export async function findAlert(db: Queryable, id: number): Promise<Alert | undefined> {
  const [row] = await selectAlerts(db).where(eq(alerts.id, id));
  return row && toAlert(row);
}

/** Acknowledges the given alerts (all unacknowledged ones when `ids` is undefined) that are not yet; returns the ids it changed. */
export async function acknowledgeAlerts(db: Queryable, by: { userId: number; at: Date }, ids?: readonly number[]): Promise<number[]> {
  const rows = await db
    .update(alerts)
    .set({ acknowledgedBy: by.userId, acknowledgedAt: by.at })
    .where(and(isNull(alerts.acknowledgedAt), ids ? inArray(alerts.id, [...ids]) : undefined))
    .returning({ id: alerts.id });
  return rows.map((row) => row.id);
}
