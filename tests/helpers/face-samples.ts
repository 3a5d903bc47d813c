/**
 * Face photos for tests, made at test time from the six group photos that
 * ship with `@vladmandic/face-api` (no image is committed): every face SSD
 * finds there becomes one person, cropped with a margin into a 640×480
 * "webcam" frame, plus variants of that frame (darker, brighter, turned a
 * little, framed differently, compressed harder) as the same person's other
 * punches. A face whose plain frame, stored, does not show exactly one face
 * is left out, as it could never be a reference face (20 of the 22 stay). Built once and kept in the temp folder, keyed by a hash of
 * everything that goes into them.
 *
 * @example
 *   const people = await faceSamples();
 *   const video = await faceVideo(path.join(dir, 'alice.mjpeg'), people[0]!.frames);
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { findFaces, type FaceAnalysis, type FaceBox } from '../../server/faces/face-engine.js';
import { faceDistance } from '../../server/faces/face-match.js';
import { processPhoto } from '../../storage/photo-processing.js';
import { projectPath } from '../../storage/project-path.js';
import { makeFrame } from './fixtures.js';

export type FacePerson = { id: string; frames: Buffer[] };

const frameWidth = 640;
const frameHeight = 480;
const demoDir = projectPath('node_modules', '@vladmandic', 'face-api', 'demo');
export const groupPhotos = [1, 2, 3, 4, 5, 6].map((n) => path.join(demoDir, `sample${n}.jpg`));

/** How each of a person's frames differs from the first; `shift` and `zoom` move the crop. */
type Variant = { name: string; brightness?: number; angle?: number; shiftX?: number; shiftY?: number; zoom?: number; quality?: number };

const variants: Variant[] = [
  { name: 'plain' },
  { name: 'darker', brightness: 0.7 },
  { name: 'brighter', brightness: 1.4 },
  { name: 'turned', angle: 8 },
  { name: 'reframed', shiftX: 0.12, shiftY: -0.08, zoom: 0.8 },
  { name: 'compressed', quality: 30, angle: -5 },
];

/** The name of each of a person's frames, in order (`plain` first). */
export const frameNames = variants.map((variant) => variant.name);

/** The face box's width times this is the frame's width: the head fills about a third of it, as at a kiosk. */
const margin = 3.5;

type Source = { data: Buffer; width: number; height: number };

/** A frame of `variant` around `face` (a box in fractions of the photo), with every other face in the photo greyed out. */
async function cropFrame(source: Source, face: FaceBox, variant: Variant): Promise<Buffer> {
  const faceWidth = face.width * source.width;
  const cropWidth = Math.min(source.width, (faceWidth * margin) / (variant.zoom ?? 1));
  const cropHeight = Math.min(source.height, (cropWidth * frameHeight) / frameWidth);
  const centreX = (face.x + face.width / 2) * source.width + (variant.shiftX ?? 0) * cropWidth;
  const centreY = (face.y + face.height / 2) * source.height + (variant.shiftY ?? 0) * cropHeight;
  // Room around the crop so a turned frame has no empty corners.
  const pad = variant.angle ? Math.ceil(Math.max(cropWidth, cropHeight) * 0.25) : 0;
  const clampLeft = (value: number, size: number, total: number) => Math.round(Math.max(0, Math.min(total - size, value)));
  const regionWidth = Math.round(Math.min(source.width, cropWidth + 2 * pad));
  const regionHeight = Math.round(Math.min(source.height, cropHeight + 2 * pad));
  const left = clampLeft(centreX - regionWidth / 2, regionWidth, source.width);
  const top = clampLeft(centreY - regionHeight / 2, regionHeight, source.height);
  let region = sharp(source.data, { raw: { width: source.width, height: source.height, channels: 3 } }).extract({ left, top, width: regionWidth, height: regionHeight });
  if (variant.angle) {
    const turned = await region.rotate(variant.angle, { background: '#808080' }).raw().toBuffer({ resolveWithObject: true });
    const width = Math.round(Math.min(cropWidth, turned.info.width));
    const height = Math.round(Math.min(cropHeight, turned.info.height));
    region = sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 3 } }).extract({
      left: Math.round((turned.info.width - width) / 2),
      top: Math.round((turned.info.height - height) / 2),
      width,
      height,
    });
  }
  const frame = region.resize(frameWidth, frameHeight, { fit: 'cover' });
  if (variant.brightness) frame.linear(variant.brightness, 0);
  return frame.jpeg({ quality: variant.quality ?? 90 }).toBuffer();
}

/** The photo as raw RGB with every face but `keep` greyed out, so each frame shows one person. */
function maskOthers(source: Source, faces: FaceBox[], keep: FaceBox): Source {
  const data = Buffer.from(source.data);
  for (const face of faces) {
    if (face === keep) continue;
    // A little beyond the box, so no forehead or chin is left to be found.
    const x0 = Math.max(0, Math.floor((face.x - face.width * 0.25) * source.width));
    const x1 = Math.min(source.width, Math.ceil((face.x + face.width * 1.25) * source.width));
    const y0 = Math.max(0, Math.floor((face.y - face.height * 0.3) * source.height));
    const y1 = Math.min(source.height, Math.ceil((face.y + face.height * 1.3) * source.height));
    for (let y = y0; y < y1; y++) data.fill(128, (y * source.width + x0) * 3, (y * source.width + x1) * 3);
  }
  return { ...source, data };
}

async function buildPeople(): Promise<FacePerson[]> {
  const people: FacePerson[] = [];
  for (const [index, file] of groupPhotos.entries()) {
    const bytes = await readFile(file);
    const faces = await findFaces(bytes, 'ssd');
    const { data, info } = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const source = { data, width: info.width, height: info.height };
    for (const [n, face] of faces.entries()) {
      const masked = maskOthers(source, faces, face);
      const frames = await Promise.all(variants.map((variant) => cropFrame(masked, face, variant)));
      // Someone whose plain frame shows no single face could never be given a reference face (it needs exactly one).
      const enrollable = (await findFaces(await storedPhoto(frames[0]!), 'ssd')).length === 1;
      if (enrollable) people.push({ id: `sample${index + 1}-face${n + 1}`, frames });
    }
  }
  return people;
}

/** Everything the frames depend on: the photos, this file, the face finder, the image library. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of groupPhotos) hash.update(readFileSync(file));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(projectPath('server', 'faces', 'face-engine.ts')));
  hash.update(JSON.stringify(sharp.versions));
  return hash.digest('hex').slice(0, 16);
}

let built: Promise<FacePerson[]> | undefined;

/** Every person found in the group photos (about 20), each with `variants.length` frames: 640×480 JPEGs. */
export function faceSamples(): Promise<FacePerson[]> {
  built ??= cachedPeople();
  return built;
}

async function cachedPeople(): Promise<FacePerson[]> {
  const dir = path.join(tmpdir(), `rollcall-face-samples-${inputsHash()}`);
  try {
    const manifest: { id: string; frames: string[] }[] = JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8'));
    return await Promise.all(manifest.map(async ({ id, frames }) => ({ id, frames: await Promise.all(frames.map((name) => readFile(path.join(dir, name)))) })));
  } catch {
    // Not built yet (or half removed): build it.
  }
  const people = await buildPeople();
  // Written aside and renamed: a test file starting meanwhile finds all of it or none.
  const partial = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(partial, { recursive: true });
  const manifest = [];
  for (const person of people) {
    const names = person.frames.map((_, i) => `${person.id}-${variants[i]!.name}.jpg`);
    await Promise.all(person.frames.map((frame, i) => writeFile(path.join(partial, names[i]!), frame)));
    manifest.push({ id: person.id, frames: names });
  }
  await writeFile(path.join(partial, 'people.json'), JSON.stringify(manifest));
  await rename(partial, dir).catch(async () => {
    // Another process renamed its copy first: theirs is the same.
    await rm(partial, { recursive: true, force: true });
  });
  return people;
}

/**
 * Writes `frames` (JPEGs, all the same size) one after another as an MJPEG
 * file for Chromium's `--use-file-for-fake-video-capture=<file>` (the name
 * must end in `.mjpeg`); Chromium plays it in a loop. Returns the path.
 */
export async function faceVideo(file: string, frames: readonly Uint8Array[]): Promise<string> {
  if (!file.endsWith('.mjpeg')) throw new Error(`Chromium reads MJPEG only from a file ending in .mjpeg, not ${file}.`);
  if (frames.length === 0) throw new Error('A video needs at least one frame.');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.concat(frames));
  return file;
}

/** A 640×480 webcam-like frame with no face in it (smooth gradients and noise). */
export function noFaceFrame(): Promise<Buffer> {
  return makeFrame(frameWidth, frameHeight, 'jpeg');
}


/** What production analyses: the frame as `processPhoto` stores it (≤640 px wide WebP q75). */
export async function storedPhoto(frame: Uint8Array): Promise<Buffer> {
  const result = await processPhoto(frame);
  if (!result.ok) throw new Error(result.message);
  return result.photo.data;
}

export type AnalysedFrame = { person: string; analysis: FaceAnalysis };
export type PairDistances = { same: number[]; different: number[] };

/** The distance of every pair of frames that each showed one face, same person or not. */
export function pairDistances(frames: readonly AnalysedFrame[]): PairDistances {
  const described = frames.filter((frame) => frame.analysis.faces === 1 && frame.analysis.descriptor);
  const pairs: PairDistances = { same: [], different: [] };
  for (let i = 0; i < described.length; i++) {
    for (let j = i + 1; j < described.length; j++) {
      const distance = faceDistance(described[i]!.analysis.descriptor!, described[j]!.analysis.descriptor!);
      (described[i]!.person === described[j]!.person ? pairs.same : pairs.different).push(distance);
    }
  }
  return pairs;
}

/** False match rate (different people at or under the threshold) and false non-match rate (the same person over it). */
export function errorRates(pairs: PairDistances, threshold: number): { falseMatch: number; falseNonMatch: number } {
  const share = (distances: number[], wrong: (distance: number) => boolean) => (distances.length === 0 ? 0 : distances.filter(wrong).length / distances.length);
  return { falseMatch: share(pairs.different, (d) => d <= threshold), falseNonMatch: share(pairs.same, (d) => d > threshold) };
}
