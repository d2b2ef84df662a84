// buildApp: the notifications HTTP API on the kit's fastify app; no I/O until listen().
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import {
  buildHttpApp,
  type HttpApp,
  type HttpAppOptions,
  type ReadinessCheck,
} from '@kelisim/service-kit/http';
import type { Logger } from 'pino';
import type { LiveFeed } from './delivery/live-stream.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerGroupRoutes } from './routes/groups.ts';
import { registerLiveStreamRoute } from './routes/live-stream.ts';
import { registerRuleRoutes } from './routes/rules.ts';
import type { AlertsStore } from './store/alerts-store.ts';
import type { DeliveriesStore } from './store/deliveries-store.ts';
import type { GroupsStore } from './store/groups-store.ts';
import type { RulesStore } from './store/rules-store.ts';

export type AppDeps = {
  logger: Logger;
  /** Rate limits and load shedding from the environment (issue 10); the kit's defaults without. */
  httpGuards?: HttpGuards;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  metricsRegistry?: HttpAppOptions['metricsRegistry'];
  groups: GroupsStore;
  rules: RulesStore;
  alerts: AlertsStore;
  deliveries: DeliveriesStore;
  feed: LiveFeed;
  /** Encrypts acknowledgement notes at rest. */
  cipher: FieldCipher;
  /** Called after every commit: wakes the relay. */
  committed: () => void;
  clock: () => Date;
  /** Milliseconds between SSE keep-alive comments. */
  heartbeatMs?: number;
};

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'notifications',
    description: 'Groups, subscription rules, alerts, delivery, acknowledgement and escalation',
    logger: deps.logger,
    auth: deps.auth,
    readiness: deps.readiness,
    ...(deps.metricsRegistry ? { metricsRegistry: deps.metricsRegistry } : {}),
    ...deps.httpGuards,
  });
  registerGroupRoutes(app, deps);
  registerRuleRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerLiveStreamRoute(app, deps);
  return app;
}
