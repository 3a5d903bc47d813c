/**
 * Writing an export off the event loop: each batch the main thread reads
 * is built and written on a worker thread while the main thread reads the
 * next one. A month for 1,000 people is ~50 MB of objects to build and
 * serialize; on the main thread that held every other request for over a
 * second (bench/timesheet-export.ts).
 */
import { workerThread } from '../worker-thread.js';
import type { BatchContext, BatchInputs } from './timesheet-batch.js';
import type { ExportFormat } from './timesheet-export.js';

export type RenderRequest = { format: ExportFormat; inputs: BatchInputs; context: BatchContext };

const renderer = workerThread<RenderRequest, Uint8Array>(import.meta.url, 'timesheet-render.worker');

/** The batches' pieces in order, as UTF-8, with at most two batches waiting on the worker at once. */
export async function* renderBatches(format: ExportFormat, batches: AsyncIterable<BatchInputs>, context: BatchContext): AsyncGenerator<Uint8Array> {
  const pending: Promise<Uint8Array>[] = [];
  for await (const inputs of batches) {
    const piece = renderer.run({ format, inputs, context });
    // Awaited below, in order; until then a failure must not count as unhandled.
    piece.catch(() => undefined);
    pending.push(piece);
    if (pending.length >= 2) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
