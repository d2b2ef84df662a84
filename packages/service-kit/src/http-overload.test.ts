// Load shedding and the kit's documented answers (issue 10): past its in-flight limit a service
// answers 503 problem+json with Retry-After at once, probes still answer, it recovers as soon as
// the load drops, and every route's OpenAPI entry lists what the kit itself may answer.

import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpGuardsFromConfig } from './config.ts';
import { buildHttpApp, type HttpApp, type HttpAppOptions } from './http.ts';
import { createLogger } from './log.ts';
import { problemResponses } from './problem.ts';
import { createTestAuth } from './testing/tokens.ts';

const auth = await createTestAuth();
const logger = createLogger({ service: 'overload-test', level: 'silent' });
let app: HttpApp;

async function slowApp(options: Partial<HttpAppOptions>, gate: Promise<void>): Promise<HttpApp> {
  const built = await buildHttpApp({
    service: 'overload-test',
    logger,
    auth: auth.verifier,
    readiness: async () => ({}),
    ...options,
  });
  built.post(
    '/cases/:id/close',
    {
      schema: {
        summary: 'Close a case',
        operationId: 'closeCase',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ ok: z.boolean() }), ...problemResponses(404) },
      },
    },
    async () => {
      await gate;
      return { ok: true };
    },
  );
  await built.listen({ host: '127.0.0.1', port: 0 });
  return built;
}

afterEach(async () => {
  await app?.close();
});

describe('load shedding', () => {
  it('answers 503 with Retry-After past the in-flight limit, keeps probes up, and recovers when the load drops', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app = await slowApp({ overload: { maxInFlight: 2, retryAfterSeconds: 7 } }, gate);
    const { port } = app.server.address() as { port: number };
    const call = async () =>
      fetch(`http://127.0.0.1:${port}/cases/c1/close`, { method: 'POST', headers: await auth.headers() });

    const held = [call(), call()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shed = await call();
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('7');
    expect(shed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await shed.json()).toMatchObject({ status: 503, code: 'overloaded' });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200]);
    expect((await call()).status).toBe(200);
  });

  it('takes its limits from the environment through the kit config', () => {
    const guards = httpGuardsFromConfig({
      RATE_LIMIT_PER_ADDRESS: 100,
      OVERLOAD_MAX_IN_FLIGHT: 8,
      OVERLOAD_MAX_RSS_MB: 256 * 1024 * 1024,
    });
    expect(guards).toEqual({
      rateLimit: { perAddress: { max: 100, windowMs: 60_000 } },
      overload: { maxInFlight: 8, maxRssBytes: 256 * 1024 * 1024 },
    });
  });
});

describe("the kit's own answers in the OpenAPI document", () => {
  it('lists 400, 401, 413, 415, 429 and 503 beside the route’s own, as problem+json', async () => {
    app = await slowApp({}, Promise.resolve());
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const responses = document.paths['/cases/{id}/close'].post.responses;
    expect(Object.keys(responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '404',
      '413',
      '414',
      '415',
      '429',
      '503',
    ]);
    expect(Object.keys(responses['404'].content)).toEqual(['application/problem+json']);
    expect(Object.keys(responses['200'].content)).toEqual(['application/json']);
    expect(Object.keys(document.paths['/readyz'].get.responses['503'].content)).toEqual(['application/json']);
  });
});

describe("the router's own refusals", () => {
  it('answers an overlong path parameter and a bad percent-encoding as problem+json, without echoing the path', async () => {
    app = await slowApp({}, Promise.resolve());
    const headers = await auth.headers();
    const long = await app.inject({ method: 'POST', url: `/cases/${'x'.repeat(200)}/close`, headers });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.json()).toMatchObject({ status: 414, code: 'uri_too_long' });
    expect(long.json().detail).not.toContain('xxxx');
    const bad = await app.inject({ method: 'POST', url: '/cases/%E0%A4%A/close', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('event-loop shedding', () => {
  it('is off unless configured, so a blocked loop alone never turns requests away', async () => {
    app = await slowApp({}, Promise.resolve());
    const block = Date.now() + 1_500;
    while (Date.now() < block) {
      // a second and a half of synchronous work, as a test file's setup may do
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // the sampler runs right after the stall
    const response = await app.inject({
      method: 'POST',
      url: '/cases/c1/close',
      headers: await auth.headers(),
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers 503 with Retry-After while the loop lags past the configured delay', async () => {
    app = await slowApp({ overload: { maxEventLoopDelayMs: 50, retryAfterSeconds: 3 } }, Promise.resolve());
    const block = Date.now() + 1_500;
    while (Date.now() < block) {
      // the loop stalls; the next sample sees a mean delay far above 50 ms
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // the sampler runs right after the stall
    const response = await app.inject({
      method: 'POST',
      url: '/cases/c1/close',
      headers: await auth.headers(),
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('3');
  });
});

describe('while closing', () => {
  it('turns new requests away with 503 problem+json and Retry-After while those in progress finish', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const closing = await slowApp({}, gate);
    const { port } = closing.server.address() as { port: number };
    const { authorization } = await auth.headers();
    // Two requests pipelined on one keep-alive connection: the second is read while closing.
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    const request = (id: string) =>
      `POST /cases/${id}/close HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Length: 0\r\n\r\n`;
    socket.write(request('c1'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = closing.close();
    socket.write(request('c2'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    expect(statuses).toEqual(['200', '503']);
    expect(received).toMatch(/retry-after: 1/i);
    expect(received).toMatch(/content-type: application\/problem\+json/i);
  });
});
