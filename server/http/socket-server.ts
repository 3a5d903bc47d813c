/**
 * The Socket.IO server typed from `socket-contract.ts`, and typed views of
 * its two namespaces: emitting a payload or acking a reply that disagrees
 * with the contract fails the type check.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type {
  AdminClientToServer,
  AdminServerToClient,
  AdminSocketData,
  ClientToServerEvents,
  InterServerEvents,
  KioskClientToServer,
  KioskServerToClient,
  KioskSocketData,
  ServerToClientEvents,
  SocketData,
} from '../socket-contract.js';

export type RollcallIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type KioskNamespace = Namespace<KioskClientToServer, KioskServerToClient, InterServerEvents, KioskSocketData>;
export type KioskSocket = Socket<KioskClientToServer, KioskServerToClient, InterServerEvents, KioskSocketData>;
export type AdminNamespace = Namespace<AdminClientToServer, AdminServerToClient, InterServerEvents, AdminSocketData>;

export function createSocketServer(httpServer: HttpServer): RollcallIo {
  // Socket.IO frames carry photos: leave room for a 5 MB frame so an oversized
  // one gets a clear error ack instead of a dropped connection.
  const io: RollcallIo = new Server(httpServer, { maxHttpBufferSize: 8 * 1024 * 1024, serveClient: true });
  // Only /kiosk and /admin serve anyone; the default namespace would accept any connection.
  io.of('/').use((_socket, next) => next(new Error('not_found')));
  return io;
}

/*
 * The server's generics are the union of both namespaces' events; each
 * namespace only ever sees its own, and its middleware fills `socket.data`
 * before any handler runs, so these narrowings are the one place that
 * states it.
 */
export const kioskNamespace = (io: RollcallIo) => io.of('/kiosk') as unknown as KioskNamespace;
export const adminNamespace = (io: RollcallIo) => io.of('/admin') as unknown as AdminNamespace;
