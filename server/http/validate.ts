/**
 * Validation at the edge: zod schemas checked once, in Hono validators, so
 * handlers receive typed, trusted input through `c.req.valid(...)`.
 *
 * @example
 *   app.post('/things', jsonBody(z.object({ name: z.string() })), (c) => c.json(c.req.valid('json')));
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { badRequest, type FieldErrors } from './errors.js';

function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function describe(fields: FieldErrors): string {
  const parts = Object.entries(fields).map(([key, messages]) =>
    key === '_' ? messages.join('; ') : `${key}: ${messages.join('; ')}`,
  );
  return `Some fields are not valid: ${parts.join('; ')}.`.replace(/\.\.$/, '.');
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw badRequest('validation_failed', describe(fields), fields);
  }
  return result.data;
}

async function readJson(c: Context): Promise<unknown> {
  // Clients of the original API sometimes omit the Content-Type; the body is still JSON.
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('invalid_json', 'The request needs a JSON body.');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid JSON.');
  }
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return validator('json', async (_value, c) => {
    const body = await readJson(c);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('invalid_json', 'The request body must be a JSON object.');
    }
    return parseOrThrow(schema, body) as z.output<T>;
  });
}

export function queryParams<T extends z.ZodType>(schema: T) {
  return validator('query', (value) => parseOrThrow(schema, value) as z.output<T>);
}

export function pathParams<T extends z.ZodType>(schema: T) {
  return validator('param', (value) => parseOrThrow(schema, value) as z.output<T>);
}

/** A positive integer id from a path or body, with a message naming what it identifies. */
const maxId = 2_147_483_647;

/**
 * A database id: a positive whole number. Digit strings are accepted too, as
 * the original API's clients send `"staff": "2"` as often as `"staff": 2`.
 */
export const entityId = (what: string) => {
  const message = `must be a ${what} id (a positive whole number)`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^[0-9]{1,12}$/.test(value) ? Number(value) : value),
    z.number({ error: message }).int(message).positive(message).max(maxId, message),
  );
};

export const idParam = (what: string) => z.object({ id: entityId(what) });
