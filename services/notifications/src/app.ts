// buildApp: the notifications HTTP API on the kit's fastify app; no I/O until listen().
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import {
  buildHttpApp,
  type HttpApp,
  type HttpAppOptions,
  type ReadinessCheck,
} from '@kelisim/service-kit/http';
import type { Logger } from 'pino';
import { notificationProblemTexts } from './domain/notification-problem-texts.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerGroupRoutes } from './routes/groups.ts';
import { registerLiveStreamRoute } from './routes/live-stream.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerPreferenceRoutes } from './routes/preferences.ts';
import type { RouteDeps } from './routes/route-deps.ts';
import { registerRuleRoutes } from './routes/rules.ts';

export type AppDeps = RouteDeps & {
  logger: Logger;
  /** Rate limits and load shedding from the environment (issue 10); the kit's defaults without. */
  httpGuards?: HttpGuards;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  metricsRegistry?: HttpAppOptions['metricsRegistry'];
};

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'notifications',
    description: 'Groups, subscription rules, alerts, delivery, acknowledgement and escalation',
    logger: deps.logger,
    auth: deps.auth,
    readiness: deps.readiness,
    problemTexts: notificationProblemTexts,
    ...(deps.metricsRegistry ? { metricsRegistry: deps.metricsRegistry } : {}),
    ...deps.httpGuards,
  });
  registerGroupRoutes(app, deps);
  registerRuleRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerLiveStreamRoute(app, deps);
  registerPreferenceRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  return app;
}
