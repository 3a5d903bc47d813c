/**
 * Behind a trusted reverse proxy (`TRUST_PROXY=1`, plus a `PUBLIC_ORIGINS`
 * entry): cookies are Secure when the proxy says the browser used HTTPS,
 * writes from the public address pass, and sign-ins are throttled by the
 * client address the proxy forwards, not the proxy's own.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError } from '../helpers/assertions.js';

const publicOrigin = 'https://rollcall.example.com';
const ctx = useApiSuite(test, { manager: 'boss', config: { trustProxy: true, publicOrigins: [publicOrigin] } });

const login = (headers: Record<string, string>, password = ctx.manager.password) =>
  ctx.client.request('POST', '/api/auth/login', { username: 'boss', password }, {}, { 'content-type': 'application/json', ...headers });

test('the session cookie is Secure when the proxy forwarded an HTTPS request, and only then', async () => {
  const https = await login({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'rollcall.example.com', origin: publicOrigin });
  assert.equal(https.status, 200, https.text);
  assert.match(https.headers.getSetCookie().join('\n'), /rollcall_session=[^;]+;.*Secure/);
  const plain = await login({});
  assert.equal(plain.status, 200, plain.text);
  assert.doesNotMatch(plain.headers.getSetCookie().join('\n'), /Secure/);
});

test('writes from the public address pass; from elsewhere they are refused', async () => {
  assert.equal((await login({ origin: publicOrigin })).status, 200);
  assertError(await login({ origin: 'https://evil.example.com' }), 403, 'cross_origin');
});

test('sign-ins are throttled by the forwarded client address, not the proxy’s', async () => {
  const guess = (username: string, address: string) =>
    ctx.client.request('POST', '/api/token/', { username, password: 'wrong-guess' }, {}, { 'content-type': 'application/json', 'x-forwarded-for': address });
  for (let name = 0; name < 10; name++) for (let i = 0; i < 5; i++) assertError(await guess(`guess-${name}`, '203.0.113.7'), 401, 'unauthorized');
  // The first address in the header is the client the proxy served.
  assertError(await login({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }), 429, 'too_many_attempts');
  assert.equal((await login({ 'x-forwarded-for': '198.51.100.9, 10.0.0.1' })).status, 200);
});

test.run();
