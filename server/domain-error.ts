/**
 * Expected failures of the domain (a rule said no, a thing is missing),
 * raised by services and storage functions without knowing about HTTP. The
 * one error handler (`http/errors.ts`) maps each kind to a status; socket
 * handlers turn them into error acks.
 *
 * @example
 *   throw domainError.conflict('pin_taken', 'Another active staff member already uses this PIN.');
 */

export type FieldErrors = Record<string, string[]>;

/**
 * What went wrong, in the domain's words: `invalid` input, `unauthenticated`,
 * `not_allowed`, `not_found`, `conflict`, `unprocessable` (well-formed, but
 * its content cannot serve: a photo without a face), or `busy` (try again in
 * a moment).
 */
export type FailureKind = 'invalid' | 'unauthenticated' | 'not_allowed' | 'not_found' | 'conflict' | 'unprocessable' | 'busy';

export class DomainError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const domainError = {
  invalid: (code: string, message: string, fields?: FieldErrors) => new DomainError('invalid', code, message, fields),
  /** Input naming something that does not exist: a 400 on the field, unlike `notFound` for the thing addressed. */
  unknownReference: (field: string, message: string, short: string) => new DomainError('invalid', 'validation_failed', message, { [field]: [short] }),
  unauthenticated: (message: string) => new DomainError('unauthenticated', 'unauthorized', message),
  notAllowed: (message: string) => new DomainError('not_allowed', 'forbidden', message),
  notFound: (message: string) => new DomainError('not_found', 'not_found', message),
  /** `fields`: the inputs the clash is about (a taken username), so a form can show it beside them. */
  conflict: (code: string, message: string, fields?: FieldErrors) => new DomainError('conflict', code, message, fields),
  unprocessable: (code: string, message: string) => new DomainError('unprocessable', code, message),
  busy: (message: string) => new DomainError('busy', 'busy', message),
};

/** A rule's verdict as a value: `{ ok: true }` or why not. Pure rules return these; services throw them as conflicts. */
export type RuleVerdict<Code extends string = string> = { ok: true } | { ok: false; code: Code; message: string };

export function assertRule(verdict: RuleVerdict): void {
  if (!verdict.ok) throw domainError.conflict(verdict.code, verdict.message);
}
