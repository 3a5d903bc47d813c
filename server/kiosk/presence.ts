/**
 * Which kiosks are connected right now, on any server process. The HTTP app
 * is built before the Socket.IO server exists, so the answer is bound late.
 */
import { kioskNamespace, type RollcallIo } from '../http/socket-server.js';

export type KioskPresence = { onlineKioskIds(): Promise<Set<number>> };

export function createKioskPresence(): KioskPresence & { bind(io: RollcallIo): void } {
  let server: RollcallIo | undefined;
  return {
    bind(io) {
      server = io;
    },
    async onlineKioskIds() {
      if (!server) return new Set();
      const sockets = await kioskNamespace(server).fetchSockets();
      return new Set(sockets.map((socket) => socket.data.kioskId));
    },
  };
}
