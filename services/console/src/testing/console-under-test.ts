// The console backend for a test file, in-process, in front of the platform the e2e harness runs
// (four services as processes). It signs development sessions with the harness's own token key,
// which the services trust, exactly as `npm start` does with the dev key pair.
import type { Platform } from '@kelisim/e2e/platform-harness';
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpApp } from '@kelisim/service-kit/http';
import { createLogger } from '@kelisim/service-kit/log';
import { testAudience, testIssuer } from '@kelisim/service-kit/testing/tokens';
import { buildApp } from '../app.ts';
import { DevelopmentProvider } from '../sign-in/development-provider.ts';
import { bundleWebApp } from '../web-bundle.ts';

export type ConsoleUnderTest = { app: HttpApp; url: string };

export async function startConsole(
  platform: Platform,
  options: { liveRefreshMs: number },
): Promise<ConsoleUnderTest> {
  const app = await buildApp({
    logger: createLogger({ service: 'console', level: 'warn' }),
    verify: createTokenVerifier(platform.auth.options),
    identity: new DevelopmentProvider(
      { privateKeyPem: platform.auth.keys.privateKeyPem, kid: platform.auth.keys.kid },
      { issuer: testIssuer, audience: testAudience, sessionHours: 2, clock: () => new Date() },
    ),
    upstreams: {
      'case-intake': platform.url('case-intake'),
      'mediator-training': platform.url('mediator-training'),
      'regional-monitoring': platform.url('regional-monitoring'),
      notifications: platform.url('notifications'),
    },
    web: await bundleWebApp(),
    secureCookies: false,
    liveRefreshMs: options.liveRefreshMs,
    upstreamTimeoutMs: 15_000,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: address };
}
