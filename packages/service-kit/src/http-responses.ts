// The answers the kit itself gives on any route (a refused token, a body it cannot parse, a rate
// limit, an overloaded process) belong in each route's OpenAPI document, or clients and contract
// tests (issue 10: schemathesis) meet status codes the document never mentions. Services declare
// only the answers of their own rules (404, 409, 412, 422, …); the kit adds these.
import { problemContentType, problemDetailsSchema } from '@kelisim/contracts/api/problem-details';
import type { RouteOptions } from 'fastify';
import { KitError, ValidationError } from './errors.ts';

export type KitResponseOptions = {
  /** Paths that skip the rate limits and the overload guard (probes and scrapes). */
  exemptPaths: ReadonlySet<string>;
  rateLimited: boolean;
  overloadGuarded: boolean;
};

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const inputParts = ['body', 'querystring', 'params', 'headers'] as const;

type RouteSchema = { hide?: boolean; response?: Record<string, unknown> } & Record<string, unknown>;

/** The statuses the kit may answer on this route, beyond what the route declares. */
export function kitStatusesOf(route: RouteOptions, options: KitResponseOptions): number[] {
  const schema = (route.schema ?? {}) as RouteSchema;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
  const statuses: number[] = [];
  const hasPathParams = route.url.includes(':');
  // A path parameter that is not valid percent-encoding is a 400 even on a route with no schema.
  if (hasPathParams || inputParts.some((part) => schema[part] !== undefined)) statuses.push(400);
  if (!(route.config as { public?: boolean } | undefined)?.public) statuses.push(401);
  if (methods.some((method) => bodyMethods.has(method))) statuses.push(413, 415);
  if (hasPathParams) statuses.push(414);
  const exempt = options.exemptPaths.has(route.url);
  if (options.rateLimited && !exempt) statuses.push(429);
  if (options.overloadGuarded && !exempt) statuses.push(503);
  return statuses;
}

/** An onRoute hook: adds the kit's problem answers to every documented route's response schema. */
export function documentKitResponses(options: KitResponseOptions): (route: RouteOptions) => void {
  return (route) => {
    const schema = route.schema as RouteSchema | undefined;
    if (!schema || schema.hide) return; // undocumented routes (docs assets, /openapi.json)
    const response = { ...(schema.response ?? {}) };
    for (const status of kitStatusesOf(route, options)) {
      if (!(String(status) in response) && !(status in response)) response[status] = problemDetailsSchema;
    }
    route.schema = { ...schema, response };
  };
}

type MediaType = { schema?: { properties?: Record<string, unknown> } };
type OpenApiResponse = { content?: Record<string, MediaType> };
type OpenApiDocument = {
  paths?: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
};

/**
 * Errors are served as `application/problem+json` (RFC 9457 §3); the zod transform documents every
 * response as `application/json`, so the error answers are renamed in the generated document.
 */
export function documentProblemContentType<D>(document: D): D {
  const paths = (document as OpenApiDocument).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (Number(status) < 400 || json === undefined || !response.content) continue;
        // Only problem documents: /readyz answers its own JSON body with 503.
        const members = json.schema?.properties ?? {};
        if (!('title' in members && 'status' in members)) continue;
        response.content = { [problemContentType]: json };
      }
    }
  }
  return document;
}

/** A path parameter longer than the router takes (fastify's `maxParamLength`). */
export class UriTooLongError extends KitError {
  readonly status = 414;
  readonly title = 'URI too long';
  protected readonly defaultCode = 'uri_too_long';
}

/**
 * The router's own refusals (fastify `frameworkErrors`), which otherwise bypass the error handler
 * and answer plain JSON that repeats the path: a bad percent-encoding, an overlong path parameter.
 */
export function frameworkErrorOf(error: { code?: string }): KitError {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new UriTooLongError('A path parameter is longer than any identifier this API issues.');
  }
  return new ValidationError([
    { path: '/path', code: 'invalid_format', message: 'is not a valid URL component' },
  ]);
}
