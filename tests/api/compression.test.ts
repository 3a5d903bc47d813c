/**
 * Responses are gzipped when the client accepts it and they are worth it:
 * the same bytes once decoded, static files and JSON alike, no stale
 * Content-Length; small files and photos go as they are.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { captureAt, createStaffMember, makeFrame, toBase64 } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { now: '2026-11-23T08:55:00Z', timezone: 'UTC' });

async function both(path: string, headers: Record<string, string> = {}) {
  const gzipped = await fetch(`${ctx.server.url}${path}`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
  const plain = await fetch(`${ctx.server.url}${path}`, { headers: { ...headers, 'Accept-Encoding': 'identity' } });
  return { gzipped, plain, gzippedBody: Buffer.from(await gzipped.arrayBuffer()), plainBody: Buffer.from(await plain.arrayBuffer()) };
}

test('a static module and a large JSON answer are gzipped, and decode to the same bytes', async () => {
  for (let i = 0; i < 6; i++) await createStaffMember(ctx.client, ctx.manager, `person${i}`, { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const auth = { Authorization: `Bearer ${ctx.manager.token}` };
  for (const [path, headers] of [['/vendor/preact.mjs', {}], ['/api/roster/?from=2026-11-01&to=2026-11-30', auth]] as const) {
    const { gzipped, plain, gzippedBody, plainBody } = await both(path, headers);
    assert.equal(gzipped.status, 200, path);
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip', path);
    // Compressed per request it has no length; compressed ahead (the apps' files) it has the compressed one.
    const length = gzipped.headers.get('content-length');
    assert.ok(length === null || Number(length) < plainBody.byteLength, `${path}: no length of the uncompressed body (${length})`);
    assert.match(gzipped.headers.get('vary') ?? '', /Accept-Encoding/, path);
    assert.equal(plain.headers.get('content-encoding'), null, path);
    assert.ok(plainBody.byteLength > 1024, path);
    assert.ok(gzippedBody.equals(plainBody), `${path}: the same bytes once decoded`);
  }
});

test('small files (of a known length under 1 KB) and photos are sent as they are', async () => {
  const small = await both('/app/main.js');
  assert.ok(small.plainBody.byteLength < 1024);
  assert.equal(small.gzipped.headers.get('content-encoding'), null);
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts: [{ day: 'Monday', start: '09:00', end: '17:00' }] });
  const reply = await captureAt(ctx, asha, '2026-11-23T08:55:00Z', toBase64(await makeFrame(640, 480)));
  const photo = await both(reply.body.captured_image, { Authorization: `Bearer ${ctx.manager.token}` });
  assert.equal(photo.gzipped.status, 200);
  assert.equal(photo.gzipped.headers.get('content-encoding'), null);
  assert.ok(photo.gzippedBody.equals(photo.plainBody));
});

test.run();
