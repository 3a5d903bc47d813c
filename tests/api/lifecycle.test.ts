/**
 * The real server process: data written just before SIGTERM is there after
 * a restart (PGlite loses writes unless closed), SIGINT stops it cleanly too,
 * and a second process cannot open the same DATA_DIR.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import { createClient } from '../helpers/http.js';
import { spawnServer } from '../helpers/server-process.js';

let dataDir: string;
// This test is about the embedded database, so the child never gets DATABASE_URL.
const embedded = () => ({ DATA_DIR: dataDir, DATABASE_URL: undefined, SECRET_KEY: undefined });

test.before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-lifecycle-'));
});
test.after(async () => rm(dataDir, { recursive: true, force: true }));

test('data written just before SIGTERM survives a restart', async () => {
  const first = await spawnServer(embedded());
  const client = createClient(first.url);
  const created = await client.post('/api/register/', { username: 'first_boss', password: 'Boss@12345', role: 'Manager' });
  assert.equal(created.status, 201, created.text);
  assert.equal(await first.stop('SIGTERM'), 0, first.output());
  assert.match(first.output(), /Stopped cleanly/);

  const key = await stat(path.join(dataDir, 'secret.key'));
  assert.equal(key.mode & 0o777, 0o600);

  const second = await spawnServer(embedded());
  try {
    const tokens = await createClient(second.url).post('/api/token/', { username: 'first_boss', password: 'Boss@12345' });
    assert.equal(tokens.status, 200, tokens.text);
    const status = await createClient(second.url).get('/api/auth/status');
    assert.equal(status.body.needsFirstManager, false);
  } finally {
    assert.equal(await second.stop('SIGINT'), 0, second.output());
  }
});

test('a second server on the same DATA_DIR refuses to start', async () => {
  const owner = await spawnServer(embedded());
  try {
    const refused = await spawnServer(embedded()).then(
      () => assert.fail('the second server started'),
      (error: { code?: number; output?: string }) => error,
    );
    assert.equal(refused.code, 1);
    assert.match(refused.output ?? '', new RegExp(`Another Rollcall process \\(pid ${owner.child.pid}\\) is using`));
    // The owner is unaffected.
    assert.equal((await createClient(owner.url).get('/api/auth/status')).status, 200);
  } finally {
    assert.equal(await owner.stop(), 0);
  }
});

test('a lock left by a killed process does not block the next start', async () => {
  const crashed = await spawnServer(embedded());
  await crashed.stop('SIGKILL');
  const next = await spawnServer(embedded());
  assert.equal((await createClient(next.url).get('/api/auth/status')).status, 200);
  assert.equal(await next.stop(), 0);
});

test('a bad environment stops the start with a readable message', async () => {
  const failure = await spawnServer({ ...embedded(), ORG_TIMEZONE: 'Mars/Olympus' }).then(
    () => assert.fail('started with a bad ORG_TIMEZONE'),
    (error: { code?: number; output?: string }) => error,
  );
  assert.equal(failure.code, 1);
  assert.match(failure.output ?? '', /ORG_TIMEZONE: must be an IANA time zone name/);
});

test.run();
