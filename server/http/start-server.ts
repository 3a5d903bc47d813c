/**
 * Serves an app over HTTP (or HTTPS with TLS files) with Socket.IO on the
 * same port, and closes both cleanly.
 */
import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { createSocketServer, type RollcallIo } from './socket-server.js';

export type RunningServer = {
  httpServer: ServerType;
  io: RollcallIo;
  /** The base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
};

export type ListenOptions = {
  port: number;
  host: string;
  tls?: { certFile: string; keyFile: string };
};

export async function startServer(app: Hono<any>, options: ListenOptions): Promise<RunningServer> {
  const tls = options.tls
    ? { createServer: createHttpsServer, serverOptions: { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } }
    : {};
  const httpServer = await new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host, ...tls }, () => resolve(server));
    server.once('error', reject);
  });
  const io = createSocketServer(httpServer as Parameters<typeof createSocketServer>[0]);
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  return {
    httpServer,
    io,
    url,
    async close() {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
      });
    },
  };
}
