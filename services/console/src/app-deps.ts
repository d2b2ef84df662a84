// What buildApp hands every route module: its own module, so that routes never import app.ts.
import type { Logger } from 'pino';
import type { Upstreams } from './config.ts';
import type { IdentityProvider } from './sign-in/identity-provider.ts';
import type { Sessions } from './sign-in/sessions.ts';
import type { WebBundle } from './web-bundle.ts';

export type AppDeps = {
  logger: Logger;
  identity: IdentityProvider;
  /** Server-side sessions: the browser holds only their ids. */
  sessions: Sessions;
  /** The console's origin as browsers reach it (redirects, the same-origin check). */
  publicUrl: string;
  upstreams: Upstreams;
  web: WebBundle;
  secureCookies: boolean;
  upstreamTimeoutMs: number;
  /** Whether the session database answers (readiness). */
  databaseReady?: () => Promise<boolean>;
};
