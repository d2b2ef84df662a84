// The attacks on the console's sign-in, through inject() against a real session database, and
// the whole sign-in through the real Keycloak (its login form over HTTP): another origin's state
// change refused; a planted session id never promoted (a new id at each sign-in); an off-site
// returnTo refused; a signed-out session's cookie worthless; nothing authenticated cached; idle
// sessions ended; access tokens renewed; sign-out ending Keycloak's session too.
import { gzipSync } from 'node:zlib';
import { freePort } from '@kelisim/launcher/service-process';
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpApp } from '@kelisim/service-kit/http';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { keycloakStartTimeoutMs, startKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { CookieJar, send } from '@kelisim/service-kit/testing/keycloak-page';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { generateSigningKeyPair } from '@kelisim/service-kit/tokens';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { SessionStore } from '../store/session-store.ts';
import { consoleClient, realmTokens, signInThroughKeycloak } from '../testing/keycloak.ts';
import { DevelopmentProvider } from './development-provider.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { sessionCookie } from './session-cookie.ts';
import { Sessions } from './sessions.ts';

const publicUrl = 'http://127.0.0.1:4100';
const almaty = '750000000';
const web = { js: 'console.log(1)', css: 'body{}', hash: 'abc123', jsGzip: gzipSync('console.log(1)') };
const nowhere = 'http://127.0.0.1:9';

let mongo: Connection;
let store: SessionStore;
const opened: HttpApp[] = [];

beforeAll(async () => {
  const infra = testInfrastructure('console_sessions');
  mongo = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
  if (!mongo.db) throw new Error('no database');
  store = new SessionStore(mongo.db);
});

afterAll(async () => {
  for (const app of opened) await app.close();
  await mongo?.db?.dropDatabase();
  await mongo?.close();
});

async function consoleApp(
  identity: IdentityProvider,
  verify: Parameters<typeof createTokenVerifier>[0],
  options: { clock?: () => Date; url?: string } = {},
): Promise<HttpApp> {
  const app = await buildApp({
    logger: createLogger({ service: 'console', level: 'silent' }),
    identity,
    sessions: new Sessions(store, identity, createTokenVerifier({ ...verify, cacheSize: 0 }), {
      lifetimeMs: 8 * 3_600_000,
      idleMs: 30 * 60_000,
      clock: options.clock ?? (() => new Date()),
    }),
    publicUrl: options.url ?? publicUrl,
    upstreams: {
      'case-intake': nowhere,
      'mediator-training': nowhere,
      'regional-monitoring': nowhere,
      notifications: nowhere,
    },
    web,
    secureCookies: false,
    upstreamTimeoutMs: 2_000,
  });
  opened.push(app);
  return app;
}

const cookieOf = (setCookie: unknown) =>
  (Array.isArray(setCookie) ? setCookie : [String(setCookie)])
    .find((line: string) => line.startsWith(`${sessionCookie}=`))
    ?.split(';')[0] ?? '';

describe('the console’s sessions', () => {
  let app: HttpApp;
  let now = Date.now();

  beforeAll(async () => {
    const keys = await generateSigningKeyPair();
    const settings = { issuer: 'kelisim-dev', audience: 'kelisim' };
    const clock = () => new Date(now);
    app = await consoleApp(
      new DevelopmentProvider(keys, { ...settings, sessionHours: 8, clock }),
      { ...settings, key: { publicKeyPem: keys.publicKeyPem } },
      { clock },
    );
  });

  async function signIn(headers: Record<string, string> = {}): Promise<string> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers,
      payload: { sub: 'dev-mediator', role: 'mediator', regions: [almaty] },
    });
    expect(response.statusCode, response.body).toBe(204);
    return cookieOf(response.headers['set-cookie']);
  }
  const who = (cookie: string) => app.inject({ url: '/api/session', headers: { cookie } });

  it('refuses a state-changing request from another origin, by Origin and by Fetch Metadata', async () => {
    const cookie = await signIn();
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'http://127.0.0.1:4100.evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: publicUrl },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const signOut = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, ...headers },
      });
      expect(signOut.statusCode, JSON.stringify(headers)).toBe(403);
      expect(signOut.headers['content-type']).toContain('application/problem+json');
    }
    const planted = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: 'https://evil.example' },
      payload: { sub: 'attacker', role: 'mediator', regions: [almaty] },
    });
    expect(planted.statusCode).toBe(403);
    expect((await who(cookie)).statusCode).toBe(200);
    await signIn({ origin: publicUrl, 'sec-fetch-site': 'same-origin' });
  });

  it('gives a new session id at sign-in, and the id the browser had before no longer works', async () => {
    const before = await signIn();
    const after = await signIn({ cookie: before });
    expect(after).not.toBe(before);
    expect((await who(before)).statusCode).toBe(401);
    expect((await who(after)).statusCode).toBe(200);
  });

  it('makes a signed-out session’s cookie worthless, since the session is gone from the server', async () => {
    const cookie = await signIn();
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, origin: publicUrl },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Expires=Thu, 01 Jan 1970');
    expect((await who(cookie)).statusCode).toBe(401);
    const proxied = await app.inject({ url: '/api/case-intake/cases', headers: { cookie } });
    expect(proxied.statusCode).toBe(401);
  });

  it('lets no browser or cache keep the page or any API answer (the back button after sign-out)', async () => {
    const cookie = await signIn();
    for (const url of ['/', '/api/session', '/api/sign-in']) {
      const response = await app.inject({ url, headers: { cookie } });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('ends a session left idle for longer than the idle timeout, and keeps one in use', async () => {
    const used = await signIn();
    const idle = await signIn();
    for (let minute = 0; minute < 40; minute += 10) {
      now += 10 * 60_000;
      expect((await who(used)).statusCode).toBe(200);
    }
    expect((await who(idle)).statusCode).toBe(401);
  });
});

describe('an off-site returnTo', () => {
  it('is refused, naming the field; a path of the console is accepted', async () => {
    // Refused before the provider is asked anything: no Keycloak needed.
    const nobody = { issuer: 'http://127.0.0.1:9/realms/kelisim', jwksUrl: 'http://127.0.0.1:9/certs' };
    const app = await consoleApp(consoleClient(nobody, publicUrl), realmTokens(nobody));
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'http://127.0.0.1:4100.evil.example/',
    ]) {
      const response = await app.inject({ url: `/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}` });
      expect(response.statusCode, returnTo).toBe(400);
      expect(response.json().errors[0].path).toBe('/query/returnTo');
    }
  });
});

describe('signing in through Keycloak', () => {
  let url: string;
  let app: HttpApp;

  beforeAll(async () => {
    const keycloak = await startKeycloak();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await consoleApp(consoleClient(keycloak, url), realmTokens(keycloak), { url });
    await app.listen({ host: '127.0.0.1', port });
  }, keycloakStartTimeoutMs + 60_000);

  it('lands where the person was, with a session of a new id whose token the services would accept', async () => {
    const jar = new CookieJar();
    jar.set(url, sessionCookie, 'planted-by-an-attacker');
    const landed = await signInThroughKeycloak(jar, url, 'mediator.almaty', { returnTo: '/#/cases' });
    expect(landed).toBe('/#/cases');
    const id = jar.get(url, sessionCookie) ?? '';
    expect(id).not.toBe('planted-by-an-attacker');
    expect(id.length).toBeGreaterThanOrEqual(43);
    const me = await send(jar, `${url}/api/session`);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect((await me.json()).roles).toEqual(['mediator']);

    // What the database holds gives no usable cookie and no token: only the id's hash, tokens sealed.
    const stored = JSON.stringify(await mongo.db?.collection('sessions').find().toArray());
    expect(stored).not.toContain(id);
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect((await store.findSession(id))?.tokens.accessToken).toMatch(/^eyJ/);
  });

  it('refuses a callback whose state was not started in this browser (a login CSRF)', async () => {
    const victim = new CookieJar();
    const attacker = new CookieJar();
    const start = await send(attacker, `${url}/auth/sign-in`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state');
    const callback = await send(victim, `${url}/auth/callback?code=stolen&state=${state}`);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/');
    expect(victim.get(url, sessionCookie)).toBeUndefined();
  });

  it('renews an expiring access token with the refresh token, and signs out at Keycloak too', async () => {
    const jar = new CookieJar();
    await signInThroughKeycloak(jar, url, 'supervisor.almaty');
    const id = jar.get(url, sessionCookie) ?? '';
    const first = await store.findSession(id);
    if (!first) throw new Error('no session');
    await store.updateSession(id, {
      tokens: { ...first.tokens, accessExpiresAt: new Date(Date.now() - 1000) },
    });
    expect((await send(jar, `${url}/api/session`)).status).toBe(200);
    const renewed = await store.findSession(id);
    expect(renewed?.tokens.accessToken).not.toBe(first.tokens.accessToken);
    expect(renewed?.tokens.accessExpiresAt.getTime()).toBeGreaterThan(Date.now());

    const out = await send(jar, `${url}/api/session`, { method: 'DELETE', headers: { origin: url } });
    expect(out.status).toBe(200);
    const endSession = new URL(((await out.json()) as { redirect: string }).redirect);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/`);
    const back = await send(jar, endSession.href);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${url}/`);

    // The old cookie is worthless, and Keycloak asks for the password again: its session ended too.
    const stale = await fetch(`${url}/api/session`, { headers: { cookie: `${sessionCookie}=${id}` } });
    expect(stale.status).toBe(401);
    const again = await send(jar, `${url}/auth/sign-in`);
    const page = await send(jar, again.headers.get('location') ?? '');
    expect(await page.text()).toContain('kc-form-login');
  });
});
