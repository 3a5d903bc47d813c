/**
 * Sign-in throttling against a real server: the 6th wrong password within
 * 15 minutes, and then even the right one, gets 429 with Retry-After; other
 * accounts still sign in; the block lifts after 15 minutes and doubles when
 * earned again the same day. The same counts hold on the token and cookie
 * sign-ins alike.
 */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { useApiSuite } from '../helpers/api-suite.js';
import { assertError } from '../helpers/assertions.js';
import { createStaffMember } from '../helpers/fixtures.js';

const ctx = useApiSuite(test, { manager: 'boss' });
const minute = 60 * 1000;

const signIn = (username: string, password: string, via: 'token' | 'login' = 'token') =>
  ctx.client.post(via === 'token' ? '/api/token/' : '/api/auth/login', { username, password });

async function guessWrong(username: string, times: number) {
  for (let i = 0; i < times; i++) assertError(await signIn(username, `wrong-${i}`, i % 2 ? 'login' : 'token'), 401, 'unauthorized');
}

test('the 6th wrong password in 15 minutes is refused with 429 and Retry-After, and so is the right one; other accounts are unaffected', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  await guessWrong('asha', 5);

  const blocked = await signIn('asha', 'wrong-again');
  assertError(blocked, 429, 'too_many_attempts');
  assert.equal(blocked.headers.get('retry-after'), '900');
  assert.match(blocked.body.error.message, /^Too many wrong passwords\. Try again in 15 minutes\.$/);
  // A different spelling of the same name is the same account.
  assertError(await signIn('ASHA', asha.password), 429, 'too_many_attempts');
  assertError(await signIn('asha', asha.password, 'login'), 429, 'too_many_attempts');

  assert.equal((await signIn('boss', ctx.manager.password)).status, 200);

  ctx.server.clock.advance(10 * minute);
  const later = await signIn('asha', asha.password);
  assertError(later, 429, 'too_many_attempts');
  assert.equal(later.headers.get('retry-after'), '300');
  ctx.server.clock.advance(5 * minute);
  assert.equal((await signIn('asha', asha.password)).status, 200);
});

test('a block earned again the same day lasts twice as long', async () => {
  await createStaffMember(ctx.client, ctx.manager, 'asha');
  await guessWrong('asha', 5);
  ctx.server.clock.advance(15 * minute);
  await guessWrong('asha', 5);
  const second = await signIn('asha', 'x');
  assertError(second, 429, 'too_many_attempts');
  assert.equal(second.headers.get('retry-after'), String(30 * 60));
});

test('failures spread out over more than 15 minutes do not add up; a right password forgives them', async () => {
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  await guessWrong('asha', 4);
  ctx.server.clock.advance(16 * minute);
  await guessWrong('asha', 4);
  assert.equal((await signIn('asha', asha.password)).status, 200);
  await guessWrong('asha', 4);
  assert.equal((await signIn('asha', asha.password)).status, 200);
});

test('guessing names that do not exist is throttled too', async () => {
  await guessWrong('nobody-here', 5);
  assertError(await signIn('nobody-here', 'x'), 429, 'too_many_attempts');
});

test('one address guessing across many names is blocked after 50 failures, whoever it then signs in as', async () => {
  for (let name = 0; name < 10; name++) await guessWrong(`guess-${name}`, 5);
  const blocked = await signIn('boss', ctx.manager.password);
  assertError(blocked, 429, 'too_many_attempts');
  assert.equal(blocked.headers.get('retry-after'), '900');
});

test.run();
