import type { HttpApp } from '@kelisim/service-kit/http';
import { startIntervalJob } from '@kelisim/service-kit/interval-job';
import { JobTurns } from '@kelisim/service-kit/job-turns';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import {
  type ServiceInputs as KitServiceInputs,
  type ServiceLifecycle,
  serviceLifecycle,
} from '@kelisim/service-kit/service-lifecycle';
import { registerAlertMetrics } from './alert-metrics.ts';
import { buildApp } from './app.ts';
import type { NotificationsConfig } from './config.ts';
import { Dispatcher } from './delivery/dispatcher.ts';
import { createEmailSender } from './delivery/email-sender.ts';
import { LiveFeed, startLiveFeed } from './delivery/live-stream.ts';
import { notificationsConsumer } from './events/consumer.ts';
import type { AlertingDeps } from './events/raise-alerts.ts';
import { sweepEscalations } from './jobs/escalation-sweep.ts';
import { keycloakUserDirectory, unverifiedUserDirectory } from './people/keycloak-users.ts';
import { groupNotFound } from './routes/scope.ts';
import { AlertsStore } from './store/alerts-store.ts';
import { DeliveriesStore } from './store/deliveries-store.ts';
import { GroupsStore } from './store/groups-store.ts';
import { MediatorRegionsStore } from './store/mediator-regions-store.ts';
import { PreferencesStore } from './store/preferences-store.ts';
import { RulesStore } from './store/rules-store.ts';

export type ServiceSettings = Pick<
  NotificationsConfig,
  | 'ACK_DEADLINES'
  | 'ESCALATION_SWEEP_INTERVAL_MS'
  | 'DELIVERY_RETRY_INTERVAL_MS'
  | 'DELIVERY_RETRY_BASE_MS'
  | 'DELIVERY_MAX_ATTEMPTS'
  | 'WEBHOOK_TIMEOUT_MS'
  | 'SMTP_URL'
  | 'SMTP_FROM'
  | 'CONSOLE_URL'
> &
  Partial<
    Pick<
      NotificationsConfig,
      'KEYCLOAK_URL' | 'KEYCLOAK_REALM' | 'KEYCLOAK_CLIENT_ID' | 'KEYCLOAK_CLIENT_SECRET'
    >
  >;

export type ServiceInputs = KitServiceInputs<ServiceSettings> & {
  /** Faster consumer retries in tests. */
  consumerRetryBaseMs?: number;
};

export type NotificationsService = {
  app: HttpApp;
  relay: OutboxRelay;
  dispatcher: Dispatcher;
  feed: LiveFeed;
  stores: { groups: GroupsStore; rules: RulesStore; alerts: AlertsStore; deliveries: DeliveriesStore };
  alerting: AlertingDeps;
  sweepEscalations: () => Promise<number>;
  retryDeliveries: () => Promise<number>;
} & ServiceLifecycle;

/** The service over its connections, its indexes ensured; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<NotificationsService> {
  const { settings, logger } = inputs;
  const { connection } = inputs.connections;
  const clock = inputs.clock ?? (() => new Date());
  const feed = new LiveFeed();
  // Wakes the relay after a commit; called only once the relay below exists.
  const committed = () => relay.wake();
  const preferences = new PreferencesStore(connection);
  const groups = new GroupsStore(connection, inputs.cipher, preferences, {
    committed,
    notFound: groupNotFound,
  });
  const users = settings.KEYCLOAK_URL
    ? keycloakUserDirectory({
        url: settings.KEYCLOAK_URL,
        realm: settings.KEYCLOAK_REALM ?? 'kelisim',
        clientId: settings.KEYCLOAK_CLIENT_ID ?? 'kelisim-notifications',
        clientSecret: settings.KEYCLOAK_CLIENT_SECRET ?? '',
        timeoutMs: settings.WEBHOOK_TIMEOUT_MS,
      })
    : unverifiedUserDirectory();
  if (!users.verifies) logger.warn('KEYCLOAK_URL unset: group members are not looked up, nobody is e-mailed');
  const rules = new RulesStore(connection, committed);
  const alerts = new AlertsStore(connection);
  const deliveries = new DeliveriesStore(connection);
  const mediators = new MediatorRegionsStore(connection);
  const relay = new OutboxRelay({
    logs: [alerts.log, groups.log, rules.log],
    producer: inputs.connections.producer,
    topicFor: inputs.connections.topicFor,
    logger,
  });
  const email = createEmailSender(settings.SMTP_URL, settings.SMTP_FROM);
  const dispatcher = new Dispatcher({
    alerts,
    deliveries,
    groups,
    users,
    email,
    policy: {
      baseMs: settings.DELIVERY_RETRY_BASE_MS,
      maxMs: 3_600_000,
      maxAttempts: settings.DELIVERY_MAX_ATTEMPTS,
    },
    webhookTimeoutMs: settings.WEBHOOK_TIMEOUT_MS,
    consoleUrl: settings.CONSOLE_URL,
    logger,
    committed,
    clock,
  });
  const alerting: AlertingDeps = {
    rules,
    groups,
    mediators,
    dispatcher,
    alerts,
    deadlines: settings.ACK_DEADLINES,
    committed,
    clock,
  };
  const escalationDeps = {
    alerts,
    groups,
    dispatcher,
    deadlines: settings.ACK_DEADLINES,
    logger,
    committed,
    clock,
  };
  const app = await buildApp({
    logger,
    auth: inputs.auth,
    readiness: inputs.connections.readiness,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
    groups,
    users,
    preferences,
    rules,
    alerts,
    deliveries,
    feed,
    cipher: inputs.cipher,
    committed,
    clock,
  });

  registerAlertMetrics(app.metrics, { alerts, deadlines: settings.ACK_DEADLINES, clock });

  await Promise.all([
    groups.ensureIndexes(),
    rules.ensureIndexes(),
    alerts.ensureIndexes(),
    deliveries.ensureIndexes(),
  ]);
  await rules.ensureDefaults(clock());

  const startConsumer = (consumerLogger = logger) =>
    startServiceConsumer(notificationsConsumer, alerting, {
      ...inputs.connections,
      logger: consumerLogger,
      ...(inputs.consumerRetryBaseMs === undefined ? {} : { retryBaseMs: inputs.consumerRetryBaseMs }),
    });

  return {
    app,
    relay,
    dispatcher,
    feed,
    stores: { groups, rules, alerts, deliveries },
    alerting,
    sweepEscalations: () => sweepEscalations(escalationDeps),
    retryDeliveries: () => dispatcher.retryDue(),
    ...serviceLifecycle({
      app,
      relay,
      startConsumer,
      startBroadcasts: async () => [await startLiveFeed(feed, inputs.connections, logger)],
      startJobs: () => {
        const turns = new JobTurns(inputs.connections.connection, clock);
        return [
          startIntervalJob(
            'escalation-sweep',
            settings.ESCALATION_SWEEP_INTERVAL_MS,
            () => sweepEscalations(escalationDeps),
            logger,
            { turns },
          ),
          startIntervalJob(
            'delivery-retry',
            settings.DELIVERY_RETRY_INTERVAL_MS,
            () => dispatcher.retryDue(),
            logger,
            { turns },
          ),
        ];
      },
      afterStop: async () => {
        await dispatcher.settled();
        email.close();
      },
    }),
  };
}
