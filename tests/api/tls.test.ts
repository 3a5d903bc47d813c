/**
 * HTTPS served by Rollcall itself (`TLS_CERT_FILE`/`TLS_KEY_FILE`): a real
 * server started as `main.ts` starts it, with a self-signed RSA certificate
 * made here by the `openssl` command. Real handshakes (`tls.connect`) offer
 * one suite or protocol at a time: only TLS 1.2 and 1.3 with forward-secret
 * AEAD suites get through, in the server's order of preference. (An RSA
 * certificate, because with it a server could agree to static-RSA key
 * exchange; with an ECDSA one that would be refused whatever the settings.)
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { promisify } from 'node:util';
import { test } from 'uvu';
import { createManualClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { deriveSecrets } from '../../server/secrets.js';
import { startRollcall, type Rollcall } from '../../server/start-rollcall.js';
import { reportingErrors } from '../helpers/api-suite.js';
import { testDatabaseForFile, type TestDatabase } from '../helpers/database.js';
import { testSecretKey } from '../helpers/test-server.js';

let folder: string;
let database: TestDatabase;
let rollcall: Rollcall;
let port: number;
let cert: Buffer;

test.before(
  reportingErrors('starting the HTTPS server', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'rollcall-tls-'));
    const certFile = path.join(folder, 'cert.pem');
    const keyFile = path.join(folder, 'key.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile,
    ]);
    cert = await readFile(certFile);
    database = await testDatabaseForFile.acquire();
    rollcall = await startRollcall({
      database,
      photoDir: folder,
      clock: createManualClock('2026-11-23T12:00:00Z'),
      secrets: deriveSecrets(testSecretKey),
      logger: createLogger('silent'),
      config: { orgTimezone: 'UTC', orgName: 'Test Site', secureCookies: true, publicOrigins: [], trustProxy: false },
      listen: { port: 0, host: '127.0.0.1', tls: { certFile, keyFile } },
    });
    port = Number(new URL(rollcall.server.url).port);
  }),
);

test.after(
  reportingErrors('stopping the HTTPS server', async () => {
    await rollcall?.close();
    if (database) await testDatabaseForFile.release(database);
    await rm(folder, { recursive: true, force: true });
  }),
);

type Handshake = { ok: true; version: string; cipher: string } | { ok: false; error: string };

/** One TLS handshake with the server, offering only what `options` allows. */
function handshake(options: ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: cert, ...options });
    socket.once('secureConnect', () => {
      resolve({ ok: true, version: socket.getProtocol() ?? '', cipher: socket.getCipher().name });
      socket.end();
    });
    socket.once('error', (error) => resolve({ ok: false, error: error.message }));
  });
}

const tls12 = (ciphers: string): ConnectionOptions => ({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers });

test('the app is served over HTTPS', async () => {
  assert.match(rollcall.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const sent = request(`${rollcall.server.url}/api/auth/status`, { ca: cert }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
  assert.equal(reply.status, 200, reply.body);
  assert.equal(JSON.parse(reply.body).orgName, 'Test Site');
});

test('TLS 1.3 and forward-secret AEAD suites on TLS 1.2 are accepted', async () => {
  const modern = await handshake({});
  assert.deepEqual(modern, { ok: true, version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' });
  for (const suite of ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
    assert.deepEqual(await handshake({ minVersion: 'TLSv1.3', ciphers: suite }), { ok: true, version: 'TLSv1.3', cipher: suite }, suite);
  }
  for (const suite of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
    assert.deepEqual(await handshake(tls12(suite)), { ok: true, version: 'TLSv1.2', cipher: suite }, suite);
  }
});

test('static-RSA key exchange, CBC suites and finite-field DHE are refused on TLS 1.2', async () => {
  const refused = [
    'AES128-SHA256', // static RSA, CBC
    'AES128-GCM-SHA256', // static RSA: AEAD but no forward secrecy
    'AES256-GCM-SHA384',
    'ECDHE-RSA-AES128-SHA256', // forward secret but CBC
    'ECDHE-RSA-AES256-SHA384',
    'ECDHE-RSA-AES128-SHA', // CBC with SHA-1
    'DHE-RSA-AES128-GCM-SHA256', // not ECDHE
  ];
  for (const suite of refused) {
    const result = await handshake(tls12(suite));
    assert.equal(result.ok, false, `${suite} was accepted: ${JSON.stringify(result)}`);
  }
});

test('TLS 1.0 and 1.1 are refused', async () => {
  for (const version of ['TLSv1', 'TLSv1.1'] as const) {
    // SECLEVEL=0 so that our own client is willing to try them.
    const result = await handshake({ minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' });
    assert.equal(result.ok, false, `${version} was accepted: ${JSON.stringify(result)}`);
  }
});

test('the server’s order of preference wins over the client’s', async () => {
  const offered = 'ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256';
  assert.deepEqual(await handshake(tls12(offered)), { ok: true, version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' });
});

test.run();
