/**
 * The worker thread that analyses faces (see face-analyser.ts): a pass is
 * 300–500 ms of CPU in wasm, which on the main thread would hold every
 * kiosk's request. It answers each `{ id, image }` with `{ id, analysis }`
 * or `{ id, error }` (the error's message).
 */
import { parentPort } from 'node:worker_threads';
import { analyseImage, type FaceAnalysis } from './face-engine.js';

export type FaceRequest = { id: number; image: Uint8Array };
export type FaceReply = { id: number; analysis: FaceAnalysis } | { id: number; error: string };

if (!parentPort) throw new Error('face-worker.ts runs in a worker thread (see face-analyser.ts).');
const port = parentPort;

port.on('message', async ({ id, image }: FaceRequest) => {
  let reply: FaceReply;
  try {
    reply = { id, analysis: await analyseImage(image) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
