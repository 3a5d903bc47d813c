/**
 * Counting the faces in a photo and describing the face when there is
 * exactly one: `@vladmandic/face-api` on `@tensorflow/tfjs` with the wasm
 * backend, every file read from `node_modules` (nothing is downloaded). The
 * models load once per thread, on first use. In the server this runs in
 * face-worker.ts (a pass costs 300–500 ms of CPU); tests and benches call it
 * directly.
 *
 * @example
 *   const { faces, descriptor } = await analyseImage(storedPhotoBytes);
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import sharp from 'sharp';
import { maxPhotoPixels } from '../../storage/photo-processing.js';

export type FaceAnalysis = { faces: number; descriptor: number[] | null };
export type FaceDetector = 'ssd' | 'tiny';
/** A face's box as fractions of the image's width and height. */
export type FaceBox = { x: number; y: number; width: number; height: number; score: number };

/**
 * SSD MobileNet. In bench/face-eval.ts the tiny detector found no face in 25
 * of 120 webcam-like stored photos (SSD: 6), and a missed face is a
 * `no_face` alert against someone who did nothing wrong; with a face found,
 * both had the same error rates. SSD costs about 2.5 times as much (a
 * median 460 ms a photo against 190 there, on 2 cores), which a background
 * worker taking one photo at a time can afford.
 */
export const defaultFaceDetector: FaceDetector = 'ssd';

// Stored photos are at most 640 px wide already; this only bounds the work for anything larger.
const maxAnalysedWidth = 640;

const require = createRequire(import.meta.url);
const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

let models: Promise<void> | undefined;

async function loadModels(): Promise<void> {
  // `false`: Node's fetch takes no file paths, so the backend reads the .wasm from disk itself.
  setWasmPaths(`${wasmDir}${path.sep}`, false);
  if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js wasm backend did not start.');
  await tf.ready();
  // face-api's node-wasm build reads the weights with fs (no tfjs-node needed). The tiny detector
  // (190 KB) is only for the bench's comparison.
  await Promise.all([
    faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir),
    faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir),
    faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir),
    faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir),
  ]);
}

/** Loads the models once per thread; a failed load is tried again on the next call. */
export function loadFaceModels(): Promise<void> {
  models ??= loadModels().catch((error: unknown) => {
    models = undefined;
    throw error;
  });
  return models;
}

function detectorOptions(detector: FaceDetector) {
  // Both at their library defaults (confidence 0.5; the tiny detector at 416 px), which the evaluation measured.
  return detector === 'ssd' ? new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 }) : new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });
}

/** JPEG, PNG or WebP bytes as an RGB tensor (rotated by EXIF, at most 640 px wide); throws on anything else. */
async function decodeImage(bytes: Uint8Array): Promise<faceapi.tf.Tensor3D> {
  const { data, info } = await sharp(bytes, { limitInputPixels: maxPhotoPixels, failOn: 'warning' })
    .rotate()
    .resize({ width: maxAnalysedWidth, withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`Expected an RGB image, got ${info.channels} channels.`);
  return faceapi.tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), [info.height, info.width, 3], 'int32');
}

async function withImage<T>(bytes: Uint8Array, use: (image: faceapi.tf.Tensor3D) => Promise<T>): Promise<T> {
  await loadFaceModels();
  const image = await decodeImage(bytes);
  try {
    return await use(image);
  } finally {
    image.dispose();
  }
}

/**
 * How many faces the photo shows, and the 128-number descriptor of the face
 * when it shows exactly one (landmarks and descriptor are skipped otherwise:
 * nothing would use them).
 */
export function analyseImage(bytes: Uint8Array, detector: FaceDetector = defaultFaceDetector): Promise<FaceAnalysis> {
  return withImage(bytes, async (image) => {
    const detections = await faceapi.detectAllFaces(image, detectorOptions(detector));
    if (detections.length !== 1) return { faces: detections.length, descriptor: null };
    // Continues face-api's own chain from these detections instead of detecting again.
    const found = Promise.resolve(detections.map((detection) => faceapi.extendWithFaceDetection({}, detection)));
    const [face] = await new faceapi.DetectAllFaceLandmarksTask(found, image, false).withFaceDescriptors();
    // Landmarks can fail on a detection too small or too cut off to place them: that is no usable face.
    if (!face) return { faces: 0, descriptor: null };
    return { faces: 1, descriptor: Array.from(face.descriptor) };
  });
}

/** Every face's box, best first: for building test data. */
export function findFaces(bytes: Uint8Array, detector: FaceDetector = 'ssd'): Promise<FaceBox[]> {
  return withImage(bytes, async (image) => {
    const detections = await faceapi.detectAllFaces(image, detectorOptions(detector));
    return detections
      .map(({ relativeBox: box, score }) => ({ x: box.x, y: box.y, width: box.width, height: box.height, score }))
      .sort((a, b) => b.score - a.score);
  });
}

/** Tensors alive in this thread (the models' weights included): flat across calls unless something leaks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
