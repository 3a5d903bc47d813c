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

/**
 * How long a connection may stay open without joining a namespace that
 * accepts it (`/kiosk` or `/admin`); then the server closes it. Anyone can
 * open an Engine.IO connection, before any authentication, so one that never
 * authenticates must not linger (Socket.IO's default is 45 s). A real client
 * asks to join in its first packet, so it is well inside this.
 */
export const socketConnectTimeoutMs = 10_000;

/**
 * The largest frame the transport reads. Socket.IO frames carry photos: a
 * kiosk's 1280×720 JPEG is well under 1 MB, but photos may be up to 5 MB, and
 * a frame over that (tests/socket/bad-input.test.ts sends 6 MB) still gets a
 * clear `payload_too_large` ack rather than a dropped connection; beyond this
 * limit the connection is dropped.
 */
export const socketMaxFrameBytes = 8 * 1024 * 1024;

export function createSocketServer(httpServer: HttpServer): RollcallIo {
  const io: RollcallIo = new Server(httpServer, { maxHttpBufferSize: socketMaxFrameBytes, connectTimeout: socketConnectTimeoutMs, serveClient: true });
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
