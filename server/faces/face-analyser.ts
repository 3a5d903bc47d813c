/**
 * Face analysis off the main thread: one worker thread (face-worker.ts),
 * started on first use, fed one photo at a time from a queue here. One at a
 * time, so a worker that crashes or hangs costs only the photo it was on:
 * that request fails, the worker is replaced, and the queue goes on. One
 * worker, so a burst of punches waits its turn instead of taking every core
 * from the kiosks.
 *
 * Like server/worker-thread.ts, the entry is the `.ts` source under tsx and
 * the compiled `.js` in production; it is not used here because its worker
 * side answers synchronously and its client has no way to stop the worker.
 *
 * @example
 *   const faces = createFaceAnalyser();
 *   const { faces: count, descriptor } = await faces.analyse(photoBytes);
 *   await faces.close();
 */
import { Worker } from 'node:worker_threads';
import type { FaceAnalysis } from './face-engine.js';
import type { FaceReply, FaceRequest } from './face-worker.js';

export type FaceAnalyser = {
  /** Rejects if this image cannot be analysed (not an image, damaged) or the worker failed on it. */
  analyse(image: Uint8Array): Promise<FaceAnalysis>;
  /** Starts the worker and loads the models now, in their turn, so the first photo does not wait for them. */
  prepare(): Promise<void>;
  /** Fails whatever waits and stops the worker; `analyse` rejects afterwards. */
  close(): Promise<void>;
};

export type FaceAnalyserOptions = {
  /** How a worker is started (tests start one that crashes). */
  startWorker?: () => Worker;
  /** A photo still unanswered after this long means a stuck worker: it is replaced. */
  timeoutMs?: number;
};

/** The face-worker entry beside this module: the `.ts` source through tsx's API, or the compiled `.js`. */
export function startFaceWorker(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./face-worker.${typescript ? 'ts' : 'js'}`, import.meta.url);
  return typescript
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true })
    : new Worker(entry);
}

type Waiting = { image: Uint8Array | null; resolve: (analysis: FaceAnalysis) => void; reject: (error: Error) => void };
type Current = Waiting & { id: number; timer: NodeJS.Timeout };

// The first photo also loads the models (about a second); a healthy pass is well under one.
const defaultTimeoutMs = 60_000;

export function createFaceAnalyser(options: FaceAnalyserOptions = {}): FaceAnalyser {
  const startWorker = options.startWorker ?? startFaceWorker;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const queue: Waiting[] = [];
  let worker: Worker | undefined;
  let current: Current | undefined;
  let nextId = 0;
  let closed = false;

  function finish(id: number, outcome: { analysis: FaceAnalysis } | { error: Error }): void {
    if (current?.id !== id) return;
    const done = current;
    current = undefined;
    clearTimeout(done.timer);
    if ('analysis' in outcome) done.resolve(outcome.analysis);
    else done.reject(outcome.error);
    next();
  }

  /** Drops the worker (it crashed, hung or exited) and fails only the photo it was on. */
  function discard(failed: Worker, error: Error): void {
    if (worker !== failed) return;
    worker = undefined;
    void failed.terminate();
    if (current) finish(current.id, { error });
  }

  function start(): Worker {
    const started = startWorker();
    started.on('message', (reply: FaceReply) => finish(reply.id, 'error' in reply ? { error: new Error(reply.error) } : { analysis: reply.analysis }));
    started.on('error', (error) => discard(started, new Error(`The face analysis worker failed: ${error.message}`)));
    started.on('exit', (code) => discard(started, new Error(`The face analysis worker stopped (exit code ${code}).`)));
    return started;
  }

  function next(): void {
    if (current || closed) return;
    const waiting = queue.shift();
    if (!waiting) {
      // Idle: an idle worker must not keep the process alive.
      worker?.unref();
      return;
    }
    worker ??= start();
    worker.ref();
    const running = worker;
    const id = nextId++;
    const timer = setTimeout(() => discard(running, new Error(`The face analysis took over ${timeoutMs} ms; the worker was restarted.`)), timeoutMs);
    current = { ...waiting, id, timer };
    // A copy of its own, moved rather than cloned: the caller's buffer may be a view into a larger one, and stays theirs.
    const image = waiting.image && new Uint8Array(waiting.image);
    running.postMessage({ id, image } satisfies FaceRequest, image ? [image.buffer] : []);
  }

  return {
    analyse(image) {
      if (closed) return Promise.reject(new Error('The face analyser is closed.'));
      return new Promise<FaceAnalysis>((resolve, reject) => {
        queue.push({ image, resolve, reject });
        next();
      });
    },
    async prepare() {
      if (closed) throw new Error('The face analyser is closed.');
      await new Promise<FaceAnalysis>((resolve, reject) => {
        queue.push({ image: null, resolve, reject });
        next();
      });
    },
    async close() {
      closed = true;
      const error = new Error('The face analyser was closed.');
      for (const waiting of queue.splice(0)) waiting.reject(error);
      const stopping = worker;
      worker = undefined;
      if (current) {
        clearTimeout(current.timer);
        current.reject(error);
        current = undefined;
      }
      await stopping?.terminate();
    },
  };
}
