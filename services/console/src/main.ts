// Composition root: config → logger → identity provider → session database → web bundle → app →
// listen; orderly shutdown.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AuthOptions, createTokenVerifier } from '@kelisim/service-kit/auth';
import { parseConfig } from '@kelisim/service-kit/config';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo, mongoReachable } from '@kelisim/service-kit/mongo';
import { closeOnSignals } from '@kelisim/service-kit/service-runtime';
import { loadOrCreateDevKeys } from '@kelisim/service-kit/tokens';
import { buildApp } from './app.ts';
import { type ConsoleConfig, consoleConfigSchema, upstreamsOf } from './config.ts';
import { DevelopmentProvider } from './sign-in/development-provider.ts';
import type { IdentityProvider } from './sign-in/identity-provider.ts';
import { OpenIdConnectProvider } from './sign-in/openid-connect-provider.ts';
import { Sessions } from './sign-in/sessions.ts';
import { SessionStore } from './store/session-store.ts';
import { bundleWebApp } from './web-bundle.ts';

const config = parseConfig(consoleConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const clock = () => new Date();
const started = Date.now();

// The same development key pair as `npm start` and tools/ops (<repo>/.infra/dev-keys).
async function developmentKey(config: ConsoleConfig): Promise<{ privateKeyPem: string; kid?: string }> {
  if (config.DEV_SIGNING_KEY) {
    const given = config.DEV_SIGNING_KEY;
    const pem = given.trim().startsWith('-----BEGIN')
      ? given.replaceAll('\\n', '\n')
      : readFileSync(given, 'utf8');
    return { privateKeyPem: pem };
  }
  const dir = config.DEV_KEY_DIR ?? fileURLToPath(new URL('../../../.infra/dev-keys', import.meta.url));
  const keys = await loadOrCreateDevKeys(dir);
  return { privateKeyPem: keys.privateKeyPem, kid: keys.kid };
}

async function signIn(config: ConsoleConfig): Promise<{ identity: IdentityProvider; auth: AuthOptions }> {
  const audience = config.JWT_AUDIENCE;
  if (config.SIGN_IN === 'development') {
    const key = await developmentKey(config);
    const issuer = config.JWT_ISSUER ?? 'kelisim-dev';
    logger.warn('development sign-in: anyone may be anyone (SIGN_IN=development)');
    return {
      identity: new DevelopmentProvider(key, { issuer, audience, sessionHours: config.SESSION_HOURS, clock }),
      auth: {
        issuer,
        audience,
        key: {
          publicKeyPem: createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(),
        },
      },
    };
  }
  const issuer = config.OIDC_ISSUER.replace(/\/$/, '');
  return {
    identity: new OpenIdConnectProvider({
      issuer,
      clientId: config.OIDC_CLIENT_ID,
      ...(config.OIDC_CLIENT_SECRET ? { clientSecret: config.OIDC_CLIENT_SECRET } : {}),
      publicUrl: config.PUBLIC_URL,
      clock,
    }),
    // Keycloak's key set (rotated keys are fetched when an unknown `kid` arrives).
    auth: {
      issuer: config.JWT_ISSUER ?? issuer,
      audience,
      key: { jwksUrl: config.JWKS_URL ?? `${issuer}/protocol/openid-connect/certs` },
    },
  };
}

const { identity, auth } = await signIn(config);
const mongo = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB });
if (!mongo.db) throw new Error('the session database is not connected');
const store = new SessionStore(mongo.db);
await store.ensureIndexes();
const web = await bundleWebApp();
const app = await buildApp({
  logger,
  identity,
  sessions: new Sessions(store, identity, createTokenVerifier(auth), {
    lifetimeMs: config.SESSION_HOURS * 3_600_000,
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    clock,
  }),
  publicUrl: config.PUBLIC_URL,
  upstreams: upstreamsOf(config),
  web,
  secureCookies: config.SECURE_COOKIES === 'true' || config.PUBLIC_URL.startsWith('https:'),
  upstreamTimeoutMs: 15_000,
  databaseReady: () => mongoReachable(mongo),
});
await app.listen({ host: config.HOST, port: config.PORT });
logger.info(
  { port: config.PORT, signIn: config.SIGN_IN, bundleMs: Date.now() - started, bundleBytes: web.js.length },
  'console started',
);

closeOnSignals(logger, [() => app.close(), () => mongo.close()]);
