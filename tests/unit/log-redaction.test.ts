/**
 * What the logger writes: secrets under their usual names and shapes are
 * blanked, and errors are described without their SQL parameters. (A real
 * failed query through the real server: tests/api/secret-free-logs.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createLogger, describeError, redactDetails, scrubText } from '../../server/logger.js';

const hash = '$argon2id$v=19$m=19456,t=2,p=1$VthxKvycEmzXLChGv8wrgg$J5QuKDF/o6L0+Ydmbv8+p8DaSsPe2J6Ivr4FDW63Vak';
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', { write: (line) => lines.push(line) }) };
}

test('details under secret names are redacted, at any depth; the rest is kept', () => {
  const details = {
    path: '/api/token',
    password: 'Sup3r-Secret',
    body: { username: 'asha', passwordHash: 'x', pin: '123456', refresh: 'r', nested: [{ Authorization: 'Bearer abc' }] },
    sessionToken: 't',
    cookie: 'rollcall_session=abc',
    params: ['a', 'b'],
    count: 3,
  };
  assert.deepEqual(redactDetails(details), {
    path: '/api/token',
    password: '[redacted]',
    body: { username: 'asha', passwordHash: '[redacted]', pin: '[redacted]', refresh: '[redacted]', nested: [{ Authorization: '[redacted]' }] },
    sessionToken: '[redacted]',
    cookie: '[redacted]',
    params: '[redacted]',
    count: 3,
  });
});

test('hashes, JWTs and bearer credentials are blanked wherever they appear in text', () => {
  const text = scrubText(`stored ${hash} for a request with Bearer ${jwt} and token ${jwt}`);
  assert.doesNotMatch(text, /argon2|eyJ|c2lnbmF0dXJl/);
  assert.match(text, /^stored \[redacted\] for a request with \[redacted\]/);
});

test('a "Failed query" text loses its parameters, even spread over lines, and keeps its stack frames', () => {
  const stack = `Error: Failed query: insert into "users" ("username", "password_hash") values ($1, $2)\nparams: eve,${hash},line\nbreak\n    at insertUser (/srv/users.queries.ts:42:17)`;
  const text = scrubText(stack);
  assert.doesNotMatch(text, /eve|argon2|break/);
  assert.match(text, /values \(\$1, \$2\)\nparams: \[redacted\]\n {4}at insertUser/);
});

test('PostgreSQL quoting a value after a colon loses the value; quoted names are kept', () => {
  assert.equal(scrubText('invalid input syntax for type integer: "secret"'), 'invalid input syntax for type integer: "[redacted]"');
  assert.equal(scrubText('duplicate key value violates unique constraint "users_username_lower_key"'), 'duplicate key value violates unique constraint "users_username_lower_key"');
});

test('an error with a query and a database cause is described by its SQL text and codes only', () => {
  const cause = Object.assign(new Error('new row for relation "users" violates check constraint "c"'), {
    code: '23514',
    constraint: 'c',
    detail: `Failing row contains (eve, ${hash}).`,
    where: "unnamed portal parameter $1 = 'eve'",
    params: ['eve', hash],
    query: 'insert into users values ($1, $2)',
  });
  const error = Object.assign(new Error(`Failed query: insert into users values ($1, $2)\nparams: eve,${hash}`), {
    query: 'insert into users values ($1, $2)',
    params: ['eve', hash],
    cause,
  });
  const described = describeError(error) as Record<string, any>;
  assert.equal(described.message, 'Failed query: insert into users values ($1, $2)');
  assert.equal(described.cause.message, cause.message);
  assert.equal(described.cause.code, '23514');
  assert.equal(described.cause.constraint, 'c');
  assert.match(described.stack, /^at /);
  assert.doesNotMatch(JSON.stringify(described), /eve|argon2|Failing row|portal/);
});

test('the logger writes one line per event, through the redaction, to the destination given', () => {
  const { lines, logger } = capture();
  logger.error('Unhandled error', { error: Object.assign(new Error(`Failed query: select 1\nparams: ${hash}`), { query: 'select 1', params: [hash] }), token: jwt });
  logger.info(`Signed in with ${jwt}`);
  assert.equal(lines.length, 2);
  assert.ok(lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1), 'one line each');
  assert.match(lines[0]!, / ERROR Unhandled error \{"error":\{"name":"Error","message":"Failed query: select 1"/);
  assert.doesNotMatch(lines.join(''), /argon2|eyJ/);
});

test('levels below the logger\'s are not written; silent writes nothing', () => {
  const lines: string[] = [];
  createLogger('warn', { write: (line) => lines.push(line) }).info('not this');
  createLogger('silent', { write: (line) => lines.push(line) }).error('nor this');
  assert.deepEqual(lines, []);
});

test.run();
