// RFC 9457 problem details: the one mapping from anything thrown in a request to what the client
// sees. Kit errors keep their status and members; fastify's own client errors keep their (fixed,
// safe) message; everything else is a 500 whose detail says nothing about the internals. Title,
// detail and field messages are said in the language the request asked for (problem-language.ts);
// `type` and `code` never change with it.
import { type IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import {
  jsonPointer,
  type ProblemDetails,
  problemDetailsSchema,
} from '@kelisim/contracts/api/problem-details';
import { type FieldError, KitError, UnauthorizedError, ValidationError } from './errors.ts';
import { isDependencyOutage, outageRetryAfterSeconds } from './outage.ts';
import {
  defaultProblemLanguage,
  negotiateLanguage,
  type ProblemLanguage,
  type ProblemMembers,
  type ProblemTexts,
  say,
} from './problem-language.ts';
import { type FieldErrorCode, fieldMessage, kitDetails, kitTitles, otherTitle } from './problem-texts.ts';

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

export type RequestContext = {
  instance: string;
  correlationId: string;
  /** The caller's language; English when not given. */
  language?: ProblemLanguage;
  /** The kit's and the service's texts per code (`problemCatalogue`). */
  texts?: ProblemTexts;
};

/** The kit's texts with a service's own on top, built once per app. */
export function problemCatalogue(serviceTexts: ProblemTexts = {}): ProblemTexts {
  return { ...kitDetails, ...serviceTexts };
}

/** What the problem answer to this request needs to know: where, which request, which language. */
export function problemContext(
  request: { id: string; headers: IncomingHttpHeaders },
  instance: string,
  texts: ProblemTexts,
): RequestContext {
  return {
    instance,
    correlationId: request.id,
    language: negotiateLanguage(request.headers['accept-language']),
    texts,
  };
}

/**
 * The problem's headers with `Vary: Accept-Language` added to what the reply already varies on
 * (CORS has set `Vary: Origin`), so that a cache keeps one answer per language.
 */
export function withLanguageVary(
  reply: { getHeader(name: string): unknown },
  headers: Record<string, string>,
): Record<string, string> {
  const existing = reply.getHeader('vary');
  const given = Array.isArray(existing) ? existing.join(', ') : typeof existing === 'string' ? existing : '';
  const names = given
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (!names.some((name) => name === '*' || name.toLowerCase() === 'accept-language'))
    names.push('Accept-Language');
  return { ...headers, vary: names.join(', ') };
}

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

function titleIn(language: ProblemLanguage, status: number, english: string): string {
  if (language === 'en') return english;
  const words = kitTitles[status] ?? otherTitle[status >= 500 ? 'server' : 'client'];
  return words[language];
}

/** The code's registered text in the language; a code without one keeps its English detail. */
function detailIn(ctx: RequestContext, code: string, english: string, members: ProblemMembers): string {
  const translation = ctx.texts && Object.hasOwn(ctx.texts, code) ? ctx.texts[code] : undefined;
  return say(translation?.[ctx.language ?? defaultProblemLanguage], members) ?? english;
}

function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  ctx: RequestContext,
  members: ProblemMembers = {},
): ProblemDetails {
  const language = ctx.language ?? defaultProblemLanguage;
  return {
    type: problemType(code),
    title: titleIn(language, status, title),
    status,
    detail: detailIn(ctx, code, detail, members),
    instance: ctx.instance,
    code,
    correlationId: ctx.correlationId,
  };
}

function languageHeaders(ctx: RequestContext): Record<string, string> {
  return { 'content-language': ctx.language ?? defaultProblemLanguage };
}

type FastifyValidationIssue = {
  instancePath?: string;
  message?: string;
  /** zod's issue code (fastify-type-provider-zod) or ajv's keyword. */
  keyword?: string;
  params?: Record<string, unknown>;
};
type FastifyValidationError = { validation: FastifyValidationIssue[]; validationContext?: string };

function isFastifyValidationError(error: unknown): error is FastifyValidationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { validation?: unknown }).validation)
  );
}

const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;

/** A stable code for a validator's keyword: zod 4's issue codes, and ajv's keywords alike. */
export function fieldErrorCode(
  keyword: string | undefined,
  params: Record<string, unknown> = {},
  message = '',
): { code: FieldErrorCode; limit?: number } {
  const origin = params.origin;
  const counted = origin === 'array' || origin === 'set';
  switch (keyword) {
    case 'invalid_type':
      // zod 4 says "expected string, received undefined" for a member that is missing.
      return { code: /received undefined$/.test(message) ? 'required' : 'invalid_type' };
    case 'required':
      return { code: 'required' };
    case 'type':
      return { code: 'invalid_type' };
    case 'too_big': {
      const limit = numberOf(params.maximum);
      return { code: origin === 'string' ? 'too_long' : counted ? 'too_many' : 'too_large', limit };
    }
    case 'too_small': {
      const limit = numberOf(params.minimum);
      if (origin === 'string') return limit === 1 ? { code: 'required' } : { code: 'too_short', limit };
      return { code: counted ? 'too_few' : 'too_small', limit };
    }
    case 'maxLength':
      return { code: 'too_long', limit: numberOf(params.limit) };
    case 'minLength':
      return numberOf(params.limit) === 1
        ? { code: 'required' }
        : { code: 'too_short', limit: numberOf(params.limit) };
    case 'maxItems':
      return { code: 'too_many', limit: numberOf(params.limit) };
    case 'minItems':
      return { code: 'too_few', limit: numberOf(params.limit) };
    case 'maximum':
      return { code: 'too_large', limit: numberOf(params.limit) };
    case 'minimum':
      return { code: 'too_small', limit: numberOf(params.limit) };
    case 'invalid_format':
    case 'format':
    case 'pattern':
      return { code: 'invalid_format' };
    case 'invalid_value':
    case 'invalid_union':
    case 'enum':
    case 'const':
      return { code: 'not_allowed' };
    case 'unrecognized_keys':
    case 'additionalProperties':
      return { code: 'unknown_field' };
    default:
      return { code: 'invalid' };
  }
}

/** `body` + `/parties/0/name` → `/body/parties/0/name`: a JSON Pointer into the whole request. */
function fieldErrors(error: FastifyValidationError): FieldError[] {
  const context = error.validationContext ?? 'request';
  return error.validation.flatMap((issue) => {
    const segments = (issue.instancePath ?? '').split('/').filter((segment) => segment !== '');
    const message = issue.message ?? 'is not valid';
    const { code, limit } = fieldErrorCode(issue.keyword, issue.params, message);
    const at = (path: readonly string[]) => ({
      path: jsonPointer([context, ...path]),
      message,
      code,
      ...(limit === undefined ? {} : { limit }),
    });
    // An unknown member is named where it is, so that a form can show it by its field.
    const keys = issue.params?.keys;
    if (code === 'unknown_field' && Array.isArray(keys) && keys.length > 0)
      return keys.map((key) => at([...segments, String(key)]));
    const missing = issue.params?.missingProperty;
    if (issue.keyword === 'required' && typeof missing === 'string') return [at([...segments, missing])];
    return [at(segments)];
  });
}

/** What a client sees of a field error: where, which rule (`code`), and a message in its language. */
function localisedFieldErrors(errors: readonly FieldError[], language: ProblemLanguage) {
  return errors.map(({ path, message, code = 'invalid', limit }) => ({
    path,
    code,
    message: fieldMessage(code, language, message, limit),
  }));
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
    const language = ctx.language ?? defaultProblemLanguage;
    const members =
      error instanceof ValidationError
        ? { ...error.extensions, errors: localisedFieldErrors(error.errors, language) }
        : error.extensions;
    // Extensions first: they add members, never replace the standard ones.
    const body = {
      ...members,
      ...problem(error.status, error.code, error.title, error.detail, ctx, error.extensions),
    };
    const headers: Record<string, string> = {
      ...languageHeaders(ctx),
      ...(error instanceof UnauthorizedError ? { 'www-authenticate': error.challenge } : {}),
    };
    return { problem: body, headers, internal: false };
  }
  const client = clientErrorOf(error);
  if (client) {
    const title = STATUS_CODES[client.status] ?? 'Client error';
    return {
      problem: problem(client.status, client.code, title, client.message, ctx),
      headers: languageHeaders(ctx),
      internal: false,
    };
  }
  if (isDependencyOutage(error)) {
    const detail = 'The service cannot reach its database or broker just now; retry shortly.';
    return {
      problem: problem(503, 'dependency_unavailable', 'Service unavailable', detail, ctx),
      headers: { ...languageHeaders(ctx), 'retry-after': String(outageRetryAfterSeconds) },
      internal: true,
    };
  }
  const detail = 'An unexpected error occurred. Quote the correlation id if you report it.';
  return {
    problem: problem(500, 'internal_error', 'Internal server error', detail, ctx),
    headers: languageHeaders(ctx),
    internal: true,
  };
}

export function routeNotFound(method: string, ctx: RequestContext): ProblemResponse {
  return {
    problem: problem(404, 'route_not_found', 'Not found', `No route ${method} ${ctx.instance}.`, ctx),
    headers: languageHeaders(ctx),
    internal: false,
  };
}
