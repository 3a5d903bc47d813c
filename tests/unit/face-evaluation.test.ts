/**
 * The face check's accuracy at `defaultFaceThreshold`, with the default
 * detector, on the people of tests/helpers/face-samples.ts as stored photos:
 * three frames a person, the plain one and two variants taken in turn so
 * that every kind of variant is in (the full set, with both detectors, is
 * bench/face-eval.ts; all of it here would be ~70 s of CPU). Also the
 * engine's edge cases, and every path of `faceVerdict`.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import { analyseImage, liveTensors, loadFaceModels } from '../../server/faces/face-engine.js';
import { defaultFaceThreshold, faceDistance, faceVerdict } from '../../server/faces/face-match.js';
import { errorRates, faceSamples, frameNames, groupPhotos, noFaceFrame, pairDistances, storedPhoto, type AnalysedFrame } from '../helpers/face-samples.js';

const variantCount = frameNames.length - 1;
/** Person `n`'s frames in the evaluation: the plain one (index 0) and the next two variants in turn. */
const evaluatedFrames = (n: number) => [0, 1 + ((2 * n) % variantCount), 1 + ((2 * n + 1) % variantCount)];
let analysed: AnalysedFrame[] = [];
let tensorsBefore = 0;

test.before(async () => {
  await loadFaceModels();
  const people = await faceSamples();
  // A pass first, so that whatever the models keep after their first run is counted before.
  await analyseImage(await storedPhoto(people[0]!.frames[0]!));
  tensorsBefore = liveTensors();
  for (const [n, person] of people.entries()) {
    for (const index of evaluatedFrames(n)) analysed.push({ person: person.id, analysis: await analyseImage(await storedPhoto(person.frames[index]!)) });
  }
});

test('the sample set is big enough to mean something', () => {
  const people = new Set(analysed.map((frame) => frame.person));
  assert.ok(people.size >= 18, `only ${people.size} people in the samples`);
  const single = analysed.filter((frame) => frame.analysis.faces === 1 && frame.analysis.descriptor?.length === 128).length;
  // A missed face is a no_face alert against someone who did nothing wrong.
  assert.ok(single >= analysed.length * 0.9, `one face found in only ${single} of ${analysed.length} frames`);
});

test(`at the default threshold (${defaultFaceThreshold}): false match rate ≤ 1 %, false non-match rate ≤ 5 %`, () => {
  const pairs = pairDistances(analysed);
  assert.ok(pairs.same.length >= 50 && pairs.different.length >= 1500, `only ${pairs.same.length} same-person and ${pairs.different.length} different-person pairs`);
  const { falseMatch, falseNonMatch } = errorRates(pairs, defaultFaceThreshold);
  const detail = `over ${pairs.same.length} same-person and ${pairs.different.length} different-person pairs`;
  assert.ok(falseMatch <= 0.01, `false match rate ${(falseMatch * 100).toFixed(2)} % ${detail}`);
  assert.ok(falseNonMatch <= 0.05, `false non-match rate ${(falseNonMatch * 100).toFixed(2)} % ${detail}`);
});

test('no tensor outlives its analysis', () => {
  assert.equal(liveTensors(), tensorsBefore, `${analysed.length} analyses left ${liveTensors() - tensorsBefore} tensors behind`);
});

test('a frame with no face: no faces, no descriptor', async () => {
  assert.deepEqual(await analyseImage(await storedPhoto(await noFaceFrame())), { faces: 0, descriptor: null });
});

test('a group photo: several faces, no descriptor', async () => {
  const analysis = await analyseImage(await storedPhoto(await readFile(groupPhotos[0]!)));
  assert.equal(analysis.faces, 3);
  assert.equal(analysis.descriptor, null);
});

test('PNG and WebP come in as well as JPEG; anything else is an error', async () => {
  const sharp = (await import('sharp')).default;
  const [person] = await faceSamples();
  for (const format of ['png', 'webp'] as const) {
    const analysis = await analyseImage(await sharp(person!.frames[0]!)[format]().toBuffer());
    assert.equal(analysis.faces, 1, format);
  }
  await assert.rejects(analyseImage(new TextEncoder().encode('not an image')));
});

const described = (descriptor: number[]) => ({ faces: 1, descriptor });

test('faceDistance is the Euclidean distance and refuses descriptors of different lengths', () => {
  assert.equal(faceDistance([0, 0, 0], [3, 4, 0]), 5);
  assert.equal(faceDistance([0.1, 0.2], [0.1, 0.2]), 0);
  assert.throws(() => faceDistance([1, 2], [1, 2, 3]), /differ in length/);
});

test('faceVerdict: match at or under the threshold, mismatch over it, with the distance', () => {
  const reference = [0, 0, 0];
  assert.deepEqual(faceVerdict(described([0.3, 0, 0]), reference, 0.5), { verdict: 'match', distance: 0.3 });
  assert.deepEqual(faceVerdict(described([0.5, 0, 0]), reference, 0.5), { verdict: 'match', distance: 0.5 });
  assert.deepEqual(faceVerdict(described([0.6, 0, 0]), reference, 0.5), { verdict: 'mismatch', distance: 0.6 });
});

test('faceVerdict: no face, several faces and no reference carry no distance; the face count goes first', () => {
  assert.deepEqual(faceVerdict({ faces: 0, descriptor: null }, [0, 0], 0.5), { verdict: 'no_face', distance: null });
  assert.deepEqual(faceVerdict({ faces: 0, descriptor: null }, null, 0.5), { verdict: 'no_face', distance: null });
  assert.deepEqual(faceVerdict({ faces: 1, descriptor: null }, [0, 0], 0.5), { verdict: 'no_face', distance: null });
  assert.deepEqual(faceVerdict({ faces: 3, descriptor: null }, [0, 0], 0.5), { verdict: 'several_faces', distance: null });
  assert.deepEqual(faceVerdict({ faces: 2, descriptor: null }, null, 0.5), { verdict: 'several_faces', distance: null });
  assert.deepEqual(faceVerdict(described([0, 0]), null, 0.5), { verdict: 'no_reference', distance: null });
});

test('faceVerdict on real photos: the same person matches, someone else does not', () => {
  const byPerson = new Map<string, number[]>();
  for (const frame of analysed) if (frame.analysis.descriptor && !byPerson.has(frame.person)) byPerson.set(frame.person, frame.analysis.descriptor);
  const [first, second] = [...byPerson.keys()];
  const again = analysed.filter((frame) => frame.person === first && frame.analysis.descriptor).at(-1)!;
  assert.equal(faceVerdict(again.analysis, byPerson.get(first!)!, defaultFaceThreshold).verdict, 'match');
  assert.equal(faceVerdict(again.analysis, byPerson.get(second!)!, defaultFaceThreshold).verdict, 'mismatch');
});

test.run();
