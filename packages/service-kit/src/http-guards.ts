// What every Kelisim API puts in front of its routes (DESIGN.md §7, issue 9): security headers,
// CORS closed unless origins are listed, and rate limits per address (before authentication, so
// that floods of bad tokens count) and per token subject (after it). Probes and scrapes are exempt.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KitError } from './errors.ts';

export type RateLimitWindow = { max: number; windowMs: number };

export type RateLimitOptions = {
  /** Requests one client address may make per window, authenticated or not. */
  perAddress?: RateLimitWindow;
  /** Requests one token subject may make per window, from any address. */
  perToken?: RateLimitWindow;
};

export type GuardOptions = {
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins?: readonly string[];
  /** `false` turns rate limiting off (tests of other concerns); defaults are generous. */
  rateLimit?: RateLimitOptions | false;
};

// High enough for a busy operator's UI and for test files that hammer one app, low enough that a
// runaway script or a token-guessing loop is stopped within a minute.
export const defaultRateLimits: Required<RateLimitOptions> = {
  perAddress: { max: 3_000, windowMs: 60_000 },
  perToken: { max: 1_500, windowMs: 60_000 },
};

const exemptPaths = new Set(['/healthz', '/readyz', '/metrics']);

export class TooManyRequestsError extends KitError {
  readonly status = 429;
  readonly title = 'Too many requests';
  protected readonly defaultCode = 'too_many_requests';
}

// A JSON API serves no documents, scripts or frames: nothing may load from it or embed it.
const apiContentSecurityPolicy = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
};
// Swagger UI loads its own scripts and styles (and inline styles) from /docs: helmet's defaults fit it.
const docsContentSecurityPolicy = { useDefaults: true, directives: {} };

/** Marks a route served under /docs with the content security policy Swagger UI needs. */
export function relaxCspForDocs(route: { config?: object }): void {
  route.config = { ...route.config, helmet: { contentSecurityPolicy: docsContentSecurityPolicy } };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (exemptPaths.has(pathOf(request.url))) return;
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
  throw new TooManyRequestsError(`Too many requests; retry in ${result.ttlInSeconds} s.`);
}

/** Registers headers, CORS and the per-address limit; call before the auth hook is added. */
export async function registerGuards(app: FastifyInstance, options: GuardOptions): Promise<Limiter | null> {
  await app.register(helmet, { global: true, contentSecurityPolicy: apiContentSecurityPolicy });

  const origins = options.corsOrigins ?? [];
  if (origins.length > 0) {
    // The plugin answers preflights from its own `OPTIONS *` route, which carries no token.
    app.addHook('onRoute', (route) => {
      if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, public: true };
    });
    await app.register(cors, {
      origin: [...origins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-request-id'],
      exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'],
    });
  }

  if (options.rateLimit === false) return null;
  const limits = { ...defaultRateLimits, ...options.rateLimit };
  await app.register(rateLimit, { global: false });
  const perAddress = app.createRateLimit({
    keyGenerator: (request) => `ip:${request.ip}`,
    max: limits.perAddress.max,
    timeWindow: limits.perAddress.windowMs,
  });
  app.addHook('onRequest', async (request, reply) => enforce(perAddress, request, reply));
  return app.createRateLimit({
    keyGenerator: (request) => `sub:${request.verifiedPrincipal?.sub ?? ''}`,
    max: limits.perToken.max,
    timeWindow: limits.perToken.windowMs,
  });
}

/** Counts authenticated requests per token subject; call after the auth hook is added. */
export function registerTokenRateLimit(app: FastifyInstance, limiter: Limiter | null): void {
  if (!limiter) return;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.verifiedPrincipal) return; // public route: the address limit applies
    await enforce(limiter, request, reply);
  });
}
