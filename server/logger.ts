/**
 * A small levelled logger writing one line per event (to stderr unless told
 * otherwise). Logs never hold passwords, hashes, tokens, PINs or SQL
 * parameters: details under secret-sounding keys are replaced, errors are
 * described without their query's values (`describeError`), and anything
 * shaped like a password hash or a token is blanked wherever it appears.
 *
 * @example
 *   const lines: string[] = [];
 *   const logger = createLogger('info', { write: (line) => lines.push(line) });
 *   logger.error('Unhandled error', { error }); // the error's query, code and stack, no parameters
 */
import type { LogLevel } from './env.js';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type Logger = {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
};

/** Where the lines go: `process.stderr`, or anything with a `write(line)` (a test's array). */
export type LogDestination = { write(line: string): unknown };

const redacted = '[redacted]';

/** Keys whose values are secrets, or SQL parameters that may be. */
const secretKey = /pass(word|wd)?|hash|hmac|secret|token|cookie|authori[sz]ation|pepper|^params$|^pin$|^refresh$|^access$|key$/i;

/** Secrets recognisable by their shape, in any text: argon2 hashes, JWTs, bearer credentials. */
const secretShapes: RegExp[] = [/\bBearer\s+[\w.~+/=-]+/gi, /\$argon2[a-z]*\$[^\s"']*/g, /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g];

/**
 * drizzle's "Failed query" message ends with `params: <the values>`, running
 * on to the stack frames (a value may hold line breaks); PostgreSQL quotes
 * the offending value after a colon (`invalid input syntax for type integer: "abc"`).
 */
const paramsTail = /\bparams: [\s\S]*?(?=\n\s+at |$)/g;
const quotedValue = /: "(?:[^"\\]|\\.)*"/g;

export function scrubText(text: string): string {
  let clean = text.replace(paramsTail, `params: ${redacted}`).replace(quotedValue, `: "${redacted}"`);
  for (const shape of secretShapes) clean = clean.replace(shape, redacted);
  return clean;
}

const maxFrames = 12;

type ErrorLike = Error & { code?: unknown; query?: unknown; params?: unknown; constraint?: unknown; table?: unknown; column?: unknown };

/**
 * What helps debugging an error, without its data: name, message, the SQL
 * text of a failed query (placeholders only), the database's error code and
 * constraint, the stack frames, and the same for its cause. PostgreSQL's
 * `detail` and `where` are left out: they repeat the row's values.
 */
export function describeError(error: unknown, depth = 0): Record<string, unknown> | string {
  if (!(error instanceof Error)) return scrubText(String(error));
  const e = error as ErrorLike;
  // drizzle's own message lists the parameters; its `query` alone is the SQL text with placeholders.
  const failedQuery = typeof e.query === 'string' && e.message.startsWith('Failed query:');
  const description: Record<string, unknown> = {
    name: e.name,
    message: scrubText(failedQuery ? `Failed query: ${e.query as string}` : e.message),
  };
  for (const field of ['code', 'constraint', 'table', 'column'] as const) {
    if (typeof e[field] === 'string' || typeof e[field] === 'number') description[field] = e[field];
  }
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, maxFrames);
  if (frames.length > 0) description.stack = frames.map((line) => scrubText(line.trim())).join('\n');
  if (e.cause !== undefined && depth < 3) description.cause = describeError(e.cause, depth + 1);
  return description;
}

/** `details` as plain, secret-free data ready for JSON. */
export function redactDetails(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return describeError(value);
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 5) return '[nested too deep]';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactDetails(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, secretKey.test(key) ? redacted : redactDetails(item, depth + 1)]),
  );
}

export function createLogger(level: LogLevel, destination: LogDestination = process.stderr): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, details?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const suffix = details ? ` ${JSON.stringify(redactDetails(details))}` : '';
    destination.write(`${new Date().toISOString()} ${at.toUpperCase()} ${scrubText(message)}${suffix}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
