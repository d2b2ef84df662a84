import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from './auth.ts';
import { UnauthorizedError } from './errors.ts';
import { buildHttpApp, type HttpApp } from './http.ts';
import { createLogger } from './log.ts';
import { createTestAuth, testAudience, testIssuer } from './testing/tokens.ts';
import { generateSigningKeyPair, mintToken, publicJwkOf } from './tokens.ts';

const auth = await createTestAuth();
const stranger = await generateSigningKeyPair();
const claims = { roles: ['mediator'], regions: ['750000000'], groups: [] };
const now = () => Math.floor(Date.now() / 1000);

let app: HttpApp;
beforeAll(async () => {
  app = await buildHttpApp({
    service: 'auth-test',
    logger: createLogger({ service: 'auth-test', level: 'silent' }),
    auth: auth.verifier,
    readiness: async () => ({ mongo: true, kafka: true }),
  });
  app.get('/whoami', async (request) => request.principal);
  app.get('/docs-archive', async () => 'private');
  await app.ready();
});
afterAll(() => app.close());

const whoami = (authorization?: string) =>
  app.inject({ method: 'GET', url: '/whoami', headers: authorization ? { authorization } : {} });

describe('bearer tokens at the edge', () => {
  it('accepts a valid token and puts the typed principal on the request', async () => {
    const response = await whoami(`Bearer ${await auth.mint({ sub: 'm-1', groups: ['g-75'] })}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      sub: 'm-1',
      roles: ['mediator'],
      regions: ['750000000'],
      groups: ['g-75'],
    });
  });

  it('challenges a request without a token with WWW-Authenticate: Bearer', async () => {
    const response = await whoami();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="kelisim"');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  const refused: [string, () => Promise<string>][] = [
    ['a non-bearer scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    [
      'an expired token',
      async () => `Bearer ${await auth.mint({ issuedAt: now() - 7200, expiresIn: now() - 3600 })}`,
    ],
    ['a token not valid yet', async () => `Bearer ${await auth.mint({ notBefore: '1h' })}`],
    [
      'a token from another issuer',
      async () => `Bearer ${await auth.mint({ issuer: 'https://evil.example' })}`,
    ],
    ['a token for another audience', async () => `Bearer ${await auth.mint({ audience: 'someone-else' })}`],
    [
      'a token signed by another key',
      async () =>
        `Bearer ${await mintToken({ privateKeyPem: stranger.privateKeyPem, issuer: testIssuer, audience: testAudience, sub: 'x', expiresIn: '1h' })}`,
    ],
    [
      'a token whose payload was altered after signing',
      async () => {
        const [header, , signature] = (await auth.mint()).split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'x', regions: ['KZ'] })).toString(
          'base64url',
        );
        return `Bearer ${header}.${payload}.${signature}`;
      },
    ],
    [
      'an unsigned token (alg: none)',
      async () =>
        `Bearer ${new UnsecuredJWT(claims).setSubject('x').setIssuer(testIssuer).setAudience(testAudience).setExpirationTime('1h').encode()}`,
    ],
    [
      'an HS256 token keyed with the public key',
      async () =>
        `Bearer ${await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(testIssuer)
          .setAudience(testAudience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(auth.keys.publicKeyPem))}`,
    ],
    [
      'a token without an expiry',
      async () =>
        `Bearer ${await new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('x')
          .setIssuer(testIssuer)
          .setAudience(testAudience)
          .sign((await import('node:crypto')).createPrivateKey(auth.keys.privateKeyPem))}`,
    ],
    [
      'a token with claims that are not valid',
      async () => `Bearer ${await auth.mint({ regions: ['Almaty'] })}`,
    ],
    ['garbage', async () => 'Bearer not.a.jwt'],
  ];

  it.each(refused)('refuses %s with 401 invalid_token', async (_label, authorization) => {
    const response = await whoami(await authorization());
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('says so when the token has expired, so that the client refreshes it', async () => {
    const response = await whoami(
      `Bearer ${await auth.mint({ issuedAt: now() - 7200, expiresIn: now() - 60 })}`,
    );
    expect(response.json().detail).toMatch(/expired/);
  });

  it('refuses a token in the URL, even beside a valid header, saying where the token belongs', async () => {
    const token = await auth.mint({ sub: 'm-1' });
    for (const query of [`access_token=${token}`, `Token=${token}`]) {
      const response = await app.inject({
        method: 'GET',
        url: `/whoami?${query}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(response.json().detail).toMatch(/Authorization header/);
    }
  });

  it('lets the operational endpoints through without a token', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs/']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/docs-archive' })).statusCode).toBe(401);
  });
});

describe('verified tokens remembered', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a remembered token only until it expires', async () => {
    const verify = createTokenVerifier({ ...auth.options, clockToleranceSeconds: 0 });
    const token = await auth.mint({ sub: 'm-2', expiresIn: now() + 30 });
    expect((await verify(token)).sub).toBe('m-2');
    expect((await verify(token)).sub).toBe('m-2');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    await expect(verify(token)).rejects.toThrow(/expired/);
  });

  it('never remembers a refused token', async () => {
    const verify = createTokenVerifier(auth.options);
    const token = await mintToken({
      privateKeyPem: stranger.privateKeyPem,
      issuer: testIssuer,
      audience: testAudience,
      sub: 'x',
      expiresIn: '1h',
    });
    await expect(verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('key types', () => {
  it.each(['rsa', 'ed25519'] as const)(
    'verifies %s signatures with the configured public key',
    async (type) => {
      const pair = generateKeyPairSync(type as 'rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      const verify = createTokenVerifier({
        issuer: testIssuer,
        audience: testAudience,
        key: { publicKeyPem: pair.publicKey },
      });
      const token = await mintToken({
        privateKeyPem: pair.privateKey,
        issuer: testIssuer,
        audience: testAudience,
        sub: 'k-1',
        roles: ['supervisor'],
        regions: ['KZ'],
      });
      await expect(verify(token)).resolves.toMatchObject({ sub: 'k-1', regions: ['KZ'] });
    },
  );
});

describe('a JWKS endpoint', () => {
  let jwks: { keys: unknown[] } = { keys: [] };
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('follows a key rotation without a restart', async () => {
    const [first, second] = [await generateSigningKeyPair(), await generateSigningKeyPair()];
    const mintWith = (pair: typeof first) =>
      mintToken({ ...pair, issuer: testIssuer, audience: testAudience, sub: 'j-1', roles: ['admin'] });
    const verify = createTokenVerifier({
      issuer: testIssuer,
      audience: testAudience,
      key: { jwksUrl: url, cooldownMs: 0 },
    });

    jwks = { keys: [await publicJwkOf(first.publicKeyPem, first.kid)] };
    await expect(verify(await mintWith(first))).resolves.toMatchObject({ sub: 'j-1' });

    jwks = { keys: [await publicJwkOf(second.publicKeyPem, second.kid)] };
    await expect(verify(await mintWith(second))).resolves.toMatchObject({ sub: 'j-1' });
    await expect(verify(await mintWith(first))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('treats an unreachable JWKS endpoint as an outage, not as a bad token', async () => {
    const verify = createTokenVerifier({
      issuer: testIssuer,
      audience: testAudience,
      key: { jwksUrl: 'http://127.0.0.1:1/jwks.json' },
    });
    const error = await verify(await auth.mint()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnauthorizedError);
  });
});
