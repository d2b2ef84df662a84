// RFC 9457 problem details: the one mapping from anything thrown in a request to what the client
// sees. Kit errors keep their status and members; fastify's own client errors keep their (fixed,
// safe) message; everything else is a 500 whose detail says nothing about the internals.
import { STATUS_CODES } from 'node:http';
import {
  jsonPointer,
  type ProblemDetails,
  problemDetailsSchema,
} from '@kelisim/contracts/api/problem-details';
import { type FieldError, KitError, UnauthorizedError, ValidationError } from './errors.ts';
import { isDependencyOutage, outageRetryAfterSeconds } from './outage.ts';

/**
 * Documents error answers in a route's schema: `response: { 201: caseSchema, ...problemResponses(404, 409) }`.
 * The schema is loose, so extension members (`errors`, `currentState`, …) survive serialisation.
 */
export function problemResponses<const S extends number>(
  ...statuses: S[]
): Record<S, typeof problemDetailsSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemDetailsSchema])) as Record<
    S,
    typeof problemDetailsSchema
  >;
}

export type ProblemResponse = {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True when the error is ours (a bug or an outage), to be logged at error level. */
  internal: boolean;
};

type RequestContext = { instance: string; correlationId: string };

// A tag URI (RFC 4151) names the problem type without promising a page behind it (RFC 9457 §3.1.1).
export function problemType(code: string): string {
  return `tag:kelisim.kz,2025:problem:${code}`;
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  ctx: RequestContext,
): ProblemDetails {
  return {
    type: problemType(code),
    title,
    status,
    detail,
    instance: ctx.instance,
    code,
    correlationId: ctx.correlationId,
  };
}

type FastifyValidationIssue = { instancePath?: string; message?: string };
type FastifyValidationError = { validation: FastifyValidationIssue[]; validationContext?: string };

function isFastifyValidationError(error: unknown): error is FastifyValidationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { validation?: unknown }).validation)
  );
}

/** `body` + `/parties/0/name` → `/body/parties/0/name`: a JSON Pointer into the whole request. */
function fieldErrors(error: FastifyValidationError): FieldError[] {
  const context = error.validationContext ?? 'request';
  return error.validation.map((issue) => {
    const segments = (issue.instancePath ?? '').split('/').filter((segment) => segment !== '');
    return { path: jsonPointer([context, ...segments]), message: issue.message ?? 'is not valid' };
  });
}

function clientErrorOf(error: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code, message } = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  // Only fastify's own messages are known to be safe to repeat; others get the status text.
  const safe = typeof code === 'string' && code.startsWith('FST_') && typeof message === 'string';
  return {
    status: statusCode,
    code: codeByStatus[statusCode] ?? `http_${statusCode}`,
    message: safe ? message : (STATUS_CODES[statusCode] ?? 'Client error'),
  };
}

export function problemFromError(error: unknown, ctx: RequestContext): ProblemResponse {
  if (isFastifyValidationError(error)) {
    return problemFromError(new ValidationError(fieldErrors(error)), ctx);
  }
  if (error instanceof KitError) {
    // Extensions first: they add members, never replace the standard ones.
    const body = {
      ...error.extensions,
      ...problem(error.status, error.code, error.title, error.detail, ctx),
    };
    const headers: Record<string, string> =
      error instanceof UnauthorizedError ? { 'www-authenticate': error.challenge } : {};
    return { problem: body, headers, internal: false };
  }
  const client = clientErrorOf(error);
  if (client) {
    const title = STATUS_CODES[client.status] ?? 'Client error';
    return {
      problem: problem(client.status, client.code, title, client.message, ctx),
      headers: {},
      internal: false,
    };
  }
  if (isDependencyOutage(error)) {
    const detail = 'The service cannot reach its database or broker just now; retry shortly.';
    return {
      problem: problem(503, 'dependency_unavailable', 'Service unavailable', detail, ctx),
      headers: { 'retry-after': String(outageRetryAfterSeconds) },
      internal: true,
    };
  }
  const detail = 'An unexpected error occurred. Quote the correlation id if you report it.';
  return {
    problem: problem(500, 'internal_error', 'Internal server error', detail, ctx),
    headers: {},
    internal: true,
  };
}

export function routeNotFound(method: string, ctx: RequestContext): ProblemDetails {
  return problem(404, 'route_not_found', 'Not found', `No route ${method} ${ctx.instance}.`, ctx);
}
