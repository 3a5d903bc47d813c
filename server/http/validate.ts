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
  // A Map, not an object: a field path such as `constructor` must not find Object's own.
  const fields = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields.set(key, [...(fields.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(fields);
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

async function readJson(c: Context, optional = false): Promise<unknown> {
  // Clients of the original API sometimes omit the Content-Type; the body is still JSON.
  const text = await c.req.text();
  if (text.trim() === '') {
    if (optional) return {};
    throw badRequest('invalid_json', 'The request needs a JSON body.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid JSON.');
  }
}

/** The field path of the first string (or key) holding NUL, which PostgreSQL refuses in any text. */
function pathToNul(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = key.includes('\u0000') ? [...path, key] : pathToNul(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export type JsonBodyOptions = {
  /** An empty body is read as `{}` (a DELETE whose body only adds options). */
  optional?: boolean;
  /**
   * Let NUL through to the handler. Only for sign-in, which answers "wrong
   * username or password" to a name no account can have, rather than a 400.
   */
  allowNul?: boolean;
};

/**
 * The body checked against `schema`. Any text left with a NUL character is
 * then refused too, whichever field it is in: a schema that forgot to
 * refuse it would otherwise turn it into a failed query and a 500.
 */
export function jsonBody<T extends z.ZodType>(schema: T, options: JsonBodyOptions = {}) {
  return validator('json', async (_value, c) => {
    const body = await readJson(c, options.optional);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest('invalid_json', 'The request body must be a JSON object.');
    }
    const parsed = parseOrThrow(schema, body) as z.output<T>;
    const nulAt = options.allowNul ? undefined : pathToNul(parsed);
    if (nulAt) {
      const fields = { [nulAt.join('.') || '_']: ['must not contain the NUL character (\\u0000)'] };
      throw badRequest('validation_failed', describe(fields), fields);
    }
    return parsed;
  });
}

export function queryParams<T extends z.ZodType>(schema: T) {
  return validator('query', (value) => parseOrThrow(schema, value) as z.output<T>);
}

export function pathParams<T extends z.ZodType>(schema: T) {
  return validator('param', (value) => parseOrThrow(schema, value) as z.output<T>);
}

/** PostgreSQL's `integer`: a larger id names nothing, and the query would fail on it. */
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

/**
 * Control characters (NUL, line breaks, tabs, C1 codes), line separators and
 * unpaired surrogates: PostgreSQL refuses NUL in text outright, and none of
 * them belongs in a name, so they are refused at the edge with a 400.
 */
const controlCharacters = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

export function hasControlCharacters(text: string): boolean {
  return controlCharacters.test(text);
}

/**
 * One line of text a person typed (a name, a label), trimmed, from 1 to `max` characters.
 *
 * @example
 *   z.object({ name: singleLineText(100) })
 */
export const singleLineText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !hasControlCharacters(text), { message: 'must not contain control characters (such as NUL, tabs or line breaks)' });
