// The console backend through inject(): the development sign-in and its cookie, the session, the
// page's security headers and language, and the proxy's promise to the browser (the user's token
// goes upstream; If-Match and Idempotency-Key go along; status, ETag and body come back as they
// were). The upstream here is a plain HTTP server that records what reached it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpApp } from '@kelisim/service-kit/http';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { generateSigningKeyPair } from '@kelisim/service-kit/tokens';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { DevelopmentProvider } from './sign-in/development-provider.ts';
import { Sessions } from './sign-in/sessions.ts';
import { SessionStore } from './store/session-store.ts';

const almaty = '750000000';
/** A download's bytes as a zip (an XLSX) begins, with every byte value a text body would mangle. */
const workbookBytes = Buffer.concat([
  Buffer.from('PK\x03\x04', 'latin1'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);
const medeu = '751710000';

describe('the console backend', () => {
  let app: HttpApp;
  let upstream: Server;
  let mongo: Connection;
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body,
        });
        if (request.url?.startsWith('/cases/export')) {
          response.writeHead(200, {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': 'attachment; filename="cases-2026-12-07.xlsx"',
          });
          response.end(workbookBytes);
          return;
        }
        const stale = request.headers['if-match'] === '"1"';
        response.writeHead(stale ? 412 : 200, {
          'content-type': stale ? 'application/problem+json' : 'application/json',
          'content-language': request.headers['accept-language'] ?? 'en',
          etag: '"2"',
        });
        response.end(JSON.stringify(stale ? { status: 412, title: 'Precondition failed' } : { ok: true }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const keys = await generateSigningKeyPair();
    const settings = { issuer: 'kelisim-dev', audience: 'kelisim' };
    const infra = testInfrastructure('console_app');
    mongo = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
    const identity = new DevelopmentProvider(keys, { ...settings, sessionHours: 8, clock: () => new Date() });
    const verify = createTokenVerifier({ ...settings, key: { publicKeyPem: keys.publicKeyPem } });
    app = await buildApp({
      logger: createLogger({ service: 'console', level: 'silent' }),
      identity,
      sessions: new Sessions(new SessionStore(mongo.db!), identity, verify, {
        lifetimeMs: 8 * 3_600_000,
        idleMs: 30 * 60_000,
        clock: () => new Date(),
      }),
      publicUrl: 'http://127.0.0.1:4100',
      upstreams: {
        'case-intake': base,
        'mediator-training': base,
        'regional-monitoring': base,
        notifications: base,
      },
      web: { js: 'console.log(1)', css: 'body{}', hash: 'abc123', jsGzip: gzipSync('console.log(1)') },
      secureCookies: false,
      upstreamTimeoutMs: 5_000,
    });
  });

  afterAll(async () => {
    await app?.close();
    await mongo?.db?.dropDatabase();
    await mongo?.close();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  async function signIn(form: object): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: form });
    expect(response.statusCode, response.body).toBe(204);
    const cookie = String(response.headers['set-cookie']);
    return cookie.split(';')[0] ?? '';
  }

  it('signs a person in with an HttpOnly, SameSite=Strict session cookie and tells the page who they are', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { sub: 'dev-mediator', role: 'mediator', regions: [almaty] },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const session = await app.inject({
      url: '/api/session',
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(session.json()).toEqual({
      sub: 'dev-mediator',
      roles: ['mediator'],
      regions: [almaty],
      groups: [],
    });
  });

  it('makes a district group member a member of that district’s group', async () => {
    const cookie = await signIn({
      sub: 'dev-member',
      role: 'group_member',
      regions: [almaty],
      district: medeu,
    });
    const session = await app.inject({ url: '/api/session', headers: { cookie } });
    expect(session.json().groups).toEqual([`grp-${medeu}`]);
  });

  it('refuses a sign-in form field by field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { sub: 'two words', role: 'king', regions: [] },
    });
    expect(response.statusCode).toBe(400);
    const paths = (response.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(['/body/sub', '/body/role', '/body/regions']);
  });

  it('refuses a district outside the regions chosen', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { sub: 'dev-member', role: 'group_member', regions: ['710000000'], district: medeu },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('/body/district');
  });

  it('answers 401 to API calls without a session, and never calls the service', async () => {
    const before = received.length;
    const response = await app.inject({ url: '/api/case-intake/cases' });
    expect(response.statusCode).toBe(401);
    expect(received.length).toBe(before);
  });

  it('sends the user’s token upstream with If-Match and Idempotency-Key, and returns status, ETag and body unchanged', async () => {
    const cookie = await signIn({ sub: 'dev-mediator', role: 'mediator', regions: [almaty] });
    const created = await app.inject({
      method: 'POST',
      url: '/api/case-intake/cases?x=1',
      headers: { cookie, 'idempotency-key': 'draft-1' },
      payload: { urgency: 'critical' },
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers.etag).toBe('"2"');
    const call = received.at(-1);
    expect(call?.url).toBe('/cases?x=1');
    expect(call?.headers.authorization).toMatch(/^Bearer ey/);
    expect(call?.headers['idempotency-key']).toBe('draft-1');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ urgency: 'critical' });

    const stale = await app.inject({
      method: 'POST',
      url: '/api/case-intake/cases/c1/screen',
      headers: { cookie, 'if-match': '"1"' },
      payload: {},
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
  });

  it('passes a download through byte for byte, with the file name the service gives it', async () => {
    const cookie = await signIn({ sub: 'dev-supervisor', role: 'supervisor', regions: [almaty] });
    const download = await app.inject({
      url: `/api/case-intake/cases/export?format=xlsx&region=${almaty}`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="cases-2026-12-07.xlsx"');
    expect(download.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(download.rawPayload.equals(workbookBytes)).toBe(true);
    expect(received.at(-1)?.url).toBe(`/cases/export?format=xlsx&region=${almaty}`);
  });

  it('asks the services for problems in the language the console is shown in, not the browser’s, and passes Content-Language back', async () => {
    const cookie = await signIn({ sub: 'dev-mediator', role: 'mediator', regions: [almaty] });
    const stale = await app.inject({
      method: 'POST',
      url: '/api/case-intake/cases/c1/screen',
      headers: {
        cookie: `${cookie}; kelisim_lang=ru`,
        'if-match': '"1"',
        'accept-language': 'en-US,en;q=0.9',
      },
      payload: {},
    });
    expect(received.at(-1)?.headers['accept-language']).toBe('ru');
    expect(stale.headers['content-language']).toBe('ru');
  });

  it('opens the live stream on the session cookie alone, and each group stream upstream with the token in the Authorization header', async () => {
    expect((await app.inject({ url: '/api/live' })).statusCode).toBe(401);
    const cookie = await signIn({
      sub: 'dev-live',
      role: 'group_member',
      regions: [almaty],
      district: medeu,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const browser = new AbortController();
    const live = await fetch(`${address}/api/live`, { headers: { cookie }, signal: browser.signal });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const upstream = await waitFor(() => {
      const found = received.find((r) => r.url.startsWith(`/groups/grp-${medeu}/alerts/stream`));
      expect(found).toBeDefined();
      return found;
    });
    browser.abort();
    expect(upstream?.url).toBe(`/groups/grp-${medeu}/alerts/stream`);
    expect(upstream?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('serves the page in the remembered language, under a policy that allows only its own scripts', async () => {
    const page = await app.inject({ url: '/', headers: { cookie: 'kelisim_lang=ru' } });
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain('/assets/app.abc123.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject({ url: '/' })).body).toContain('<html lang="kk">');
    const script = await app.inject({ url: '/assets/app.abc123.js' });
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.body).toBe('console.log(1)');
    const compressed = await app.inject({
      url: '/assets/app.abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(compressed.rawPayload).toString()).toBe('console.log(1)');
  });
});
