/**
 * A long-lived worker thread that answers requests in order, for CPU work
 * that would otherwise hold the event loop (which the embedded database and
 * every kiosk share). One per entry module and process, started on first
 * use and unref'd, so it never keeps a process alive; if it dies, waiting
 * requests fail and the next request starts a new one.
 *
 * The entry is the `.ts` source under tsx (tests, benches) and the compiled
 * `.js` in production; tsx does not reach into worker threads by itself, so
 * a `.ts` entry is loaded through its API.
 */
import { parentPort, Worker } from 'node:worker_threads';

type Reply<Res> = { id: number; result: Res } | { id: number; error: string };

export type WorkerClient<Req, Res> = { run(request: Req): Promise<Res> };

/** `moduleUrl` is the caller's `import.meta.url`; `name` the entry's file name without extension, beside it. */
export function workerThread<Req, Res>(moduleUrl: string, name: string): WorkerClient<Req, Res> {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (result: Res) => void; reject: (error: Error) => void }>();

  function start(): Worker {
    const typescript = moduleUrl.endsWith('.ts');
    const entry = new URL(`./${name}.${typescript ? 'ts' : 'js'}`, moduleUrl);
    const started = typescript
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true })
      : new Worker(entry);
    started.on('message', (reply: Reply<Res>) => {
      const request = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!request) return;
      if ('error' in reply) request.reject(new Error(reply.error));
      else request.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const request of waiting.values()) request.reject(error);
      waiting.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`The ${name} worker stopped (exit code ${code}).`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    started.unref();
    return started;
  }

  return {
    run(request) {
      worker ??= start();
      const id = nextId++;
      const answer = new Promise<Res>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, request });
      return answer;
    },
  };
}

/** The worker side: answers each request with `handle`'s result, or its error's message. */
export function serveWorkerRequests<Req, Res>(handle: (request: Req) => Res): void {
  if (!parentPort) throw new Error('serveWorkerRequests runs in a worker thread.');
  const port = parentPort;
  port.on('message', ({ id, request }: { id: number; request: Req }) => {
    try {
      const result = handle(request);
      // Bytes move to the main thread instead of being copied.
      port.postMessage({ id, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
