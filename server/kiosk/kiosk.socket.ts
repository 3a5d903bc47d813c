/**
 * The `/kiosk` namespace: a paired kiosk connects with its token (and is
 * sent its key for offline punches, and `kiosk:locked` if wrong PINs have
 * locked it), then sends `identify`, `capture` and, right after a punch,
 * `attendance:void` (*Not you?*); on reconnect the punches it saved while
 * offline (`capture_offline`); and every minute `kiosk:health`. Each is
 * answered through its ack. Every handler validates,
 * acts, acks; only known messages reach the kiosk.
 */
import { z } from 'zod';
import { maxPhotoBytes } from '../../storage/photo-processing.js';
import { DomainError } from '../domain-error.js';
import type { AppDeps } from '../http/app-env.js';
import type { KioskNamespace } from '../http/socket-server.js';
import type { AckError, KioskClientToServer } from '../socket-contract.js';
import { captureAttendance } from './capture.js';
import { captureOffline } from './capture-offline.js';
import { healthSchema, recordKioskHealth } from './kiosk-health.js';
import { kioskKey, type KioskKey } from './offline-punch-crypto.js';
import { identifyStaff } from './identify.js';
import { currentLock, lockNotice } from './kiosk-lock.js';
import { findKioskByToken, isKioskActive, touchKiosk } from './kiosks.queries.js';

const captureSchema = z.object({
  attempt: z.string().min(1).max(2000),
  kind: z.enum(['check_in', 'check_out']),
  image: z.custom<Uint8Array | ArrayBuffer>((value) => value instanceof Uint8Array || value instanceof ArrayBuffer, 'must be binary image data'),
  requestId: z.string().min(1).max(100),
});

const invalid = (message: string): AckError => ({ ok: false, error: { code: 'invalid_request', message } });

/** The reply an event's ack takes, as the contract says. */
type AckOf<E extends keyof KioskClientToServer> = Parameters<Parameters<KioskClientToServer[E]>[1]>[0];

export const kioskRoom = (kioskId: number) => `kiosk:${kioskId}`;

type KioskIdentity = { id: number; name: string };

/** What the kiosk namespace needs from outside the kiosk feature (the board, the timesheet's voids), passed in so features depend one way. */
export type KioskSocketHooks = {
  onOnline(kiosk: KioskIdentity): void;
  onMaybeOffline(kiosk: KioskIdentity): void;
  /** Voids the punch this kiosk just took (*Not you?*), or throws a DomainError saying why not. */
  voidJustTaken(kiosk: KioskIdentity, attendanceId: number): Promise<unknown>;
};

const voidSchema = z.object({ attendanceId: z.number().int().positive().max(2_147_483_647) });

/** The kiosk's words for why *Not you?* did not cancel: the person there can only ask a manager. */
function voidRefusal(error: unknown): AckError | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'already_voided') return { ok: false, error: { code: 'already_voided', message: 'This punch was already cancelled.' } };
  if (error.kind === 'not_found') return invalid(error.message);
  return { ok: false, error: { code: 'too_late', message: 'It is too late to cancel this punch here; ask a manager.' } };
}

/** What the handshake learnt that stays on this process: the key and the kiosk's last contact before this connection. */
type Handshake = { key: KioskKey; lastContactBefore: Date };

export function registerKioskNamespace(nsp: KioskNamespace, deps: AppDeps, hooks: KioskSocketHooks): void {
  const handshakes = new WeakMap<object, Handshake>();
  nsp.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const kiosk = typeof token === 'string' && token.length <= 200 ? await findKioskByToken(deps.db, token) : undefined;
      if (!kiosk) return next(new Error('unauthorized'));
      socket.data.kioskId = kiosk.id;
      socket.data.kioskName = kiosk.name;
      handshakes.set(socket, { key: kioskKey(deps.secrets.offlinePunchKey, kiosk), lastContactBefore: kiosk.lastContact });
      next();
    } catch (error) {
      deps.logger.error('Kiosk handshake failed', { error: String(error) });
      next(new Error('unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const kiosk = { id: socket.data.kioskId, name: socket.data.kioskName };
    const { key, lastContactBefore } = handshakes.get(socket)!;
    const gap = { lastContactBefore, backAt: deps.clock.now() };
    void socket.join(kioskRoom(kiosk.id));
    socket.emit('kiosk:key', { publicKey: key.publicKey });
    const touch = () => deps.background.run("Recording a kiosk's last contact", () => touchKiosk(deps.db, kiosk.id, deps.clock.now()), { kioskId: kiosk.id });
    touch();
    hooks.onOnline(kiosk);
    // A kiosk reloaded (or reconnected) while locked shows the lock at once, not after someone's PIN.
    deps.background.run(
      'Reading a kiosk lock on connect',
      async () => {
        const lock = await currentLock(deps.db, kiosk.id, deps.clock.now());
        if (lock) socket.emit('kiosk:locked', lockNotice(lock));
      },
      { kioskId: kiosk.id },
    );

    /**
     * Answers one event through its ack. What arrives is untrusted whatever the
     * contract says, so `run` gets `unknown`; its reply is typed by the contract.
     * Validation failures and surprises become error acks, never a crash.
     */
    const handled = new Set<string>();
    const handle = <E extends keyof KioskClientToServer>(event: E, run: (payload: unknown) => Promise<AckOf<E>>) => {
      handled.add(event);
      const listener = async (...args: unknown[]) => {
        // The ack is always the last argument: `emit('identify', ack)` sends no payload at all.
        const ack = args.at(-1);
        const reply = typeof ack === 'function' ? (ack as (value: AckOf<E>) => void) : () => {};
        const payload = typeof args[0] === 'function' ? undefined : args[0];
        try {
          if (!(await isKioskActive(deps.db, kiosk.id))) {
            reply(invalid('This kiosk has been revoked.'));
            socket.disconnect(true);
            return;
          }
          reply(await run(payload));
        } catch (error) {
          deps.logger.error(`Kiosk ${event} failed`, { kioskId: kiosk.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          reply({ ok: false, error: { code: 'internal_error', message: 'Something went wrong on the server. Please try again.' } });
        }
      };
      // The listener takes what really arrives (anything), not what the contract promises.
      (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, listener);
    };

    handle('identify', async (payload) => {
      const pin = (payload as { pin?: unknown } | null)?.pin;
      if (typeof pin !== 'string') return invalid('Send {pin: "123456"}.');
      return identifyStaff(deps, kiosk, pin);
    });

    handle('capture', async (payload) => {
      const parsed = captureSchema.safeParse(payload);
      if (!parsed.success) {
        const image = (payload as { image?: unknown } | null)?.image;
        if (image !== undefined && !(image instanceof Uint8Array || image instanceof ArrayBuffer)) {
          return { ok: false, error: { code: 'invalid_image', message: 'The photo must be sent as binary JPEG, PNG or WebP data.' } };
        }
        return invalid('Send {attempt, kind: "check_in" | "check_out", image: <binary>, requestId}.');
      }
      const image = parsed.data.image instanceof ArrayBuffer ? new Uint8Array(parsed.data.image) : parsed.data.image;
      if (image.byteLength > maxPhotoBytes) {
        return { ok: false, error: { code: 'payload_too_large', message: `The photo is ${(image.byteLength / 1048576).toFixed(1)} MB; the limit is 5 MB.` } };
      }
      return captureAttendance(deps, kiosk.id, { ...parsed.data, image });
    });

    handle('capture_offline', async (payload) => captureOffline(deps, kiosk, key, gap, payload));

    handle('kiosk:health', async (payload) => {
      const parsed = healthSchema.safeParse(payload);
      if (!parsed.success) return invalid('Send {camera: "starting" | "ready" | "failed", cameraError?, queue: <count>, version}.');
      await recordKioskHealth(deps, kiosk, parsed.data);
      return { ok: true };
    });

    handle('attendance:void', async (payload) => {
      const parsed = voidSchema.safeParse(payload);
      if (!parsed.success) return invalid('Send {attendanceId: <the id in the capture reply>}.');
      try {
        await hooks.voidJustTaken(kiosk, parsed.data.attendanceId);
      } catch (error) {
        const refusal = voidRefusal(error);
        if (refusal) return refusal;
        throw error;
      }
      return { ok: true, attendanceId: parsed.data.attendanceId };
    });

    // An event this namespace does not know still gets an answer if it asked for one.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (handled.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(invalid(`Unknown event "${String(event).slice(0, 40)}".`));
    });

    socket.on('disconnect', () => {
      touch();
      hooks.onMaybeOffline(kiosk);
    });
  });
}
