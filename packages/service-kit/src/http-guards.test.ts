import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, type HttpApp, type HttpAppOptions } from './http.ts';
import { createLogger } from './log.ts';
import { createTestAuth } from './testing/tokens.ts';

const auth = await createTestAuth();
const logger = createLogger({ service: 'guards-test', level: 'silent' });

async function appWith(options: Partial<HttpAppOptions>): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'guards-test',
    logger,
    auth: auth.verifier,
    readiness: async () => ({ mongo: true }),
    ...options,
  });
  app.get('/cases', async () => ({ items: [] }));
  await app.ready();
  return app;
}

const preflight = {
  method: 'OPTIONS' as const,
  url: '/cases',
  headers: {
    origin: 'https://evil.example',
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization',
  },
};

describe('security headers and CORS', () => {
  let closed: HttpApp;
  let open: HttpApp;
  beforeAll(async () => {
    closed = await appWith({});
    open = await appWith({ corsOrigins: ['https://ui.kelisim.kz'] });
  });
  afterAll(async () => {
    await closed.close();
    await open.close();
  });

  it('sends strict security headers on API answers, refusals included', async () => {
    for (const headers of [await auth.headers(), {}]) {
      const response = await closed.inject({ method: 'GET', url: '/cases', headers });
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps Swagger UI working with a policy that lets it load its own scripts and styles', async () => {
    const page = await closed.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("default-src 'none'");
    const script = await closed.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
  });

  it('refuses a cross-origin preflight by default', async () => {
    const response = await closed.inject(preflight);
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows a preflight from a listed origin only', async () => {
    const allowed = await open.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://ui.kelisim.kz' },
    });
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.kelisim.kz');
    expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
    const refused = await open.inject(preflight);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('answers the request after the per-token budget with 429, Retry-After and problem+json', async () => {
    const app = await appWith({
      rateLimit: { perToken: { max: 3, windowMs: 60_000 }, perAddress: { max: 100, windowMs: 60_000 } },
    });
    const alice = await auth.headers({ sub: 'alice' });
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: 'GET', url: '/cases', headers: alice })).statusCode).toBe(200);
    }
    const limited = await app.inject({ method: 'GET', url: '/cases', headers: alice });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'too_many_requests' });
    // Another subject from the same address still has its own budget; probes are never limited.
    const bob = await app.inject({
      method: 'GET',
      url: '/cases',
      headers: await auth.headers({ sub: 'bob' }),
    });
    expect(bob.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('counts every request from one address, unauthenticated ones too', async () => {
    const app = await appWith({ rateLimit: { perAddress: { max: 2, windowMs: 60_000 } } });
    const fromHere = { method: 'GET' as const, url: '/cases', remoteAddress: '10.0.0.7' };
    expect((await app.inject(fromHere)).statusCode).toBe(401);
    expect((await app.inject({ ...fromHere, headers: await auth.headers() })).statusCode).toBe(200);
    const limited = await app.inject({ ...fromHere, headers: await auth.headers() });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const elsewhere = await app.inject({
      ...fromHere,
      remoteAddress: '10.0.0.8',
      headers: await auth.headers(),
    });
    expect(elsewhere.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ ...fromHere, url: '/readyz' })).statusCode).toBe(200);
    }
    await app.close();
  });
});
