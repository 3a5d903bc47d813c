// @ts-check
// The kiosk's connection to the server (Socket.IO namespace /kiosk), wrapped
// so the app sees plain async calls and connection state. Typed with the
// shared contract, so a payload or ack that disagrees with the server fails
// `npx tsc -p tsconfig.browser.json`.
import { io } from 'socket.io-client';

/** @typedef {import('../server/socket-contract.js').KioskServerToClient} KioskServerToClient */
/** @typedef {import('../server/socket-contract.js').KioskClientToServer} KioskClientToServer */
/** @typedef {import('../server/socket-contract.js').IdentifyAck} IdentifyAck */
/** @typedef {import('../server/socket-contract.js').CaptureAck} CaptureAck */
/** @typedef {import('../server/socket-contract.js').CapturePayload} CapturePayload */
/** @typedef {import('../server/socket-contract.js').VoidAck} VoidAck */
/** @typedef {import('../server/socket-contract.js').KioskLocked} KioskLocked */
/** @typedef {import('../server/socket-contract.js').KioskHealth} KioskHealth */
/** @typedef {import('../server/socket-contract.js').HealthAck} HealthAck */
/** @typedef {import('./offline-sealing.js').SealedPunch} SealedPunch */
/** @typedef {ReturnType<typeof createKioskSocket>} KioskSocket */

const revokedText = 'This kiosk is no longer paired: a manager revoked it. Ask a manager for a new pairing code.';

const ackTimeoutMs = 15000;

/** The connection went while a photo was on its way: the caller saves it offline instead of waiting. */
export class WentOffline extends Error {
  constructor() {
    super('The connection to the server was lost.');
  }
}
/** A person will not wait longer than this at the kiosk (and the server's attempt expires after two minutes). */
const giveUpAfterMs = 120000;

/**
 * @param {string} token
 * @param {{ onConnected(): void, onDisconnected(): void, onUnauthorized(message: string): void, onLocked(lock: KioskLocked): void, onUnlocked(): void, onKey(publicKey: string): void }} events
 */
export function createKioskSocket(token, events) {
  /** @type {import('socket.io-client').Socket<KioskServerToClient, KioskClientToServer>} */
  const socket = io('/kiosk', { auth: { token }, transports: ['websocket', 'polling'], reconnectionDelayMax: 3000 });
  socket.on('connect', () => events.onConnected());
  socket.on('disconnect', (reason) => {
    events.onDisconnected();
    // The server ended it on purpose (revocation): it will not take us back, but keep asking in case of a restart.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      socket.disconnect();
      events.onUnauthorized(revokedText);
    } else {
      events.onDisconnected();
    }
  });
  // Locked after too many wrong PINs (said on connect), and unlocked by a manager (said at once).
  socket.on('kiosk:locked', (lock) => events.onLocked(lock));
  socket.on('kiosk:unlocked', () => events.onUnlocked());
  socket.on('kiosk:key', ({ publicKey }) => events.onKey(publicKey));
  // The payload's message is for logs; the person at the kiosk reads the same words as after a refused reconnect.
  socket.on('kiosk:revoked', () => {
    socket.disconnect();
    events.onUnauthorized(revokedText);
  });

  /**
   * Resolves when connected (at once if already); rejects if that has not happened by `deadline`.
   * @param {number} deadline epoch ms
   * @returns {Promise<void>}
   */
  const connected = (deadline) =>
    socket.connected
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            socket.off('connect', onConnect);
            reject(new Error('The server could not be reached.'));
          }, Math.max(0, deadline - Date.now()));
          const onConnect = () => {
            clearTimeout(timer);
            resolve();
          };
          socket.once('connect', onConnect);
        });

  return {
    /**
     * @param {string} pin
     * @returns {Promise<IdentifyAck>} rejects if no answer comes within the ack timeout
     */
    identify(pin) {
      return socket.timeout(ackTimeoutMs).emitWithAck('identify', { pin });
    },
    /**
     * Sends the frame; if the connection drops or the answer does not come,
     * sends it again with the same requestId once connected, so the server
     * records it once whatever happened to the first try.
     * With `stopWhenOffline`, it does not wait for a lost connection but
     * rejects with WentOffline, so the photo can be saved on the kiosk.
     * @param {CapturePayload} payload
     * @param {{ onRetry?(): void, stopWhenOffline?: boolean }} [options] `onRetry` is called when the photo has to wait
     * @returns {Promise<CaptureAck>} rejects once it has waited too long
     */
    async capture(payload, { onRetry, stopWhenOffline = false } = {}) {
      const deadline = Date.now() + giveUpAfterMs;
      for (;;) {
        if (!socket.connected && stopWhenOffline) throw new WentOffline();
        // Say so when the photo has to wait for the connection, not only after an unanswered try.
        if (!socket.connected) onRetry?.();
        await connected(deadline);
        try {
          return await socket.timeout(ackTimeoutMs).emitWithAck('capture', payload);
        } catch {
          if (Date.now() >= deadline) throw new Error('The server did not answer.');
          if (!socket.connected && stopWhenOffline) throw new WentOffline();
          onRetry?.();
        }
      }
    },
    /**
     * A punch saved while offline; rejects if the connection is down or no answer comes.
     * @param {SealedPunch} punch
     * @returns {Promise<CaptureAck>}
     */
    sendSaved(punch) {
      if (!socket.connected) return Promise.reject(new WentOffline());
      return socket.timeout(ackTimeoutMs).emitWithAck('capture_offline', { key: punch.key, iv: punch.iv, data: punch.data, sentAt: new Date().toISOString() });
    },
    /**
     * @param {KioskHealth} health
     * @returns {Promise<HealthAck>}
     */
    reportHealth(health) {
      return socket.timeout(ackTimeoutMs).emitWithAck('kiosk:health', health);
    },
    isConnected() {
      return socket.connected;
    },
    /**
     * *Not you?*: voids the punch this kiosk just took.
     * @param {number} attendanceId
     * @returns {Promise<VoidAck>} rejects if no answer comes within the ack timeout
     */
    voidPunch(attendanceId) {
      return socket.timeout(ackTimeoutMs).emitWithAck('attendance:void', { attendanceId });
    },
    close() {
      socket.disconnect();
    },
  };
}
