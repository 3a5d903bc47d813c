/**
 * What a 500 leaves in the log. The server here is started like the test
 * server, but its logger writes to an array. A check constraint makes real
 * queries fail in the database, so the error the handler logs is drizzle's
 * own "Failed query", carrying an argon2 hash, a username or a session id
 * among its parameters. None of those may reach the log.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { createManualClock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { deriveSecrets } from '../../server/secrets.js';
import { startRollcall, type Rollcall } from '../../server/start-rollcall.js';
import { assertError } from '../helpers/assertions.js';
import { testDatabaseForFile, type TestDatabase } from '../helpers/database.js';
import { createManager, type Account } from '../helpers/fixtures.js';
import { createClient, type Client } from '../helpers/http.js';
import { testSecretKey } from '../helpers/test-server.js';

const lines: string[] = [];
let database: TestDatabase;
let photoDir: string;
let rollcall: Rollcall;
let client: Client;
let manager: Account;

test.before(async () => {
  database = await testDatabaseForFile.acquire();
  photoDir = await mkdtemp(path.join(tmpdir(), 'rollcall-photos-'));
  rollcall = await startRollcall({
    database,
    photoDir,
    clock: createManualClock('2026-11-23T12:00:00Z'),
    secrets: deriveSecrets(testSecretKey),
    logger: createLogger('debug', { write: (line) => lines.push(line) }),
    config: { orgTimezone: 'UTC', orgName: 'Test Site', secureCookies: false, publicOrigins: [], trustProxy: false },
    listen: { port: 0, host: '127.0.0.1' },
  });
  client = createClient(rollcall.server.url);
});

test.before.each(async () => {
  await database.reset();
  manager = await createManager(client);
  lines.length = 0;
});

test.after(async () => {
  await rollcall?.close();
  if (database) await testDatabaseForFile.release(database);
  if (photoDir) await rm(photoDir, { recursive: true, force: true });
});

/** Runs `act` while every insert into `table` fails in the database; the constraint goes again even if `act` fails, as the next file gets this database. */
async function whileInsertsFail(table: 'users' | 'sessions', act: () => Promise<void>) {
  await database.db.execute(sql.raw(`alter table ${table} add constraint hostile_test_refuses check (false) not valid`));
  try {
    await act();
  } finally {
    await database.db.execute(sql.raw(`alter table ${table} drop constraint hostile_test_refuses`));
  }
}

function assertSecretFree(log: string, secrets: string[]) {
  assert.doesNotMatch(log, /\$argon2/, 'no password hash');
  assert.doesNotMatch(log, /\beyJ[\w-]+\.[\w-]+\.[\w-]+/, 'no JWT');
  assert.doesNotMatch(log, /\b[0-9a-f]{64}\b/, 'no session id (a SHA-256 in hex)');
  assert.doesNotMatch(log, /params: (?!\[redacted\])/, 'no SQL parameters');
  for (const secret of secrets) assert.ok(!log.includes(secret), `the log holds ${JSON.stringify(secret)}:\n${log}`);
}

test('registering while the database refuses: the log has the query and the constraint, not the hash, password or username', async () => {
  const account = { username: 'eve-distinctive-name', password: 'Sup3r-Secret-Passw0rd', role: 'Employee' };
  await whileInsertsFail('users', async () => {
    assertError(await client.post('/api/register/', account, { token: manager.token }), 500, 'internal_error');
  });
  assertError(await client.post('/api/token/', account), 401, 'unauthorized');
  const log = lines.join('');
  assert.equal(lines.length, 1, log);
  assert.match(log, /ERROR Unhandled error/);
  assert.match(log, /"path":"\/api\/register"/);
  // Still useful: the SQL with its placeholders, the SQLSTATE and the constraint's name.
  assert.match(log, /Failed query: insert into \\"users\\".*values \(default, \$1, \$2, \$3\b/);
  assert.match(log, /"code":"23514"/);
  assert.match(log, /hostile_test_refuses/);
  assertSecretFree(log, [account.password, account.username, manager.token, manager.password]);
});

test('signing in while sessions cannot be stored: the log has neither the session id nor the password', async () => {
  await whileInsertsFail('sessions', async () => {
    const reply = await client.post('/api/auth/login', { username: manager.username, password: manager.password });
    assertError(reply, 500, 'internal_error');
    assert.equal(reply.headers.get('set-cookie'), null);
  });
  const log = lines.join('');
  assert.match(log, /Failed query: insert into \\"sessions\\"/);
  assertSecretFree(log, [manager.password, manager.token]);
});

test('after the failures the same requests work: nothing was left half-done', async () => {
  const account = { username: 'eve-distinctive-name', password: 'Sup3r-Secret-Passw0rd', role: 'Employee' };
  assert.equal((await client.post('/api/register/', account, { token: manager.token })).status, 201);
  assert.equal((await client.post('/api/auth/login', { username: account.username, password: account.password })).status, 200);
  assert.deepEqual(lines, []);
});

test.run();
