/**
 * The cross-site rule as a plain function: which writes pass, with
 * PUBLIC_ORIGINS and behind a trusted proxy.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { judgeWrite, ownOrigin, type OriginPolicy } from '../../server/http/same-origin.js';

const direct: OriginPolicy = { publicOrigins: [], trustProxy: false };
const write = (headers: Record<string, string>, policy = direct, cookie = true, method = 'POST') =>
  judgeWrite({ method, headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', 'content-length': '2', ...headers }, secure: false }, policy, cookie);

test('reads always pass, whatever their origin', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS']) assert.equal(write({ origin: 'https://evil.example' }, direct, true, method).ok, true);
});

test('a write from our own origin passes; from another origin, port or scheme it is refused', () => {
  assert.equal(write({ origin: 'http://127.0.0.1:3000' }).ok, true);
  for (const origin of ['http://127.0.0.1:3001', 'https://127.0.0.1:3000', 'http://localhost:3000', 'null']) {
    const verdict = write({ origin });
    assert.equal(verdict.ok, false, origin);
    if (!verdict.ok) assert.equal(verdict.code, 'cross_origin');
  }
});

test('PUBLIC_ORIGINS adds addresses the apps are opened at', () => {
  const policy: OriginPolicy = { publicOrigins: ['https://rollcall.example.com'], trustProxy: false };
  assert.equal(write({ origin: 'https://rollcall.example.com' }, policy).ok, true);
  assert.equal(write({ origin: 'https://evil.example.com' }, policy).ok, false);
});

test('behind a trusted proxy, our origin is the forwarded scheme and host; untrusted, the forwarded headers are ignored', () => {
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'rollcall.example.com', origin: 'https://rollcall.example.com' };
  assert.equal(write(forwarded, { publicOrigins: [], trustProxy: true }).ok, true);
  assert.equal(write(forwarded, direct).ok, false);
  assert.equal(ownOrigin({ headers: { host: 'a:1', 'x-forwarded-proto': 'https, http' }, secure: false }, { publicOrigins: [], trustProxy: true }), 'https://a:1');
});

test('a cookie write with a body that is not JSON is 415; without a cookie, or without a body, the type does not matter', () => {
  const plain = write({ origin: 'http://127.0.0.1:3000', 'content-type': 'text/plain' });
  assert.deepEqual(plain.ok ? null : [plain.status, plain.code], [415, 'unsupported_media_type']);
  assert.equal(write({ 'content-type': 'application/json; charset=utf-8' }).ok, true);
  assert.equal(write({ 'content-type': 'text/plain' }, direct, false).ok, true);
  assert.equal(write({ 'content-type': '', 'content-length': '0' }).ok, true);
});

test('Bearer requests are exempt; a client sending no Origin, Referer or Sec-Fetch-Site is not a browser page', () => {
  assert.equal(write({ authorization: 'Bearer x', origin: 'https://evil.example', 'content-type': 'text/plain' }).ok, true);
  assert.equal(write({}).ok, true);
  assert.equal(write({ 'sec-fetch-site': 'same-origin' }).ok, true);
  assert.equal(write({ 'sec-fetch-site': 'same-site' }).ok, false);
  assert.equal(write({ referer: 'http://127.0.0.1:3000/app/staff' }).ok, true);
});

test.run();
