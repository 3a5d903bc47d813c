/**
 * Storage functions for kiosks, pairing codes, PIN failures and unlocks, used
 * attempts and capture request ids. Making a pairing code, pairing,
 * revoking and unlocking write their ledger entries in the same transaction,
 * which takes the ledger's lock first, as every transaction that appends
 * does: taken after row locks, two could deadlock. A code never reaches the ledger.
 */
import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Queryable, Transaction } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { kioskAttempts, kioskRequests, kiosks, pairingCodes, pinFailures, staff } from '../../storage/schema.js';
import { hashToken } from '../auth/session.js';
import { appendLedger, ledgerTransaction, type LedgerChange } from '../ledger/ledger.queries.js';
import type { KioskHealth } from '../socket-contract.js';
import { generateKioskToken, generatePairingCode, pairingCodeLifetimeMs } from './kiosk-tokens.js';

type KioskAction = 'kiosk.paired' | 'kiosk.revoked' | 'kiosk.unlocked';

async function recordKioskChange(tx: Transaction, by: Pick<LedgerChange, 'actor' | 'at'>, action: KioskAction, kioskId: number, data: Record<string, unknown> = {}): Promise<void> {
  await appendLedger(tx, { actor: by.actor, action, entity: `kiosk:${kioskId}`, data, at: by.at });
}

/** A new code with its ledger entry, which says who asked and until when, never the code. */
export async function createPairingCode(db: Queryable, createdBy: number, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + pairingCodeLifetimeMs);
  for (;;) {
    const code = generatePairingCode();
    try {
      // A transaction per draw: a clash aborts it, entry and all, and the next draw starts clean.
      return await ledgerTransaction(db, async (tx) => {
        const [row] = await tx.insert(pairingCodes).values({ codeHash: hashToken(code), expiresAt, createdBy, createdAt: now }).returning({ id: pairingCodes.id });
        // No kiosk exists yet: the entry is the code's, and the kiosk's `kiosk.paired` names it.
        await appendLedger(tx, {
          actor: { kind: 'user', id: createdBy },
          action: 'kiosk.pairing_code_created',
          entity: `pairing_code:${row!.id}`,
          data: { expiresAt: expiresAt.toISOString() },
          at: now,
        });
        return { code, expiresAt };
      });
    } catch (error) {
      // 31⁸ codes: a clash with an old one is rare, and a new draw settles it.
      if (!isUniqueViolation(error, 'pairing_codes_code_hash_key')) throw error;
    }
  }
}

/**
 * Uses the code and creates the kiosk in one transaction. The update only
 * matches an unused, unexpired code, so two kiosks racing with one code
 * cannot both pair. The kiosk is the actor of its `kiosk.paired`: the code
 * it holds stands for the manager who made it (`pairedBy`).
 */
export async function pairKiosk(db: Queryable, code: string, name: string, now: Date): Promise<{ kioskId: number; token: string } | undefined> {
  return ledgerTransaction(db, async (tx) => {
    const [used] = await tx
      .update(pairingCodes)
      .set({ usedAt: now })
      .where(and(eq(pairingCodes.codeHash, hashToken(code)), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now)))
      .returning({ id: pairingCodes.id, createdBy: pairingCodes.createdBy });
    if (!used) return undefined;
    const token = generateKioskToken();
    const [kiosk] = await tx
      .insert(kiosks)
      .values({ name, tokenHash: hashToken(token), pairedAt: now, pairedBy: used.createdBy })
      .returning({ id: kiosks.id });
    await tx.update(pairingCodes).set({ kioskId: kiosk!.id }).where(eq(pairingCodes.id, used.id));
    await recordKioskChange(tx, { actor: { kind: 'kiosk', id: kiosk!.id }, at: now }, 'kiosk.paired', kiosk!.id, { name, pairingCodeId: used.id, pairedBy: used.createdBy });
    return { kioskId: kiosk!.id, token };
  });
}

export type KioskIdentity = { id: number; name: string };

/** The kiosk a token belongs to, unless it was revoked, with its last contact (before this one). */
export async function findKioskByToken(db: Queryable, token: string): Promise<(KioskIdentity & { tokenHash: string; lastContact: Date }) | undefined> {
  const [row] = await db
    .select({ id: kiosks.id, name: kiosks.name, tokenHash: kiosks.tokenHash, lastContact: sql<Date>`coalesce(${kiosks.lastSeenAt}, ${kiosks.pairedAt})`.mapWith(kiosks.pairedAt) })
    .from(kiosks)
    .where(and(eq(kiosks.tokenHash, hashToken(token)), isNull(kiosks.revokedAt)));
  return row;
}

export async function isKioskActive(db: Queryable, kioskId: number): Promise<boolean> {
  const [row] = await db.select({ id: kiosks.id }).from(kiosks).where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt)));
  return row !== undefined;
}

export async function listKiosks(db: Queryable) {
  return db
    .select({
      id: kiosks.id,
      name: kiosks.name,
      pairedAt: kiosks.pairedAt,
      lastSeenAt: kiosks.lastSeenAt,
      revokedAt: kiosks.revokedAt,
      pinUnlockedAt: kiosks.pinUnlockedAt,
      cameraState: kiosks.cameraState,
      cameraError: kiosks.cameraError,
      queueLength: kiosks.queueLength,
      appVersion: kiosks.appVersion,
    })
    .from(kiosks)
    .orderBy(asc(kiosks.name), asc(kiosks.id));
}

export async function findKiosk(db: Queryable, kioskId: number) {
  const [row] = await db.select().from(kiosks).where(eq(kiosks.id, kioskId));
  return row;
}

/** False when it was revoked already: nothing changes and nothing is recorded. */
export async function revokeKiosk(db: Queryable, managerId: number, kioskId: number, now: Date): Promise<boolean> {
  return ledgerTransaction(db, async (tx) => {
    const rows = await tx.update(kiosks).set({ revokedAt: now }).where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt))).returning({ id: kiosks.id });
    if (rows.length === 0) return false;
    await recordKioskChange(tx, { actor: { kind: 'user', id: managerId }, at: now }, 'kiosk.revoked', kioskId);
    return true;
  });
}

export async function touchKiosk(db: Queryable, kioskId: number, now: Date): Promise<void> {
  await db.update(kiosks).set({ lastSeenAt: now }).where(eq(kiosks.id, kioskId));
}

/**
 * Holds this kiosk's row lock until the transaction ends: PIN checks on one
 * kiosk take turns with each other and with an unlock, on any server process.
 * Returns when a manager last unlocked it.
 */
export async function lockKiosk(tx: Transaction, kioskId: number): Promise<{ pinUnlockedAt: Date | null }> {
  const [row] = await tx.select({ pinUnlockedAt: kiosks.pinUnlockedAt }).from(kiosks).where(eq(kiosks.id, kioskId)).for('update');
  return { pinUnlockedAt: row?.pinUnlockedAt ?? null };
}

/** The kiosk's newest `limit` wrong PINs after `after` (of all time when null), oldest first. */
export async function latestPinFailures(db: Queryable, kioskId: number, after: Date | null, limit: number): Promise<Date[]> {
  const rows = await db
    .select({ at: pinFailures.at })
    .from(pinFailures)
    .where(and(eq(pinFailures.kioskId, kioskId), after ? gt(pinFailures.at, after) : undefined))
    .orderBy(desc(pinFailures.at))
    .limit(limit);
  return rows.map((row) => row.at).reverse();
}

/** Records a manager's unlock of the kiosk at `now`, with its ledger entry. */
export async function recordKioskUnlock(db: Queryable, managerId: number, kioskId: number, now: Date): Promise<void> {
  await ledgerTransaction(db, async (tx) => {
    await tx.update(kiosks).set({ pinUnlockedAt: now }).where(eq(kiosks.id, kioskId));
    await recordKioskChange(tx, { actor: { kind: 'user', id: managerId }, at: now }, 'kiosk.unlocked', kioskId);
  });
}

export async function recordPinFailure(db: Queryable, kioskId: number, now: Date): Promise<void> {
  await db.insert(pinFailures).values({ kioskId, at: now });
}

export async function findStaffByPinHmac(db: Queryable, pinHmac: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(and(eq(staff.pinHmac, pinHmac), eq(staff.active, true)));
  return row;
}

export async function findCaptureRequest(db: Queryable, kioskId: number, requestId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ attendanceId: kioskRequests.attendanceId })
    .from(kioskRequests)
    .where(and(eq(kioskRequests.kioskId, kioskId), eq(kioskRequests.requestId, requestId)));
  return row?.attendanceId;
}

export async function rememberCaptureRequest(db: Queryable, kioskId: number, requestId: string, attendanceId: number): Promise<void> {
  await db.insert(kioskRequests).values({ kioskId, requestId, attendanceId }).onConflictDoNothing();
}

/** Used attempts are kept this long after they expire, in case the clock is set back a little. */
const usedAttemptKeepMs = 60 * 60_000;

/**
 * Marks an attempt as used by this capture request, in one statement, so two
 * captures racing with one attempt cannot both have it. Returns the request
 * id that holds it: this one, unless another capture holds it already.
 */
export async function useAttempt(db: Queryable, use: { attemptId: string; kioskId: number; requestId: string; expiresAt: Date }, now: Date): Promise<string> {
  await db.delete(kioskAttempts).where(lt(kioskAttempts.expiresAt, new Date(now.getTime() - usedAttemptKeepMs)));
  const [row] = await db
    .insert(kioskAttempts)
    .values({ attemptHash: use.attemptId, kioskId: use.kioskId, requestId: use.requestId, expiresAt: use.expiresAt })
    // A no-op update, so the row that is already there is returned.
    .onConflictDoUpdate({ target: kioskAttempts.attemptHash, set: { requestId: sql`${kioskAttempts.requestId}` } })
    .returning({ requestId: kioskAttempts.requestId });
  return row!.requestId;
}

/** Hands an attempt back after its capture was refused, so the next try with it may use it. */
export async function releaseAttempt(db: Queryable, use: { attemptId: string; requestId: string }): Promise<void> {
  await db.delete(kioskAttempts).where(and(eq(kioskAttempts.attemptHash, use.attemptId), eq(kioskAttempts.requestId, use.requestId)));
}

/** Stores a kiosk's health report as its latest contact; returns the camera state it reported before. */
export async function storeHealthReport(db: Database, kioskId: number, health: KioskHealth, now: Date): Promise<KioskHealth['camera'] | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ camera: kiosks.cameraState }).from(kiosks).where(eq(kiosks.id, kioskId)).for('update');
    await tx
      .update(kiosks)
      .set({ cameraState: health.camera, cameraError: health.cameraError ?? null, queueLength: health.queue, appVersion: health.version, lastSeenAt: now })
      .where(eq(kiosks.id, kioskId));
    return before?.camera ?? null;
  });
}

/** Not told since it was last seen: a later contact makes it worth telling again. */
const notToldSinceSeen = () => or(isNull(kiosks.offlineAlertedAt), lt(kiosks.offlineAlertedAt, kiosks.lastSeenAt));

/** Paired kiosks last seen before `silentSince` that managers have not been told about since. */
export async function findSilentKiosks(db: Queryable, silentSince: Date) {
  return db
    .select({ id: kiosks.id, name: kiosks.name, lastSeenAt: kiosks.lastSeenAt })
    .from(kiosks)
    .where(and(isNull(kiosks.revokedAt), lt(kiosks.lastSeenAt, silentSince), notToldSinceSeen()));
}

/** Marks the kiosk as told about now; false if another process already did. */
export async function claimDarkKioskAlert(db: Queryable, kioskId: number, now: Date): Promise<boolean> {
  const claimed = await db.update(kiosks).set({ offlineAlertedAt: now }).where(and(eq(kiosks.id, kioskId), notToldSinceSeen())).returning({ id: kiosks.id });
  return claimed.length > 0;
}
