/**
 * The face analyser's worker thread, for real (tsx-loaded entry, wasm
 * models): a burst is queued to one worker and all of it answered, a bad
 * image fails only its own request, the main thread's event loop keeps
 * running, and a worker that crashes or hangs is replaced.
 */
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { test } from 'uvu';
import { createFaceAnalyser, startFaceWorker, type FaceAnalyser } from '../../server/faces/face-analyser.js';
import { faceSamples, noFaceFrame, storedPhoto } from '../helpers/face-samples.js';

const opened: FaceAnalyser[] = [];
const analyser = (options?: Parameters<typeof createFaceAnalyser>[0]) => {
  const created = createFaceAnalyser(options);
  opened.push(created);
  return created;
};
test.after(() => Promise.all(opened.map((each) => each.close())).then(() => undefined));

test('50 requests at once are all answered by one worker, a garbage image failing alone, without holding the event loop', async () => {
  let starts = 0;
  const faces = analyser({ startWorker: () => (starts++, startFaceWorker()) });
  const [person] = await faceSamples();
  const face = await storedPhoto(person!.frames[0]!);
  const blank = await storedPhoto(await noFaceFrame());
  const garbage = new TextEncoder().encode('this is not an image');
  const images = Array.from({ length: 50 }, (_, i) => (i === 25 ? garbage : i % 10 === 0 ? face : blank));
  assert.equal(starts, 0, 'the worker starts on first use');

  let last = performance.now();
  const gaps: number[] = [];
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const outcomes = await Promise.allSettled(images.map((image) => faces.analyse(image)));
  const took = performance.now() - started;
  clearInterval(ticker);

  outcomes.forEach((outcome, i) => {
    if (i === 25) return assert.equal(outcome.status, 'rejected', 'the garbage image');
    assert.equal(outcome.status, 'fulfilled', `request ${i}: ${outcome.status === 'rejected' ? outcome.reason : ''}`);
    if (outcome.status === 'fulfilled') assert.equal(outcome.value.faces, i % 10 === 0 ? 1 : 0, `request ${i}`);
  });
  assert.equal(starts, 1, 'one worker for the whole burst');
  // On the main thread each analysis would hold the loop for 300 ms or more, nearly all the time. Here
  // the main thread only queues and posts, though on a crowded machine (load 12 on 2 cores) the
  // scheduler alone left it waiting in long gaps for 14 % of a burst.
  gaps.sort((a, b) => a - b);
  const p95 = gaps[Math.floor(gaps.length * 0.95)]!;
  const held = gaps.filter((gap) => gap > 100).reduce((sum, gap) => sum + gap, 0);
  const detail = `over ${took.toFixed(0)} ms: 95 % of ticks within ${p95.toFixed(0)} ms, the longest gap ${gaps.at(-1)!.toFixed(0)} ms`;
  assert.ok(p95 < 50, `the event loop was held ${detail}`);
  assert.ok(held < took * 0.25, `the event loop was held in gaps over 100 ms for ${held.toFixed(0)} ms ${detail}`);
});

test('a worker that crashes fails the request it was on; the next one gets a new worker', async () => {
  let starts = 0;
  const crashing = () => new Worker(`require('node:worker_threads').parentPort.once('message', () => process.exit(3));`, { eval: true });
  const faces = analyser({ startWorker: () => (++starts === 1 ? crashing() : startFaceWorker()) });
  const blank = await storedPhoto(await noFaceFrame());
  const [first, second] = await Promise.allSettled([faces.analyse(blank), faces.analyse(blank)]);
  assert.equal(first.status, 'rejected');
  assert.match(String(first.status === 'rejected' && first.reason), /exit code 3/);
  assert.deepEqual(second, { status: 'fulfilled', value: { faces: 0, descriptor: null } });
  assert.equal(starts, 2);
});

const hanging = () => new Worker(`require('node:worker_threads').parentPort.on('message', () => {});`, { eval: true });

test('a worker that hangs is given up on after the timeout, and the next request gets a new one', async () => {
  let starts = 0;
  const faces = analyser({ startWorker: () => (starts++, hanging()), timeoutMs: 200 });
  const blank = await storedPhoto(await noFaceFrame());
  const [first, second] = await Promise.allSettled([faces.analyse(blank), faces.analyse(blank)]);
  assert.match(String(first.status === 'rejected' && first.reason), /took over 200 ms/);
  assert.match(String(second.status === 'rejected' && second.reason), /took over 200 ms/);
  assert.equal(starts, 2);
});

test('close fails whatever waits, and nothing is analysed afterwards', async () => {
  const faces = createFaceAnalyser({ startWorker: hanging });
  const blank = await storedPhoto(await noFaceFrame());
  const waiting = Promise.allSettled([faces.analyse(blank), faces.analyse(blank)]);
  await faces.close();
  for (const outcome of await waiting) assert.match(String(outcome.status === 'rejected' && outcome.reason), /closed/);
  await assert.rejects(faces.analyse(blank), /closed/);
});

test.run();
