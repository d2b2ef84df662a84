import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, NotFoundError, UnprocessableError } from './errors.ts';
import { etagOf, expectedVersionFrom } from './etag.ts';
import { buildHttpApp, type HttpApp } from './http.ts';
import { createLogger } from './log.ts';
import { problemResponses } from './problem.ts';
import { createTestAuth } from './testing/tokens.ts';

const auth = await createTestAuth();
let logOutput = '';
const logger = createLogger({
  service: 'http-test',
  level: 'info',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logOutput += chunk;
      done();
    },
  }),
});
let ready = { mongo: true, kafka: true };

const partySchema = z.object({ name: z.string().min(1), role: z.enum(['claimant', 'respondent']) });
const caseBody = z.object({ region: z.string().regex(/^\d{9}$/), parties: z.array(partySchema).min(2) });

let app: HttpApp;

beforeAll(async () => {
  app = await buildHttpApp({
    service: 'http-test',
    logger,
    auth: auth.verifier,
    readiness: async () => ready,
    bodyLimit: 1024,
  });
  app.post(
    '/cases',
    {
      schema: {
        summary: 'Register a case',
        operationId: 'registerCase',
        body: caseBody,
        response: { 201: z.object({ id: z.string(), parties: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: 'c-1', parties: request.body.parties.length }),
  );
  app.get('/boom', async () => {
    throw new Error('connection string mongodb://admin:hunter2@db leaked');
  });
  app.get(
    '/cases/:id',
    { schema: { summary: 'A case', operationId: 'getCase', params: z.object({ id: z.string() }) } },
    async (request) => {
      throw new NotFoundError(`Case ${request.params.id} was not found.`, { code: 'case.not_found' });
    },
  );
  app.post(
    '/cases/:id/close',
    { schema: { summary: 'Close a case', operationId: 'closeCase', response: problemResponses(400, 409) } },
    async (request) => {
      expectedVersionFrom(request);
      throw new ConflictError('The case is already closed.', {
        currentState: 'closed',
        allowedCommands: ['reopen'],
      });
    },
  );
  app.post('/cases/:id/assign', async () => {
    throw new UnprocessableError('assignment.refused', 'The mediator cannot be assigned.', {
      failedConditions: ['consent', 'certification'],
    });
  });
  app.get('/whoami', async (request) => request.principal);
  await app.ready();
});
afterAll(() => app.close());

const validCase = {
  region: '750000000',
  parties: [
    { name: 'A', role: 'claimant' },
    { name: 'B', role: 'respondent' },
  ],
};

describe('the error handler', () => {
  it('answers a bad body with 400 problem+json naming every bad field by path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/cases',
      headers: await auth.headers(),
      payload: { region: 'Almaty', parties: [{ name: '', role: 'claimant' }, { role: 'judge' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed', instance: '/cases' });
    const paths = problem.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/body/region',
        '/body/parties/0/name',
        '/body/parties/1/name',
        '/body/parties/1/role',
      ]),
    );
  });

  it('accepts a valid body and serialises the response through its schema', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/cases',
      headers: await auth.headers(),
      payload: validCase,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: 'c-1', parties: 2 });
  });

  it('answers an unexpected throw with a bare 500: no stack, no internal message', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom', headers: await auth.headers() });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 500, code: 'internal_error' });
    expect(response.body).not.toMatch(/hunter2|mongodb|stack|at .*\.ts/);
    expect(logOutput).toContain('request failed'); // the operator still sees it
  });

  it('maps kit errors to their status, code and extra members, through declared problem schemas too', async () => {
    const headers = await auth.headers();
    const notFound = await app.inject({ method: 'GET', url: '/cases/c-9', headers });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toMatchObject({ code: 'case.not_found', detail: 'Case c-9 was not found.' });

    const conflict = await app.inject({ method: 'POST', url: '/cases/c-1/close', headers });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ currentState: 'closed', allowedCommands: ['reopen'] });

    const refused = await app.inject({ method: 'POST', url: '/cases/c-1/assign', headers });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'assignment.refused',
      failedConditions: ['consent', 'certification'],
    });
  });

  it('answers a malformed If-Match with 400 naming the header', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/cases/c-1/close',
      headers: { ...(await auth.headers()), 'if-match': 'yesterday' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: '/headers/if-match', code: 'invalid_format', message: expect.any(String) },
    ]);
  });

  it("turns fastify's own errors into problem+json: bad JSON, too large, unknown route", async () => {
    const headers = { ...(await auth.headers()), 'content-type': 'application/json' };
    const badJson = await app.inject({ method: 'POST', url: '/cases', headers, payload: '{"region":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toMatch(/^application\/problem\+json/);

    const tooLarge = await app.inject({
      method: 'POST',
      url: '/cases',
      headers,
      payload: JSON.stringify({ ...validCase, padding: 'x'.repeat(2048) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ status: 413, code: 'payload_too_large' });

    const unknown = await app.inject({ method: 'GET', url: '/nowhere?q=secret' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, instance: '/nowhere' });
    expect(logOutput).toContain('"url":"/nowhere"');
    expect(logOutput).not.toContain('q=secret'); // queries may hold search terms
  });
});

describe('request ids', () => {
  it('honours a plain x-request-id and echoes it, replacing one that is not plain', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const odd = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b\nc' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id in problem documents and log lines as the correlation id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/boom',
      headers: { ...(await auth.headers()), 'x-request-id': 'trace-boom-1' },
    });
    expect(response.json().correlationId).toBe('trace-boom-1');
    expect(logOutput).toMatch(/"correlationId":"trace-boom-1"/);
  });
});

describe('operations endpoints', () => {
  it('answers /healthz without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when every check passes and 503 when one fails', async () => {
    ready = { mongo: true, kafka: true };
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    ready = { mongo: true, kafka: false };
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not ready', checks: { mongo: true, kafka: false } });
    ready = { mongo: true, kafka: true };
  });

  it('serves Prometheus text with default metrics and request durations by route and status', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('process_cpu_user_seconds_total');
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*status_code="200"[^}]*\} [1-9]/,
    );
  });

  it('serves the OpenAPI document with each route and its zod schema, and the Swagger UI', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const post = document.paths['/cases'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['region', 'parties']));
    expect(schema.properties.parties.items.properties.role.enum).toEqual(['claimant', 'respondent']);
    expect(document.paths['/cases/{id}']).toBeDefined();
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('authentication at the edge', () => {
  it('refuses a protected route without a token before reading its body', async () => {
    const response = await app.inject({ method: 'POST', url: '/cases', payload: validCase });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('gives the handler the verified principal', async () => {
    const headers = await auth.headers({ sub: 'm-7', roles: ['mediator'], regions: ['750000000'] });
    const response = await app.inject({ method: 'GET', url: '/whoami', headers });
    expect(response.json()).toEqual({ sub: 'm-7', roles: ['mediator'], regions: ['750000000'], groups: [] });
  });
});

describe('etags', () => {
  it('reads the expected version from strong and weak If-Match tags', () => {
    expect(etagOf(7)).toBe('"7"');
    expect(expectedVersionFrom({ headers: { 'if-match': '"7"' } })).toBe(7);
    expect(expectedVersionFrom({ headers: { 'if-match': 'W/"12"' } })).toBe(12);
    expect(expectedVersionFrom({ headers: { 'if-match': '*' } })).toBeUndefined();
    expect(expectedVersionFrom({ headers: {} })).toBeUndefined();
    expect(() => expectedVersionFrom({ headers: { 'if-match': '"1", "2"' } })).toThrow();
  });
});
