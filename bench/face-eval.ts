/**
 * The face check's evaluation, for both detectors face-api offers: the
 * people of tests/helpers/face-samples.ts (every face in the six demo group
 * photos, each in six webcam-like frames), every frame analysed as it would
 * be stored (`processPhoto`: ≤640 px wide WebP q75). Prints the time per
 * frame, the faces found against those expected, and over every pair of
 * frames the false match rate (two people taken for one) and false
 * non-match rate (one person taken for two) at each threshold: what
 * `defaultFaceDetector` and `defaultFaceThreshold` are chosen from.
 *
 *   node --import tsx bench/face-eval.ts
 */
import { availableParallelism, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { analyseImage, loadFaceModels, type FaceDetector } from '../server/faces/face-engine.js';
import { defaultFaceThreshold } from '../server/faces/face-match.js';
import { errorRates, faceSamples, groupPhotos, noFaceFrame, pairDistances, storedPhoto, type AnalysedFrame } from '../tests/helpers/face-samples.js';
import { median, ms, percentile } from './stats.js';

/** Counted by eye in node_modules/@vladmandic/face-api/demo/sample1…6.jpg. */
const facesInGroupPhotos = [3, 3, 3, 4, 5, 4];
const thresholds = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
/** A rate with the count it comes from: ` 0.18 % (11/6167)`. */
const rate = (share: number, of: number) => `${(share * 100).toFixed(2).padStart(5)} % (${Math.round(share * of)}/${of})`.padEnd(20);

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
console.log(`${availableParallelism()} cores, load average ${load()} (other work on the machine skews the times below)`);
await loadFaceModels();
const people = await faceSamples();
const frames = await Promise.all(people.flatMap((person) => person.frames.map(async (frame) => ({ person: person.id, stored: await storedPhoto(frame) }))));
const groups = await Promise.all(groupPhotos.map(async (file) => storedPhoto(await readFile(file))));
const blank = await storedPhoto(await noFaceFrame());
console.log(`${people.length} people × ${frames.length / people.length} frames = ${frames.length} stored photos (640×480 WebP)`);

for (const detector of ['tiny', 'ssd'] satisfies FaceDetector[]) {
  // One untimed pass: the first inference of each model compiles its kernels.
  await analyseImage(frames[0]!.stored, detector);
  const times: number[] = [];
  const analysed: AnalysedFrame[] = [];
  for (const frame of frames) {
    const started = performance.now();
    const analysis = await analyseImage(frame.stored, detector);
    times.push(performance.now() - started);
    analysed.push({ person: frame.person, analysis });
  }
  const single = analysed.filter((frame) => frame.analysis.faces === 1).length;
  const none = analysed.filter((frame) => frame.analysis.faces === 0).length;
  const groupCounts = await Promise.all(groups.map(async (photo) => (await analyseImage(photo, detector)).faces));
  const blankFaces = (await analyseImage(blank, detector)).faces;
  const pairs = pairDistances(analysed);

  console.log(`\n${detector === 'ssd' ? 'SSD MobileNet v1' : 'tiny face detector'}: decode + detection + landmarks + descriptor per frame: median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`);
  console.log(`  frames with exactly one face: ${single} of ${frames.length} (no face in ${none}, several in ${frames.length - single - none})`);
  console.log(`  group photos: ${groupCounts.join(' ')} faces found, ${facesInGroupPhotos.join(' ')} expected; no-face frame: ${blankFaces} found`);
  console.log(`  pairs compared: ${pairs.same.length} same-person, ${pairs.different.length} different-person`);
  console.log(`  distances: same person median ${median(pairs.same).toFixed(3)}, max ${Math.max(...pairs.same).toFixed(3)}; different people min ${Math.min(...pairs.different).toFixed(3)}, median ${median(pairs.different).toFixed(3)}`);
  console.log('  threshold   false match          false non-match');
  for (const threshold of thresholds) {
    const { falseMatch, falseNonMatch } = errorRates(pairs, threshold);
    const chosen = threshold === defaultFaceThreshold ? ' ← defaultFaceThreshold' : '';
    console.log(`  ${threshold.toFixed(2).padStart(9)}   ${rate(falseMatch, pairs.different.length)} ${rate(falseNonMatch, pairs.same.length)}${chosen}`);
  }
}
