/**
 * Assertions shared by the API tests: the error envelope every 4xx carries,
 * and what a refused request must leave behind (no photo files).
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Reply } from './http.js';

/**
 * The reply has this status and the envelope `{"error": {"code", "message"}}`,
 * with `code` when given.
 *
 * @example
 *   assertError(await client.get('/api/me/'), 401, 'unauthorized');
 */
export function assertError(reply: Reply, status: number, code?: string): void {
  assert.equal(reply.status, status, `expected ${status}${code ? ` ${code}` : ''}, got ${reply.status}: ${reply.text}`);
  assert.equal(reply.headers.get('content-type')?.split(';')[0], 'application/json', `error content type: ${reply.text}`);
  const error = reply.body?.error;
  assert.equal(typeof error?.code, 'string', `error envelope: ${reply.text}`);
  assert.match(error.code, /^[a-z][a-z0-9_]*$/, `error code is snake_case: ${error.code}`);
  assert.equal(typeof error.message, 'string', `error message: ${reply.text}`);
  assert.ok(error.message.trim().length > 0, `error message is empty: ${reply.text}`);
  if (code !== undefined) assert.equal(error.code, code, reply.text);
}

/** A 400 whose `fields` names `field` with at least one message. */
export function assertFieldError(reply: Reply, field: string, code = 'validation_failed'): void {
  assertError(reply, 400, code);
  const messages = reply.body.error.fields?.[field];
  assert.ok(Array.isArray(messages) && messages.length > 0, `expected a message for field "${field}": ${reply.text}`);
}

/** Every stored photo file under the photo directory (temporary files included), relative to it. */
export async function listPhotoFiles(photoDir: string): Promise<string[]> {
  const entries = await readdir(photoDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(photoDir, path.join(entry.parentPath, entry.name)));
}

/**
 * Reads `read` until `done` holds for what it returns, or fails after `timeoutMs`: for what the
 * server finishes after its reply (an alert stored as a punch is announced), with nothing to wait on.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const giveUpAt = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (performance.now() > giveUpAt) throw new Error(`Still not there after ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
