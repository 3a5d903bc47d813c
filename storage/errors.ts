/** Recognising the database's own refusals (constraint violations) across pg and PGlite. */

type PgLikeError = { code?: string; constraint?: string; cause?: unknown };

function pgError(error: unknown): PgLikeError | undefined {
  // drizzle wraps driver errors; the Postgres fields sit on the cause.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = pgError(error);
  return found?.code === '23505' && (constraint === undefined || found.constraint === constraint);
}
