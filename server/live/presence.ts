/**
 * Which kiosks are connected right now, on any server process. The HTTP app
 * is built before the Socket.IO server exists, so the answer is bound late.
 */
import type { Server } from 'socket.io';

export type KioskPresence = { onlineKioskIds(): Promise<Set<number>> };

export function createKioskPresence(): KioskPresence & { bind(io: Server): void } {
  let server: Server | undefined;
  return {
    bind(io) {
      server = io;
    },
    async onlineKioskIds() {
      if (!server) return new Set();
      const sockets = await server.of('/kiosk').fetchSockets();
      return new Set(sockets.map((socket) => socket.data.kioskId as number));
    },
  };
}
