// The few errors a handler, use case or store may throw on purpose. Each carries a stable `code`
// (the last segment of the problem type) and an HTTP status; http.ts maps them, in one handler,
// to RFC 9457 problem+json. Anything else that escapes is a bug and answers a bare 500.

/** Extra members of the problem document, e.g. `currentState` on a conflict. Never personal data. */
export type ProblemExtensions = Record<string, unknown>;

export type FieldError = { path: string; message: string };

export abstract class KitError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  /** Sent to the client as the problem's `detail`: write it for the caller, not the operator. */
  readonly detail: string;
  readonly extensions: ProblemExtensions;

  constructor(detail: string, extensions: ProblemExtensions = {}, options?: ErrorOptions) {
    super(detail, options);
    this.name = new.target.name;
    this.detail = detail;
    this.extensions = extensions;
  }
}

export class ValidationError extends KitError {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly title = 'The request is not valid';
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail = 'One or more fields are not valid.') {
    super(detail, { errors });
    this.errors = errors;
  }
}

export class UnauthorizedError extends KitError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication is required';
  /**
   * The `WWW-Authenticate` challenge. RFC 6750 §3.1: no error code when the token is missing,
   * `invalid_token` when it was presented and refused.
   */
  readonly challenge: string;

  constructor(detail = 'A valid bearer token is required.', tokenPresented = false) {
    super(detail);
    this.challenge = tokenPresented
      ? 'Bearer realm="kelisim", error="invalid_token"'
      : 'Bearer realm="kelisim"';
  }
}

export class ForbiddenError extends KitError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Not allowed';
}

/** Also for records outside the caller's scope: they answer 404, not 403 (DESIGN.md §7). */
export class NotFoundError extends KitError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly title = 'Not found';
}

export type ConflictExtensions = ProblemExtensions & {
  currentState?: string;
  allowedCommands?: readonly string[];
};

/** The command does not apply to the resource's current state (e.g. closing a case twice). */
export class ConflictError extends KitError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly title = 'Conflict with the current state';

  // Narrows the extensions to the members a conflict documents.
  constructor(detail: string, extensions: ConflictExtensions = {}) {
    super(detail, extensions);
  }
}

/** A stale `If-Match`: someone else changed the resource first (DESIGN.md §5). */
export class PreconditionFailedError extends KitError {
  readonly status = 412;
  readonly code = 'precondition-failed';
  readonly title = 'The resource has changed';

  constructor(
    detail = 'The resource was changed by someone else; reload it and retry.',
    currentVersion?: number,
  ) {
    super(detail, currentVersion === undefined ? {} : { currentVersion });
  }
}

/**
 * Well-formed and allowed, but refused by a business rule; `reason` says which rule, and extensions
 * may list what failed (e.g. assignment refused: `failedConditions: ['consent', 'certification']`).
 */
export class UnprocessableError extends KitError {
  readonly status = 422;
  readonly code = 'unprocessable';
  readonly title = 'The request cannot be carried out';
  readonly reason: string;

  constructor(reason: string, detail: string, extensions: ProblemExtensions = {}) {
    super(detail, { reason, ...extensions });
    this.reason = reason;
  }
}
