// buildHttpApp: the fastify instance every service starts from, with no I/O until listen().
// It brings zod route schemas (validated once, documented in OpenAPI), request ids that double as
// correlation ids, one error handler answering problem+json, bearer auth, health, readiness and
// metrics. Services add their routes to what it returns.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { problemContentType } from '@kelisim/contracts/api/problem-details';
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  fastify,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { registerAuth, type TokenVerifier } from './auth.ts';
import {
  type OverloadOptions,
  type RateLimitOptions,
  registerGuards,
  registerTokenRateLimit,
  relaxCspForDocs,
  ServiceUnavailableError,
} from './http-guards.ts';
import { documentKitResponses, documentProblemContentType, frameworkErrorOf } from './http-responses.ts';
import { correlationIdKey, type Logger } from './log.ts';
import { createMetricsRegistry, registerHttpMetrics } from './metrics.ts';
import {
  problemCatalogue,
  problemContext,
  problemFromError,
  routeNotFound,
  withLanguageVary,
} from './problem.ts';
import type { ProblemTexts } from './problem-language.ts';
import { nameRequestSpan } from './trace-context.ts';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What /readyz reports, e.g. `{ mongo: true, kafka: false }`; any false answers 503. */
export type ReadinessCheck = () => Promise<Readonly<Record<string, boolean>>>;

export type HttpAppOptions = {
  /** Names the OpenAPI document and labels the metrics. */
  service: string;
  /** The API's version in the OpenAPI document. */
  version?: string;
  description?: string;
  logger: Logger;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  /** Largest accepted body in bytes; larger ones answer 413. */
  bodyLimit?: number;
  /** Behind a load balancer, so that `request.ip` is the client's. */
  trustProxy?: boolean;
  /** Pass one to share it with non-HTTP code (consumers, relay); otherwise the app makes its own. */
  metricsRegistry?: Registry;
  /** Browser origins allowed by CORS; none by default. */
  corsOrigins?: readonly string[];
  /** Limits per client address and per token subject (429 + Retry-After); `false` turns them off. */
  rateLimit?: RateLimitOptions | false;
  /** Load shedding (503 + Retry-After) past in-flight, event-loop or memory limits; `false` turns it off. */
  overload?: OverloadOptions | false;
  /** The service's own problem codes in Kazakh and Russian, for callers asking for them (problem-language.ts). */
  problemTexts?: ProblemTexts;
};

const defaultBodyLimit = 256 * 1024;
const readinessTimeoutMs = 2_000;
const docsPrefix = '/docs';
const quietPaths = new Set(['/healthz', '/readyz', '/metrics']);
// The repository's licence (root package.json), so that generated clients carry it.
const repositoryLicense = { name: 'Apache-2.0', identifier: 'Apache-2.0' };

// Honour a caller's id so that a trace crosses services, but only if it is short and plain:
// it is written into every log line.
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query); // queries may hold search terms: not echoed
}

async function checkReadiness(readiness: ReadinessCheck): Promise<Record<string, boolean>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Record<string, boolean>>((resolve) => {
    timer = setTimeout(() => resolve({ readiness: false }), readinessTimeoutMs);
  });
  try {
    return { ...(await Promise.race([readiness(), timeout])) };
  } catch {
    return { readiness: false };
  } finally {
    clearTimeout(timer);
  }
}

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.record(z.string(), z.boolean()),
});

type NamedSchema = { hide?: boolean; summary?: string; operationId?: string };

/**
 * Generated clients name their methods after `operationId` and describe them by `summary`: a
 * documented route with a schema but without both is refused where it is registered, so that the
 * service does not start. (The OpenAPI lint test catches any route documented without a schema.)
 */
function requireOperationNames(route: RouteOptions): void {
  const schema = route.schema as NamedSchema | undefined;
  if (!schema || schema.hide || (schema.summary && schema.operationId)) return;
  const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
  throw new Error(`${method} ${route.url}: a documented route needs schema.summary and schema.operationId`);
}

export async function buildHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  // Typed as fastify's logger interface so that the app's type stays the one plugins expect.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const problemTexts = problemCatalogue(options.problemTexts);
  const app = fastify({
    loggerInstance,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // fastify's own 503 while closing is plain JSON; ours below is problem+json with Retry-After.
    return503OnClosing: false,
    frameworkErrors: (error, request, reply) => {
      const ctx = problemContext(request, pathOf(request.url), problemTexts);
      const { problem, headers } = problemFromError(frameworkErrorOf(error), ctx);
      request.log.info({ status: problem.status, code: problem.code }, 'request refused');
      // No route matched, so no route schema types this reply: status set as a plain property.
      reply.statusCode = problem.status;
      void reply
        .headers(withLanguageVary(reply, headers))
        .type(problemContentType)
        .send(problem as never);
    },
    logController: new LogController({
      requestIdLogLabel: correlationIdKey,
      // Probes and scrapes every few seconds would drown the lines that matter.
      disableRequestLogging: (request) => quietPaths.has(pathOf(request.url)),
    }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // From the moment close() starts, new requests are turned away (a load balancer retries them on
  // another instance) while those in progress finish; probes still answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    nameRequestSpan(request.method, request.routeOptions.url);
    if (closing && !quietPaths.has(pathOf(request.url))) {
      reply.header('connection', 'close').header('retry-after', '1');
      throw new ServiceUnavailableError('The service is shutting down; retry in 1 s.');
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const ctx = problemContext(request, pathOf(request.url), problemTexts);
    const { problem, headers, internal } = problemFromError(error, ctx);
    if (internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, code: problem.code }, 'request refused');
    return reply
      .status(problem.status)
      .headers(withLanguageVary(reply, headers))
      .type(problemContentType)
      .send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const ctx = problemContext(request, pathOf(request.url), problemTexts);
    const { problem, headers } = routeNotFound(request.method, ctx);
    return reply.status(404).headers(withLanguageVary(reply, headers)).type(problemContentType).send(problem);
  });

  app.addHook('onRoute', requireOperationNames);
  // Before any route, so that every documented route also lists the kit's own answers.
  app.addHook(
    'onRoute',
    documentKitResponses({
      exemptPaths: quietPaths,
      rateLimited: options.rateLimit !== false,
      overloadGuarded: options.overload !== false,
    }),
  );
  registerHttpMetrics(app, options.metricsRegistry ?? createMetricsRegistry(options.service));
  const tokenLimiter = await registerGuards(app, {
    corsOrigins: options.corsOrigins,
    rateLimit: options.rateLimit,
    overload: options.overload,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.service,
        version: options.version ?? '0.1.0',
        ...(options.description === undefined ? {} : { description: options.description }),
        license: repositoryLicense,
      },
      // Relative: the document is served by the service it describes, whatever host it is reached at.
      servers: [{ url: '/', description: 'The service that serves this document' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) =>
      documentProblemContentType(
        'openapiObject' in document ? document.openapiObject : document.swaggerObject,
      ),
  });
  // Swagger UI registers its own routes; they are made public in a context of their own, so that
  // no service route is ever made public by its path.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
      relaxCspForDocs(route);
    });
    await docs.register(swaggerUi, { routePrefix: docsPrefix });
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, options.auth);
  registerTokenRateLimit(app, tokenLimiter);

  const ops = { config: { public: true }, tags: ['operations'], security: [] };
  app.get(
    '/healthz',
    {
      config: ops.config,
      schema: {
        summary: 'Liveness: the process answers',
        operationId: 'getHealth',
        tags: ops.tags,
        security: ops.security,
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: ops.config,
      schema: {
        summary: 'Readiness: the service can reach what it depends on',
        operationId: 'getReadiness',
        tags: ops.tags,
        security: ops.security,
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const checks = await checkReadiness(options.readiness);
      const ready = Object.values(checks).every(Boolean);
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );

  return app;
}
