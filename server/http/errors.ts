/**
 * One error type for every expected failure, and the handlers that turn
 * errors into the JSON envelope `{"error": {"code", "message", "fields"?}}`.
 * Anything unexpected becomes a logged 500 with no internals in the body,
 * and no secrets or SQL parameters in the log.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type FailureKind, type FieldErrors } from '../domain-error.js';
import { describeError, type Logger } from '../logger.js';

export type { FieldErrors } from '../domain-error.js';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, fields?: FieldErrors) =>
  new AppError(400, code, message, fields);
export const unauthorized = (message = 'Sign in first: send a Bearer token or a session cookie.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Your account is not allowed to do this.') => new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

export function errorBody(code: string, message: string, fields?: FieldErrors) {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/**
 * An error reply with its length stated: compression then leaves it alone
 * (it is far below the threshold), which matters when thousands of refusals
 * a second are being sent to a flood.
 */
function errorReply(c: Context, status: ContentfulStatusCode, body: ReturnType<typeof errorBody>) {
  const text = JSON.stringify(body);
  return c.body(text, status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
}

export function sendError(c: Context, error: AppError) {
  return errorReply(c, error.status, errorBody(error.code, error.message, error.fields));
}

/** Messages Hono's own middleware throws, rephrased for a person. */
function fromHttpException(error: HTTPException): AppError {
  const status = error.status as ContentfulStatusCode;
  if (status === 413) return new AppError(413, 'payload_too_large', 'The request body is too large.');
  if (status === 400 && /json/i.test(error.message)) {
    return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (status === 401) return unauthorized();
  return new AppError(status, 'bad_request', error.message || 'The request could not be understood.');
}

const statusOfKind: Record<FailureKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  busy: 503,
};

/** The HTTP status of a domain failure: decided here, once, for every route. */
export function fromDomainError(error: DomainError): AppError {
  return new AppError(statusOfKind[error.kind], error.code, error.message, error.fields);
}

export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof AppError) return sendError(c, error);
    if (error instanceof DomainError) {
      if (error.kind === 'busy') c.header('Retry-After', '1');
      return sendError(c, fromDomainError(error));
    }
    if (error instanceof HTTPException) return sendError(c, fromHttpException(error));
    // The logger describes the error itself: its stack, query text and codes, never the query's parameters.
    logger.error('Unhandled error', { method: c.req.method, path: c.req.path, error: describeError(error) });
    return errorReply(c, 500, errorBody('internal_error', 'Something went wrong on the server. Please try again.'));
  };
}

export const handleNotFound: NotFoundHandler = (c) =>
  errorReply(c, 404, errorBody('not_found', `There is no ${c.req.method} ${c.req.path} in this API.`));
