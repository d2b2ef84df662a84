// buildApp(deps): the HTTP API of regional-monitoring on the kit's fastify app. No I/O at import;
// everything it touches comes in through deps.

import { newEventId } from '@kelisim/contracts/envelope';
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { buildHttpApp, type HttpApp, type ReadinessCheck } from '@kelisim/service-kit/http';
import type { Logger } from '@kelisim/service-kit/log';
import { monitoringProblemTexts } from './domain/monitoring-problem-texts.ts';
import { registerIndicatorRoutes } from './routes/indicators.ts';
import { registerRecommendationRoutes } from './routes/recommendations.ts';
import { registerMonitoringExportRoutes } from './routes/register-exports.ts';
import { registerRiskRoutes } from './routes/risk.ts';
import type { RouteDeps } from './routes/route-deps.ts';
import { registerStatisticsRoutes } from './routes/statistics.ts';
import { registerTrendRoutes } from './routes/trends.ts';
import { registerVisitReportRoute } from './routes/visit-report.ts';
import { registerVisitRoutes } from './routes/visits.ts';
import { MonitoringCommands } from './store/monitoring-commands.ts';
import type { Stores } from './store/stores.ts';

export type AppDeps = {
  logger: Logger;
  /** Rate limits and load shedding from the environment (issue 10); the kit's defaults without. */
  httpGuards?: HttpGuards;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  stores: Stores;
  cipher: FieldCipher;
  /** Publish committed events now rather than at the relay's next poll. */
  wakeRelay: () => void;
  clock: () => Date;
  windowDays: number;
};

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'regional-monitoring',
    description: 'Monitoring visits, indicators, recommendations and the regional risk index',
    logger: deps.logger,
    auth: deps.auth,
    readiness: deps.readiness,
    problemTexts: monitoringProblemTexts,
    ...deps.httpGuards,
  });
  const routeDeps: RouteDeps = {
    stores: deps.stores,
    commands: new MonitoringCommands(deps.stores, { wake: deps.wakeRelay }, newEventId),
    cipher: deps.cipher,
    clock: deps.clock,
    newId: newEventId,
    windowDays: deps.windowDays,
  };
  registerIndicatorRoutes(app, routeDeps);
  registerMonitoringExportRoutes(app, routeDeps);
  registerVisitRoutes(app, routeDeps);
  registerVisitReportRoute(app, routeDeps);
  registerRecommendationRoutes(app, routeDeps);
  registerRiskRoutes(app, routeDeps);
  registerStatisticsRoutes(app, routeDeps);
  registerTrendRoutes(app, routeDeps);
  return app;
}
