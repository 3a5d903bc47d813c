/** The worker thread that builds and writes timesheet export batches (see timesheet-render.ts). */
import { serveWorkerRequests } from '../worker-thread.js';
import type { RenderRequest } from './timesheet-render.js';
import { buildBatch } from './timesheet-batch.js';
import { renderBatch } from './timesheet-export.js';

const utf8 = new TextEncoder();

// Encoded here, so the main thread only passes the bytes on.
serveWorkerRequests(({ format, inputs, context }: RenderRequest) => utf8.encode(renderBatch(format, buildBatch(inputs, context), context)));
