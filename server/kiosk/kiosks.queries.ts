/** Storage functions for kiosks, pairing codes, PIN failures and unlocks, used attempts and capture request ids. */
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { kioskAttempts, kioskRequests, kiosks, pairingCodes, pinFailures, staff } from '../../storage/schema.js';
import { hashToken } from '../auth/session.js';
import { generateKioskToken, generatePairingCode, pairingCodeLifetimeMs } from './kiosk-tokens.js';

export async function createPairingCode(db: Queryable, createdBy: number, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + pairingCodeLifetimeMs);
  for (;;) {
    const code = generatePairingCode();
    try {
      await db.insert(pairingCodes).values({ codeHash: hashToken(code), expiresAt, createdBy, createdAt: now });
      return { code, expiresAt };
    } catch (error) {
      // 31⁸ codes: a clash with an old one is rare, and a new draw settles it.
      if (!isUniqueViolation(error, 'pairing_codes_code_hash_key')) throw error;
    }
  }
}

/**
 * Uses the code and creates the kiosk in one transaction. The update only
 * matches an unused, unexpired code, so two kiosks racing with one code
 * cannot both pair.
 */
export async function pairKiosk(db: Queryable, code: string, name: string, now: Date): Promise<{ kioskId: number; token: string } | undefined> {
  return db.transaction(async (tx) => {
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
    return { kioskId: kiosk!.id, token };
  });
}

export type KioskIdentity = { id: number; name: string };

/** The kiosk a token belongs to, unless it was revoked. */
export async function findKioskByToken(db: Queryable, token: string): Promise<KioskIdentity | undefined> {
  const [row] = await db
    .select({ id: kiosks.id, name: kiosks.name })
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
    })
    .from(kiosks)
    .orderBy(asc(kiosks.name), asc(kiosks.id));
}

export async function findKiosk(db: Queryable, kioskId: number) {
  const [row] = await db.select().from(kiosks).where(eq(kiosks.id, kioskId));
  return row;
}

export async function revokeKiosk(db: Queryable, kioskId: number, now: Date): Promise<boolean> {
  const rows = await db.update(kiosks).set({ revokedAt: now }).where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt))).returning({ id: kiosks.id });
  return rows.length > 0;
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

/** Records a manager's unlock of the kiosk at `now`. */
export async function recordKioskUnlock(db: Queryable, kioskId: number, now: Date): Promise<void> {
  await db.update(kiosks).set({ pinUnlockedAt: now }).where(eq(kiosks.id, kioskId));
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
