// What buildApp hands every route module: its own module, so that routes never import app.ts.
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { Logger } from 'pino';
import type { Upstreams } from './config.ts';
import type { IdentityProvider } from './sign-in/identity-provider.ts';
import type { WebBundle } from './web-bundle.ts';

export type AppDeps = {
  logger: Logger;
  /** Verifies session tokens, with the same settings as the services. */
  verify: TokenVerifier;
  identity: IdentityProvider;
  upstreams: Upstreams;
  web: WebBundle;
  secureCookies: boolean;
  liveRefreshMs: number;
  upstreamTimeoutMs: number;
};
