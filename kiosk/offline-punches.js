// @ts-check
/**
 * Punches taken while the server cannot be reached: the key they are sealed
 * to (sent by the server at pairing and on every connect, kept in
 * localStorage: it is a public key), the queue they wait in, and sending
 * them, oldest first and one at a time, as soon as the connection is back.
 * A saved punch leaves the queue once the server has answered it, whatever
 * the answer (a wrong PIN is the server's to report to managers); only a
 * server error or no answer keeps it for the next try.
 */
import { useEffect, useRef } from 'preact/hooks';
import { openPunchQueue } from './offline-queue.js';
import { sealPunch } from './offline-sealing.js';

/** @typedef {import('./kiosk-socket.js').KioskSocket} KioskSocket */
/** @typedef {import('./check-in-flow.js').FlowAction} FlowAction */
/** @typedef {import('./offline-queue.js').PunchQueue} PunchQueue */

const keyStorage = 'rollcall.kioskKey';
const retryAfterErrorMs = 30_000;

/** @param {string} publicKey */
export function rememberKioskKey(publicKey) {
  localStorage.setItem(keyStorage, publicKey);
}

/** Unpaired: the key and every saved punch go, as no server will take them any more. */
export async function forgetOfflinePunches() {
  localStorage.removeItem(keyStorage);
  await (await openPunchQueue()).clear();
}

/**
 * @param {{ current: KioskSocket | null }} socketRef
 * @param {boolean} connected
 * @param {(action: FlowAction) => void} dispatch
 */
export function useOfflinePunches(socketRef, connected, dispatch) {
  const queueRef = useRef(/** @type {Promise<PunchQueue> | null} */ (null));
  const draining = useRef(false);
  const retryTimer = useRef(/** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined));

  const queue = () => (queueRef.current ??= openPunchQueue());
  const recount = async () => dispatch({ type: 'queueCounted', count: await (await queue()).count() });

  useEffect(() => {
    if (localStorage.getItem(keyStorage)) dispatch({ type: 'keyKnown' });
    recount().catch(() => {});
    return () => clearTimeout(retryTimer.current);
  }, []);

  async function drain() {
    if (draining.current) return;
    draining.current = true;
    clearTimeout(retryTimer.current);
    try {
      const saved = await queue();
      for (let punch = await saved.oldest(); punch; punch = await saved.oldest()) {
        const socket = socketRef.current;
        if (!socket?.isConnected()) return;
        const reply = await socket.sendSaved(punch).catch(() => null);
        if (!reply || (reply.ok === false && reply.error.code === 'internal_error')) {
          retryTimer.current = setTimeout(() => void drain(), retryAfterErrorMs);
          return;
        }
        await saved.remove(punch.id);
        await recount();
      }
    } finally {
      draining.current = false;
    }
  }

  useEffect(() => {
    if (connected) void drain();
  }, [connected]);

  return {
    /**
     * Seals the punch to the kiosk key and saves it; sends it at once if the connection is back already.
     * @param {string} pin
     * @param {ArrayBuffer} image
     * @param {string} requestId the same as an online try of this punch, so the server records it once
     */
    async save(pin, image, requestId) {
      const publicKey = localStorage.getItem(keyStorage);
      if (!publicKey) throw new Error('This kiosk has no key to save punches with.');
      const sealed = await sealPunch(publicKey, { pin, takenAt: new Date().toISOString(), requestId }, new Uint8Array(image));
      await (await queue()).add(sealed);
      await recount();
      if (socketRef.current?.isConnected()) void drain();
    },
  };
}
