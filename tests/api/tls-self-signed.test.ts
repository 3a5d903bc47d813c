/**
 * `TLS=self-signed` on the real server process: it makes a certificate once
 * in `DATA_DIR/tls` for this machine's names and addresses, serves HTTPS with
 * it, prints its fingerprints and where a kiosk on another machine opens it,
 * reuses it on a restart and replaces it when it no longer names every
 * address. The kiosk address is for managers only, and a LAN address the
 * certificate names is the server's own origin with no configuration.
 * Every request goes to 127.0.0.1; a LAN address appears only in headers.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import { networkAddresses } from '../../server/http/machine-names.js';
import { assertError } from '../helpers/assertions.js';
import { createManager, createStaffMember, registerAndSignIn, type Account } from '../helpers/fixtures.js';
import { spawnServer } from '../helpers/server-process.js';
import { certFileIn, keyFileIn, servedCertificate, spawnSelfSignedServer, type SelfSignedServer } from '../helpers/self-signed-server.js';

// The tests build on each other: one DATA_DIR, started and stopped in turn.
let dataDir: string;
/** The fingerprint of the certificate the first start made. */
let firstFingerprint: string;
let boss: Account;

test.before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-self-signed-'));
});
test.after(async () => rm(dataDir, { recursive: true, force: true }));

async function stopped(server: SelfSignedServer) {
  assert.equal(await server.stop(), 0, server.output());
}

test('the first start makes a certificate for this machine, serves HTTPS with it and prints its fingerprints', async () => {
  const server = await spawnSelfSignedServer(dataDir);
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.output(), /Made a self-signed certificate for localhost, /);
    assert.equal((await stat(keyFileIn(dataDir))).mode & 0o777, 0o600);

    const served = await servedCertificate(server.url, server.certPem);
    assert.equal(served.fingerprint256, new X509Certificate(server.certPem).fingerprint256, 'serves the stored certificate');
    for (const address of ['127.0.0.1', '::1']) assert.equal(served.checkIP(address), address, `names ${address}: ${served.subjectAltName}`);
    for (const name of ['localhost', hostname().toLowerCase()]) assert.equal(served.checkHost(name), name, `names ${name}: ${served.subjectAltName}`);
    assert.ok(served.subjectAltName?.includes(`DNS:${hostname().toLowerCase()}`), served.subjectAltName);
    for (const address of networkAddresses()) assert.equal(served.checkIP(address), address, `names ${address}: ${served.subjectAltName}`);

    // What was printed is what a browser will show, and what Chromium's flag takes.
    assert.equal(server.printed.sha256, served.fingerprint256);
    assert.match(server.printed.sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const spki = served.publicKey.export({ type: 'spki', format: 'der' });
    assert.equal(server.printed.spkiSha256, createHash('sha256').update(spki).digest('base64'));
    assert.match(server.output(), /Other machines cannot reach this server: it listens on 127\.0\.0\.1, which only this machine can use\. For a kiosk on another laptop, start it with HOST=0\.0\.0\.0\./);

    const status = await server.client.get('/api/auth/status');
    assert.equal(status.status, 200, status.text);
    firstFingerprint = served.fingerprint256;
  } finally {
    await stopped(server);
  }
});

test('GET /api/kiosks/address: the kiosk address and fingerprint for a manager; staff 403, anonymous 401', async () => {
  const server = await spawnSelfSignedServer(dataDir);
  try {
    const { client } = server;
    const manager = (boss = await createManager(client, 'boss'));
    const asha = await createStaffMember(client, manager, 'asha');
    const nobody = await registerAndSignIn(client, 'nobody', 'Employee', manager.token);
    const reply = await client.get('/api/kiosks/address', { token: manager.token });
    assert.equal(reply.status, 200, reply.text);
    // On 127.0.0.1 nothing else reaches it: no address to offer, but the certificate to compare.
    assert.deepEqual(reply.body, { kioskUrls: [], certificate: { sha256: firstFingerprint }, reachableFromOtherMachines: false });
    for (const account of [asha, nobody]) assertError(await client.get('/api/kiosks/address', { token: account.token }), 403, 'forbidden');
    assertError(await client.get('/api/kiosks/address'), 401, 'unauthorized');
    assertError(await client.get('/api/kiosks/address', { token: `${manager.token}x` }), 401, 'unauthorized');
  } finally {
    await stopped(server);
  }
});

test('a restart on HOST=0.0.0.0 reuses the certificate, offers the LAN addresses, and takes them as its own origin', async () => {
  const server = await spawnSelfSignedServer(dataDir, { HOST: '0.0.0.0' });
  try {
    assert.equal(server.printed.sha256, firstFingerprint, 'the same certificate');
    assert.equal((await servedCertificate(server.url, server.certPem)).fingerprint256, firstFingerprint);
    assert.doesNotMatch(server.output(), /Made a/);

    const port = new URL(server.url).port;
    const lan = networkAddresses().filter((address) => !address.includes(':'));
    const expected = lan.map((address) => `https://${address}:${port}/kiosk`);
    for (const url of expected) assert.match(server.output(), new RegExp(`Kiosk on another machine: ${url.replaceAll('.', '\\.')}\\n`));
    const tokens = await server.client.post('/api/token/', { username: boss.username, password: boss.password });
    assert.equal(tokens.status, 200, tokens.text);
    const address = await server.client.get('/api/kiosks/address', { token: tokens.body.access });
    assert.deepEqual(address.body, { kioskUrls: expected, certificate: { sha256: firstFingerprint }, reachableFromOtherMachines: expected.length > 0 });

    // A browser at https://<LAN address>:port sends that as Host and Origin (here, sent to 127.0.0.1).
    const own = `${lan[0] ?? '192.0.2.1'}:${port}`;
    const headers = { Host: own, Origin: `https://${own}` };
    const login = await server.client.request('POST', '/api/auth/login', { username: boss.username, password: boss.password }, {}, headers);
    assert.equal(login.status, 200, login.text);
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith('rollcall_session='));
    assert.match(cookie ?? '', /; Secure/i, 'the session cookie is Secure over HTTPS');
    const session = { cookie: cookie!.split(';')[0]! };
    const code = await server.client.request('POST', '/api/kiosks/pairing-codes', {}, session, headers);
    assert.equal(code.status, 201, code.text);
    const foreign = await server.client.request('POST', '/api/kiosks/pairing-codes', {}, session, { Host: own, Origin: 'https://elsewhere.example' });
    assertError(foreign, 403, 'cross_origin');
  } finally {
    await stopped(server);
  }
});

test('a certificate that does not name every address of the machine is replaced, and the start says so', async () => {
  // As if made before this machine had its host name: only localhost and 127.0.0.1.
  const keyFile = keyFileIn(dataDir);
  const certFile = certFileIn(dataDir);
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile,
  ]);
  const server = await spawnSelfSignedServer(dataDir);
  try {
    assert.match(server.output(), new RegExp(`Made a new self-signed certificate \\(the old one did not name [^)]*${hostname().toLowerCase()}`));
    assert.notEqual(server.printed.sha256, firstFingerprint);
    const served = await servedCertificate(server.url, server.certPem);
    assert.equal(served.fingerprint256, server.printed.sha256);
    assert.equal(served.checkHost(hostname().toLowerCase()), hostname().toLowerCase());
  } finally {
    await stopped(server);
  }
});

test('TLS=bogus, and TLS=self-signed with certificate files, stop the start with a readable message', async () => {
  const refusal = (env: Record<string, string>) =>
    spawnServer({ DATA_DIR: dataDir, DATABASE_URL: undefined, ...env }).then(
      () => assert.fail(`started with ${JSON.stringify(env)}`),
      (error: { code?: number; output?: string }) => error,
    );
  const bogus = await refusal({ TLS: 'bogus' });
  assert.equal(bogus.code, 1);
  assert.match(bogus.output ?? '', /Rollcall could not start: Invalid environment:\n {2}TLS: must be self-signed, or unset \(plain HTTP, or HTTPS with TLS_CERT_FILE and TLS_KEY_FILE\), not "bogus"/);
  await writeFile(path.join(dataDir, 'unused.pem'), '');
  const both = await refusal({ TLS: 'self-signed', TLS_CERT_FILE: path.join(dataDir, 'unused.pem'), TLS_KEY_FILE: path.join(dataDir, 'unused.pem') });
  assert.equal(both.code, 1);
  assert.match(both.output ?? '', /TLS=self-signed makes its own certificate: unset TLS_CERT_FILE and TLS_KEY_FILE, or unset TLS to serve those files\./);
});

test.run();
