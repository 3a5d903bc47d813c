/** The lull the face check waits for: after every punch in flight, then a quiet spell; bounded. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { createPunchActivity } from '../../server/punch-activity.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

test('with no punch recorded yet, the lull is now', async () => {
  const started = performance.now();
  await createPunchActivity().lull({ quietMs: 5_000 });
  assert.ok(performance.now() - started < 1_000);
});

test('a lull comes only after every punch in flight has ended and the quiet spell has passed', async () => {
  const punches = createPunchActivity();
  const first = deferred();
  const second = deferred();
  const order: string[] = [];
  const recording = [punches.during(() => first.promise).then(() => order.push('first')), punches.during(() => second.promise).then(() => order.push('second'))];
  let endedAt = 0;
  const lull = punches.lull({ quietMs: 40 }).then(() => order.push('lull'));
  first.resolve();
  await recording[0];
  // One punch is still in flight: ending it later must still come before the lull.
  setTimeout(() => {
    endedAt = performance.now();
    second.resolve();
  }, 30);
  await Promise.all([...recording, lull]);
  assert.deepEqual(order, ['first', 'second', 'lull']);
  assert.ok(performance.now() - endedAt >= 39, 'quiet for 40 ms after the last punch');
});

test('a punch that fails still ends, and a lull never waits longer than its bound', async () => {
  const punches = createPunchActivity();
  await assert.rejects(punches.during(() => Promise.reject(new Error('no'))), /no/);
  const stuck = deferred();
  void punches.during(() => stuck.promise);
  const started = performance.now();
  await punches.lull({ quietMs: 10_000, maxWaitMs: 50 });
  const waited = performance.now() - started;
  assert.ok(waited >= 49 && waited < 2_000, `waited ${waited} ms`);
  stuck.resolve();
});

test.run();
