// Composition root: config → logger → signing key → web bundle → app → listen; orderly shutdown.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import { parseConfig } from '@kelisim/service-kit/config';
import { createLogger } from '@kelisim/service-kit/log';
import { closeOnSignals } from '@kelisim/service-kit/service-runtime';
import { loadOrCreateDevKeys } from '@kelisim/service-kit/tokens';
import { buildApp } from './app.ts';
import { consoleConfigSchema, upstreamsOf } from './config.ts';
import { DevelopmentProvider } from './sign-in/development-provider.ts';
import { bundleWebApp } from './web-bundle.ts';

const config = parseConfig(consoleConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });

// The same development key pair as `npm start` and tools/ops (<repo>/.infra/dev-keys).
async function developmentKey(): Promise<{ privateKeyPem: string; kid?: string }> {
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

const key = await developmentKey();
const clock = () => new Date();
const started = Date.now();
const web = await bundleWebApp();
const app = await buildApp({
  logger,
  verify: createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    key: {
      publicKeyPem: createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(),
    },
  }),
  identity: new DevelopmentProvider(key, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    sessionHours: config.SESSION_HOURS,
    clock,
  }),
  upstreams: upstreamsOf(config),
  web,
  secureCookies: config.SECURE_COOKIES === 'true',
  liveRefreshMs: config.LIVE_REFRESH_MS,
  upstreamTimeoutMs: 15_000,
});
await app.listen({ host: config.HOST, port: config.PORT });
logger.info(
  { port: config.PORT, bundleMs: Date.now() - started, bundleBytes: web.js.length },
  'console started',
);

closeOnSignals(logger, [() => app.close()]);
