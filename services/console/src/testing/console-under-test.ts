// The console backend for a test file, in-process, in front of the platform the e2e harness runs
// (four services as processes), with its sessions in a database of its own. By default it signs
// development sessions with the harness's own token key, which the services trust, exactly as
// `npm start` does with the dev key pair; given an OpenID Connect provider, it signs in through it.
import { type AuthOptions, createTokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpApp } from '@kelisim/service-kit/http';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { type TestAuth, testAudience, testIssuer } from '@kelisim/service-kit/testing/tokens';
import { buildApp } from '../app.ts';
import { DevelopmentProvider } from '../sign-in/development-provider.ts';
import type { OpenIdConnectProvider } from '../sign-in/openid-connect-provider.ts';
import { type SessionSettings, Sessions } from '../sign-in/sessions.ts';
import { SessionStore } from '../store/session-store.ts';
import { bundleWebApp } from '../web-bundle.ts';

export type ConsoleUnderTest = { app: HttpApp; url: string; close: () => Promise<void> };

export type ConsoleOptions = {
  /** Keycloak instead of the development form: the provider and how to verify its tokens. */
  openIdConnect?: { provider: OpenIdConnectProvider; auth: AuthOptions; publicUrl: string; port: number };
  sessions?: Partial<SessionSettings>;
};

/** What the console needs of the platform under it (the e2e harness's Platform gives it). */
export type PlatformUnderConsole = {
  readonly auth: TestAuth;
  url(name: 'case-intake' | 'mediator-training' | 'regional-monitoring' | 'notifications'): string;
};

export async function startConsole(
  platform: PlatformUnderConsole,
  options: ConsoleOptions = {},
): Promise<ConsoleUnderTest> {
  const infra = testInfrastructure('console');
  const mongo = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
  if (!mongo.db) throw new Error('no database');
  const store = new SessionStore(mongo.db);
  const oidc = options.openIdConnect;
  const identity =
    oidc?.provider ??
    new DevelopmentProvider(
      { privateKeyPem: platform.auth.keys.privateKeyPem, kid: platform.auth.keys.kid },
      { issuer: testIssuer, audience: testAudience, sessionHours: 2, clock: () => new Date() },
    );
  const verify = createTokenVerifier(oidc?.auth ?? platform.auth.options);
  const app = await buildApp({
    logger: createLogger({ service: 'console', level: 'warn' }),
    identity,
    sessions: new Sessions(store, identity, verify, {
      lifetimeMs: 2 * 3_600_000,
      idleMs: 30 * 60_000,
      clock: () => new Date(),
      ...options.sessions,
    }),
    publicUrl: oidc?.publicUrl ?? 'http://127.0.0.1:4100',
    upstreams: {
      'case-intake': platform.url('case-intake'),
      'mediator-training': platform.url('mediator-training'),
      'regional-monitoring': platform.url('regional-monitoring'),
      notifications: platform.url('notifications'),
    },
    web: await bundleWebApp(),
    secureCookies: false,
    upstreamTimeoutMs: 15_000,
  });
  const address = await app.listen({ host: '127.0.0.1', port: oidc?.port ?? 0 });
  return {
    app,
    url: address,
    close: async () => {
      await app.close();
      await mongo.db?.dropDatabase().catch(() => undefined);
      await mongo.close();
    },
  };
}
