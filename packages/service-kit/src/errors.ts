// The few errors a handler, use case or store may throw on purpose. Each carries an HTTP status
// and a stable machine `code` (the class's own, or a more specific one such as `case.not_found`);
// http.ts maps them, in one handler, to RFC 9457 problem+json. Anything else that escapes is a
// bug and answers a bare 500.
import type { FieldErrorCode } from './problem-texts.ts';

/** Extra members of the problem document, e.g. `currentState` on a conflict. Never personal data. */
export type ProblemExtensions = Record<string, unknown>;

/**
 * `path` is a JSON Pointer into the request (`/body/parties/0/name`), as the contracts say; `code`
 * names the rule (`required`, `too_long`, …; `invalid` when not given) and picks the message in the
 * caller's language, `message` is the English one; `limit` is the rule's bound where it has one.
 */
export type FieldError = { path: string; message: string; code?: FieldErrorCode; limit?: number };

export type KitErrorOptions = {
  /** A more specific code than the class's, e.g. `case.not_found`. */
  code?: string;
  extensions?: ProblemExtensions;
  cause?: unknown;
};

export abstract class KitError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  protected abstract readonly defaultCode: string;
  /** Sent to the client as the problem's `detail`: write it for the caller, not the operator. */
  readonly detail: string;
  readonly extensions: ProblemExtensions;
  readonly #code: string | undefined;

  constructor(detail: string, options: KitErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.#code = options.code;
  }

  get code(): string {
    return this.#code ?? this.defaultCode;
  }
}

export class ValidationError extends KitError {
  readonly status = 400;
  readonly title = 'The request is not valid';
  protected readonly defaultCode = 'validation_failed';
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail = 'One or more fields are not valid.') {
    super(detail, { extensions: { errors } });
    this.errors = errors;
  }
}

export class UnauthorizedError extends KitError {
  readonly status = 401;
  readonly title = 'Authentication is required';
  protected readonly defaultCode = 'unauthorized';
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
  readonly title = 'Not allowed';
  protected readonly defaultCode = 'forbidden';
}

/** Also for records outside the caller's scope: they answer 404, not 403 (DESIGN.md §7). */
export class NotFoundError extends KitError {
  readonly status = 404;
  readonly title = 'Not found';
  protected readonly defaultCode = 'not_found';
}

/** The command does not apply to the resource's current state (e.g. closing a case twice). */
export class ConflictError extends KitError {
  readonly status = 409;
  readonly title = 'Conflict with the current state';
  protected readonly defaultCode = 'conflict';

  constructor(
    detail: string,
    {
      currentState,
      allowedCommands,
      ...options
    }: KitErrorOptions & {
      currentState?: string;
      allowedCommands?: readonly string[];
    } = {},
  ) {
    const members = {
      ...(currentState === undefined ? {} : { currentState }),
      ...(allowedCommands ? { allowedCommands } : {}),
    };
    super(detail, { ...options, extensions: { ...members, ...options.extensions } });
  }
}

/** A stale `If-Match`: someone else changed the resource first (DESIGN.md §5). */
export class PreconditionFailedError extends KitError {
  readonly status = 412;
  readonly title = 'The resource has changed';
  protected readonly defaultCode = 'precondition_failed';

  constructor(
    detail = 'The resource was changed by someone else; reload it and retry.',
    { currentVersion, ...options }: KitErrorOptions & { currentVersion?: number } = {},
  ) {
    const members = currentVersion === undefined ? {} : { currentVersion };
    super(detail, { ...options, extensions: { ...members, ...options.extensions } });
  }
}

/**
 * Well-formed and allowed, but refused by a business rule. `reason` is the problem's code and says
 * which rule; extensions may list what failed, e.g.
 * `new UnprocessableError('assignment.refused', '…', { failedConditions: ['consent', 'certification'] })`.
 */
export class UnprocessableError extends KitError {
  readonly status = 422;
  readonly title = 'The request cannot be carried out';
  protected readonly defaultCode = 'unprocessable';
  readonly reason: string;

  constructor(reason: string, detail: string, extensions: ProblemExtensions = {}) {
    super(detail, { code: reason, extensions });
    this.reason = reason;
  }
}
