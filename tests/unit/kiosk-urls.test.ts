/**
 * `kioskUrlsFor`: which addresses another machine opens the kiosk at, for
 * each way the server may listen. Pure: the machine's addresses are given.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { isLoopback } from '../../server/http/machine-names.js';
import { kioskUrlsFor } from '../../server/http/server-address.js';

const addresses = ['192.168.1.20', '10.0.0.5', '2001:db8::20', 'fe80::1'];
const urls = (host: string, extra: { secure?: boolean; publicOrigins?: string[] } = {}) =>
  kioskUrlsFor({ host, port: 3000, secure: extra.secure ?? true, publicOrigins: extra.publicOrigins ?? [], networkAddresses: addresses });

test('a loopback HOST reaches nothing beyond this machine', () => {
  for (const host of ['127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost']) {
    assert.equal(isLoopback(host), true, host);
    assert.deepEqual(urls(host), [], host);
  }
  assert.equal(isLoopback('192.168.1.20'), false);
});

test('0.0.0.0 offers every IPv4 address; :: prefers them to IPv6, which it offers (bracketed, no link-local) only without any', () => {
  assert.deepEqual(urls('0.0.0.0'), ['https://192.168.1.20:3000/kiosk', 'https://10.0.0.5:3000/kiosk']);
  assert.deepEqual(urls('::'), ['https://192.168.1.20:3000/kiosk', 'https://10.0.0.5:3000/kiosk']);
  const ipv6Only = kioskUrlsFor({ host: '::', port: 3000, secure: true, publicOrigins: [], networkAddresses: ['2001:db8::20', 'fe80::1'] });
  assert.deepEqual(ipv6Only, ['https://[2001:db8::20]:3000/kiosk']);
});

test('one address, the scheme the server speaks, and public origins first', () => {
  assert.deepEqual(urls('192.168.1.20', { secure: false }), ['http://192.168.1.20:3000/kiosk']);
  assert.deepEqual(urls('127.0.0.1', { publicOrigins: ['https://rollcall.example.com'] }), ['https://rollcall.example.com/kiosk']);
});

test.run();
