// @ts-check
// The manager's live connection (Socket.IO namespace /admin), authenticated
// by the session cookie. One per signed-in manager, shared by every page:
// pages subscribe to the events they show and unsubscribe when they go, so
// moving between pages never opens or drops a connection.
import { io } from 'socket.io-client';
import { createWatchedValue } from './watched-value.js';

/**
 * @typedef {import('../server/socket-contract.js').AdminServerToClient} AdminServerToClient
 * @typedef {import('../server/socket-contract.js').AdminClientToServer} AdminClientToServer
 * @typedef {import('../server/socket-contract.js').Snapshot} Snapshot
 * @typedef {import('socket.io-client').Socket<AdminServerToClient, AdminClientToServer>} AdminIoSocket
 * @typedef {ReturnType<typeof createAdminSocket>} AdminSocket
 */

// Long enough for a snapshot on a loaded server, short enough that a lost
// request is retried by the next reconnect or refresh rather than waited on.
const ackTimeoutMs = 10_000;

/** @returns {AdminIoSocket} */
function connectToAdmin() {
  // forceNew: each session gets its own connection, made with its own cookie.
  return io('/admin', { transports: ['websocket', 'polling'], withCredentials: true, forceNew: true });
}

/**
 * @example
 *   const socket = createAdminSocket();
 *   socket.open(); // after a manager signs in
 *   const off = socket.on('attendance:created', (event) => console.log(event.staffName));
 *   const board = await socket.fetchSnapshot();
 *   off();
 *   socket.close(); // on sign-out
 */
export function createAdminSocket() {
  /** @type {AdminIoSocket | null} */
  let socket = null;
  const connected = createWatchedValue(false);
  /** @type {Map<string, Set<(payload: any) => void>>} */
  const handlers = new Map();

  return {
    /** Whether the connection is up now; pages show "Reconnecting…" while it is not. */
    connected,

    /** Opens the connection unless it is already open; Socket.IO then keeps it up. */
    open() {
      if (socket) return;
      const opened = connectToAdmin();
      socket = opened;
      opened.on('connect', () => connected.set(true));
      opened.on('disconnect', () => connected.set(false));
      opened.on('connect_error', () => connected.set(false));
      // One listener for all server events, so subscriptions outlive a sign-out and sign-in.
      opened.onAny((event, payload) => {
        for (const handler of [...(handlers.get(event) ?? [])]) handler(payload);
      });
    },

    close() {
      socket?.removeAllListeners();
      socket?.offAny();
      socket?.disconnect();
      socket = null;
      connected.set(false);
    },

    /**
     * Calls `handler` for each `event` from the server until the returned function is called.
     * @template {keyof AdminServerToClient} E
     * @param {E} event
     * @param {AdminServerToClient[E]} handler
     * @returns {() => void}
     */
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler);
      return () => set.delete(handler);
    },

    /**
     * Today's board as the server sees it now (after midnight, after a reconnect).
     * @returns {Promise<Snapshot>}
     */
    fetchSnapshot() {
      const open = socket;
      if (!open?.connected) return Promise.reject(new Error('The live connection is not open.'));
      // Not `timeout().emitWithAck()`: socket.io-client types its result as any, and the ack's type is the point.
      return new Promise((resolve, reject) =>
        open.timeout(ackTimeoutMs).emit('snapshot:fetch', (error, snapshot) => (error ? reject(error) : resolve(snapshot))),
      );
    },
  };
}
