/**
 * Serves an app over HTTP (or HTTPS with TLS files) with Socket.IO on the
 * same port, and closes both cleanly.
 */
import { serve, type ServerType } from '@hono/node-server';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { createSocketServer, type RollcallIo } from './socket-server.js';

export type RunningServer = {
  httpServer: ServerType;
  io: RollcallIo;
  /** The base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The certificate served over HTTPS (the first of a chain file); undefined over HTTP. */
  certificate: X509Certificate | undefined;
  close(): Promise<void>;
};

export type ListenOptions = {
  port: number;
  host: string;
  tls?: { certFile: string; keyFile: string };
};

/**
 * What HTTPS offers when Rollcall terminates TLS itself: TLS 1.2 and 1.3 only,
 * and only forward-secret AEAD suites (ECDHE key exchange with AES-GCM or
 * ChaCha20-Poly1305 on TLS 1.2; TLS 1.3's own three), in our order of
 * preference rather than the client's. Node's default list also accepts
 * static-RSA key exchange (no forward secrecy) and CBC suites. Every current
 * browser speaks TLS 1.3 or one of these. (`ciphers` names TLS 1.3 suites by
 * their `TLS_` names beside the TLS 1.2 ones.)
 */
export const tlsServerOptions = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const satisfies HttpsServerOptions;

export async function startServer(app: Hono<any>, options: ListenOptions): Promise<RunningServer> {
  const cert = options.tls ? readFileSync(options.tls.certFile) : undefined;
  const tls = options.tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { ...tlsServerOptions, cert, key: readFileSync(options.tls.keyFile) },
      }
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
    certificate: cert && new X509Certificate(cert),
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
