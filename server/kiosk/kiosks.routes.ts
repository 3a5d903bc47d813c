/** `/api/kiosks/`: pairing codes, pairing, the kiosk address, the list with online and lock state, unlocking, and revoking. */
import { Hono } from 'hono';
import { z } from 'zod';
import { currentUser, requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { AppError, conflict, notFound } from '../http/errors.js';
import { idParam, jsonBody, pathParams } from '../http/validate.js';
import { normalisePairingCode, pairingCodeLength, revokedMessage } from './kiosk-tokens.js';
import { kioskLockView, readLockout, unlockKiosk } from './kiosk-lock.js';
import { hashToken } from '../auth/session.js';
import { kioskKey } from './offline-punch-crypto.js';
import { createPairingCode, findKiosk, listKiosks, pairKiosk, revokeKiosk } from './kiosks.queries.js';

const pairSchema = z.object({
  code: z
    .string({ error: 'is required' })
    .transform(normalisePairingCode)
    .refine((code) => code.length === pairingCodeLength, { message: `must be the ${pairingCodeLength}-character code shown in the admin app` }),
  name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
});

export function createKioskRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .post('/pair', jsonBody(pairSchema), async (c) => {
      const { code, name } = c.req.valid('json');
      const paired = await pairKiosk(db, code, name, clock.now());
      if (!paired) {
        throw new AppError(400, 'invalid_code', 'This pairing code is not valid: it may be mistyped, already used or expired (codes last 10 minutes). Ask a manager for a new one.');
      }
      // The key it seals punches to while offline: it needs it before it is ever offline.
      const { publicKey } = kioskKey(deps.secrets.offlinePunchKey, { id: paired.kioskId, tokenHash: hashToken(paired.token) });
      return c.json({ ...paired, publicKey }, 201);
    })
    .use(requireManager)
    .post('/pairing-codes', async (c) => {
      const { code, expiresAt } = await createPairingCode(db, currentUser(c.get('user')).id, clock.now());
      return c.json({ code, expiresAt: expiresAt.toISOString() }, 201);
    })
    // Where a kiosk on another machine opens Rollcall, and the certificate fingerprint to compare there.
    .get('/address', (c) => {
      const { kioskUrls, certificate, reachableFromOtherMachines } = deps.address.kiosk();
      return c.json({ kioskUrls, certificate: certificate && { sha256: certificate.sha256 }, reachableFromOtherMachines });
    })
    .get('/', async (c) => {
      const online = await deps.presence.onlineKioskIds();
      const rows = await listKiosks(db);
      const now = clock.now();
      return c.json(
        await Promise.all(
          rows.map(async (row) => ({
            id: row.id,
            name: row.name,
            pairedAt: row.pairedAt.toISOString(),
            lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
            revokedAt: row.revokedAt?.toISOString() ?? null,
            online: row.revokedAt === null && online.has(row.id),
            // null, or {needsManager, since, until (null until a manager unlocks it), wrongPins}.
            lock: row.revokedAt === null ? kioskLockView(await readLockout(db, row.id, row.pinUnlockedAt, now)) : null,
            pinUnlockedAt: row.pinUnlockedAt?.toISOString() ?? null,
            // As the kiosk last reported it (null before its first report).
            health: row.appVersion === null ? null : { camera: row.cameraState, cameraError: row.cameraError, queue: row.queueLength, version: row.appVersion },
          })),
        ),
      );
    })
    .post('/:id/unlock', pathParams(idParam('kiosk')), async (c) => {
      const { id } = c.req.valid('param');
      const outcome = await unlockKiosk(deps, currentUser(c.get('user')).id, id);
      if (!outcome.ok && outcome.reason === 'not_found') throw notFound(`There is no kiosk with id ${id}.`);
      if (!outcome.ok) throw conflict('kiosk_revoked', 'This kiosk has been revoked, so there is nothing to unlock: pair it again to use it.');
      return c.json({ id, name: outcome.name, lock: null, pinUnlockedAt: outcome.at.toISOString() });
    })
    .delete('/:id', pathParams(idParam('kiosk')), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await findKiosk(db, id))) throw notFound(`There is no kiosk with id ${id}.`);
      await revokeKiosk(db, currentUser(c.get('user')).id, id, clock.now());
      deps.events.emit('kioskRevoked', { kioskId: id, message: revokedMessage });
      return c.body(null, 204);
    });
}
