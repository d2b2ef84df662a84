// What every Kelisim API puts in front of its routes (DESIGN.md §7, issue 9): security headers,
// CORS closed unless origins are listed, and rate limits per address (before authentication, so
// that floods of bad tokens count) and per token subject (after it). Probes and scrapes are exempt.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KitError } from './errors.ts';

export type RateLimitWindow = { max: number; windowMs: number };

export type RateLimitOptions = {
  /** Requests one client address may make per window, authenticated or not. */
  perAddress?: RateLimitWindow;
  /** Requests one token subject may make per window, from any address. */
  perToken?: RateLimitWindow;
};

/**
 * Load shedding (issue 10): past these, requests answer 503 problem+json with Retry-After at once,
 * before authentication or a database call, instead of queueing until memory runs out.
 */
export type OverloadOptions = {
  /** Requests being answered at once; more wait in no queue (0 turns the check off). */
  maxInFlight?: number;
  /** Mean event-loop delay in ms over the last sample (0 turns the check off). */
  maxEventLoopDelayMs?: number;
  /** V8 heap in use, in bytes (0 turns the check off). */
  maxHeapUsedBytes?: number;
  /** Resident set size of the process, in bytes (0 turns the check off). */
  maxRssBytes?: number;
  retryAfterSeconds?: number;
};

export type GuardOptions = {
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins?: readonly string[];
  /** `false` turns rate limiting off (tests of other concerns); defaults are generous. */
  rateLimit?: RateLimitOptions | false;
  /** `false` turns load shedding off; the defaults only act on a process in real trouble. */
  overload?: OverloadOptions | false;
};

// The in-flight bound is on by default, far above what a healthy instance holds. The event-loop
// and memory checks are off unless configured: a loop blocked for a second by test setup (or a
// busy CI machine) would otherwise turn the next second of requests into 503s.
export const defaultOverloadLimits: Required<OverloadOptions> = {
  maxInFlight: 1_000,
  maxEventLoopDelayMs: 0,
  maxHeapUsedBytes: 0,
  maxRssBytes: 0,
  retryAfterSeconds: 5,
};

export class ServiceUnavailableError extends KitError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  protected readonly defaultCode = 'overloaded';
}

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

  if (options.overload !== false)
    await registerLoadShedding(app, { ...defaultOverloadLimits, ...options.overload });

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

function shed(reply: FastifyReply, retryAfterSeconds: number, why: string): never {
  reply.header('retry-after', String(retryAfterSeconds));
  throw new ServiceUnavailableError(`The service is overloaded (${why}); retry in ${retryAfterSeconds} s.`);
}

async function registerLoadShedding(app: FastifyInstance, limits: Required<OverloadOptions>): Promise<void> {
  const { retryAfterSeconds } = limits;
  // Counted from the socket's close, which comes once whether the answer was sent or the client left.
  let inFlight = 0;
  if (limits.maxInFlight > 0) {
    app.addHook('onRequest', async (request, reply) => {
      if (exemptPaths.has(pathOf(request.url))) return;
      if (inFlight >= limits.maxInFlight) shed(reply, retryAfterSeconds, 'too many requests in progress');
      inFlight += 1;
      reply.raw.once('close', () => {
        inFlight -= 1;
      });
    });
  }
  if (limits.maxEventLoopDelayMs + limits.maxHeapUsedBytes + limits.maxRssBytes === 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    maxRssBytes: limits.maxRssBytes,
    retryAfter: retryAfterSeconds,
    // Probes and scrapes still answer, so that an orchestrator sees a live, busy process.
    pressureHandler: async (request, reply, type) => {
      if (exemptPaths.has(pathOf(request.url))) return;
      shed(reply, retryAfterSeconds, type);
    },
  });
}
