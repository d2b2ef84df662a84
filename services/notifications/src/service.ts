// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the alerts commit log, the dispatcher, the app, the consumer and the jobs.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp, ReadinessCheck } from '@kelisim/service-kit/http';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { NotificationsConfig } from './config.ts';
import { Dispatcher } from './delivery/dispatcher.ts';
import { createEmailSender } from './delivery/email-sender.ts';
import { LiveFeed } from './delivery/live-stream.ts';
import { startAlertingConsumer } from './events/consumers.ts';
import type { AlertingDeps } from './events/raise-alerts.ts';
import { sweepEscalations } from './jobs/escalation-sweep.ts';
import { AlertsStore } from './store/alerts-store.ts';
import { DeliveriesStore } from './store/deliveries-store.ts';
import { GroupsStore } from './store/groups-store.ts';
import { MediatorRegionsStore } from './store/mediator-regions-store.ts';
import { RulesStore } from './store/rules-store.ts';

export type ServiceSettings = Pick<
  NotificationsConfig,
  | 'SERVICE_NAME'
  | 'TOPIC_PREFIX'
  | 'ACK_DEADLINES'
  | 'ESCALATION_SWEEP_INTERVAL_MS'
  | 'DELIVERY_RETRY_INTERVAL_MS'
  | 'DELIVERY_RETRY_BASE_MS'
  | 'DELIVERY_MAX_ATTEMPTS'
  | 'WEBHOOK_TIMEOUT_MS'
  | 'SMTP_URL'
  | 'SMTP_FROM'
>;

export type ServiceInputs = {
  settings: ServiceSettings;
  connection: Connection;
  kafka: Kafka;
  producer: Producer;
  topicFor: (event: EventEnvelope) => string;
  logger: Logger;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  /** Rate limits and load shedding from the environment (issue 10); the kit's defaults without. */
  httpGuards?: HttpGuards;
  cipher: FieldCipher;
  clock?: () => Date;
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
  ensureIndexes: () => Promise<void>;
  startConsumer: () => Promise<RunningConsumer>;
  sweepEscalations: () => Promise<number>;
  retryDeliveries: () => Promise<number>;
  startJobs: () => IntervalJob[];
  close: () => void;
};

export async function createNotificationsService(inputs: ServiceInputs): Promise<NotificationsService> {
  const { settings, connection, logger } = inputs;
  const clock = inputs.clock ?? (() => new Date());
  const feed = new LiveFeed();
  const groups = new GroupsStore(connection, inputs.cipher);
  const rules = new RulesStore(connection);
  const alerts = new AlertsStore(connection, (alert) => feed.publish(alert));
  const deliveries = new DeliveriesStore(connection);
  const mediators = new MediatorRegionsStore(connection);
  const relay = new OutboxRelay({
    logs: [alerts.log],
    producer: inputs.producer,
    topicFor: inputs.topicFor,
    logger,
  });
  const committed = () => relay.wake();
  const email = createEmailSender(settings.SMTP_URL, settings.SMTP_FROM);
  const dispatcher = new Dispatcher({
    alerts,
    deliveries,
    groups,
    email,
    policy: {
      baseMs: settings.DELIVERY_RETRY_BASE_MS,
      maxMs: 3_600_000,
      maxAttempts: settings.DELIVERY_MAX_ATTEMPTS,
    },
    webhookTimeoutMs: settings.WEBHOOK_TIMEOUT_MS,
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
    readiness: inputs.readiness,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
    groups,
    rules,
    alerts,
    deliveries,
    feed,
    cipher: inputs.cipher,
    committed,
    clock,
  });

  return {
    app,
    relay,
    dispatcher,
    feed,
    stores: { groups, rules, alerts, deliveries },
    alerting,
    ensureIndexes: async () => {
      await Promise.all([
        groups.ensureIndexes(),
        rules.ensureIndexes(),
        alerts.ensureIndexes(),
        deliveries.ensureIndexes(),
      ]);
      await rules.ensureDefaults(clock());
    },
    startConsumer: () =>
      startAlertingConsumer({
        kafka: inputs.kafka,
        producer: inputs.producer,
        connection,
        logger,
        topicPrefix: settings.TOPIC_PREFIX,
        groupId: `${settings.TOPIC_PREFIX}${settings.SERVICE_NAME}`,
        alerting,
        ...(inputs.consumerRetryBaseMs === undefined ? {} : { retryBaseMs: inputs.consumerRetryBaseMs }),
      }),
    sweepEscalations: () => sweepEscalations(escalationDeps),
    retryDeliveries: () => dispatcher.retryDue(),
    startJobs: () => [
      startIntervalJob(
        'escalation-sweep',
        settings.ESCALATION_SWEEP_INTERVAL_MS,
        () => sweepEscalations(escalationDeps),
        logger,
      ),
      startIntervalJob(
        'delivery-retry',
        settings.DELIVERY_RETRY_INTERVAL_MS,
        () => dispatcher.retryDue(),
        logger,
      ),
    ],
    close: () => email.close(),
  };
}
