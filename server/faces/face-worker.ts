/**
 * The worker thread that analyses faces (see face-analyser.ts): a pass is
 * 300–500 ms of CPU in wasm, which on the main thread would hold every
 * kiosk's request. It answers each `{ id, image }` with `{ id, analysis }`
 * or `{ id, error }` (the error's message); `{ id, image: null }` only loads
 * the models, so the first punch after a start does not wait for them.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyseImage, loadFaceModels, type FaceAnalysis } from './face-engine.js';

export type FaceRequest = { id: number; image: Uint8Array | null };
export type FaceReply = { id: number; analysis: FaceAnalysis } | { id: number; error: string };

if (!parentPort) throw new Error('face-worker.ts runs in a worker thread (see face-analyser.ts).');
const port = parentPort;

// The lowest CPU priority, for this thread alone (on Linux a nice value is a
// thread's): captures and requests go first, and the analysis uses what they
// leave. Where it cannot be lowered, it runs at the usual priority.
try {
  setPriority(19);
} catch {
  // Not permitted here: nothing else changes.
}

port.on('message', async ({ id, image }: FaceRequest) => {
  let reply: FaceReply;
  try {
    if (image === null) {
      await loadFaceModels();
      reply = { id, analysis: { faces: 0, descriptor: null } };
    } else reply = { id, analysis: await analyseImage(image) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
