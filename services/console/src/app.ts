// buildApp: the console's HTTP server on the kit's fastify app (problem+json, helmet, rate limits,
// /healthz, /readyz, /metrics); no I/O until listen(). Every route is public to the kit's bearer
// check: the console authenticates by its session cookie instead (routes/session-routes.ts), and
// refuses state changes from other origins (routes/browser-guards.ts).
import { buildHttpApp, type HttpApp } from '@kelisim/service-kit/http';
import type { AppDeps } from './app-deps.ts';
import { registerApiProxy } from './routes/api-proxy.ts';
import { registerBrowserGuards } from './routes/browser-guards.ts';
import { registerLiveRoute } from './routes/live-route.ts';
import { registerReferenceRoute } from './routes/reference-route.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';
import { registerWebRoutes } from './routes/web-routes.ts';

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'console',
    description: 'The web console and its backend for the browser',
    logger: deps.logger,
    // The kit's bearer check never applies: every console route is public to it (see above).
    auth: async () => {
      throw new Error('the console authenticates by its session cookie');
    },
    readiness: async () => ({
      web: deps.web.js.length > 0,
      ...(deps.databaseReady ? { database: await deps.databaseReady() } : {}),
    }),
  });
  registerBrowserGuards(app, deps.publicUrl);
  registerWebRoutes(app, deps);
  registerReferenceRoute(app);
  registerSessionRoutes(app, deps);
  registerApiProxy(app, deps);
  registerLiveRoute(app, deps);
  return app;
}
