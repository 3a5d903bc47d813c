/**
 * `server/main.ts` as a real process with `TLS=self-signed` on its own
 * `DATA_DIR` and the embedded database, as a person starts it for a kiosk on
 * another laptop: what it printed about its certificate, the certificate it
 * stored, and a client that trusts it.
 *
 * @example
 *   const server = await spawnSelfSignedServer(dataDir);
 *   const status = await server.client.get('/api/auth/status');
 *   server.printed.sha256; // '19:6E:…', as the start printed it
 */
import type { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from 'node:tls';
import { createClient, type Client } from './http.js';
import { spawnServer, type ServerProcess } from './server-process.js';

export type SelfSignedServer = ServerProcess & {
  /** `DATA_DIR/tls/cert.pem` as the server stored it. */
  certPem: Buffer;
  /** The fingerprints the start printed. */
  printed: { sha256: string; spkiSha256: string };
  /** A JSON client that trusts the stored certificate. */
  client: Client;
};

export const certFileIn = (dataDir: string) => path.join(dataDir, 'tls', 'cert.pem');
export const keyFileIn = (dataDir: string) => path.join(dataDir, 'tls', 'key.pem');

/** Waits until the server has printed something matching `pattern` (it prints everything about its start in one write, but a pipe may split it). */
export function printed(server: ServerProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(server.output());
      if (!match) return false;
      server.child.stdout!.off('data', onData);
      server.child.off('exit', onExit);
      resolve(match);
      return true;
    };
    const onData = () => void setImmediate(check);
    const onExit = () => reject(new Error(`The server exited before printing ${pattern}:\n${server.output()}`));
    if (check()) return;
    server.child.stdout!.on('data', onData);
    server.child.once('exit', onExit);
  });
}

/** `env`: more variables (HOST=0.0.0.0, ORG_TIMEZONE…). The database is the embedded one in `dataDir`, whatever the test run uses. */
export async function spawnSelfSignedServer(dataDir: string, env: Record<string, string | undefined> = {}): Promise<SelfSignedServer> {
  const server = await spawnServer({ TLS: 'self-signed', DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: undefined, ...env });
  try {
    const sha256 = (await printed(server, /Certificate SHA-256 fingerprint: (\S+)/))[1]!;
    const spkiSha256 = (await printed(server, /--ignore-certificate-errors-spki-list\): (\S+)/))[1]!;
    const certPem = readFileSync(certFileIn(dataDir));
    return { ...server, certPem, printed: { sha256, spkiSha256 }, client: createClient(server.url, { ca: certPem }) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The certificate the server presents in a TLS handshake at 127.0.0.1, checked against `ca` as a browser that trusts it would. */
export function servedCertificate(url: string, ca: Buffer): Promise<X509Certificate> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca });
    socket.once('secureConnect', () => {
      resolve(socket.getPeerX509Certificate()!);
      socket.end();
    });
    socket.once('error', reject);
  });
}
