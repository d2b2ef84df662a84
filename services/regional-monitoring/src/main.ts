// Composition root: config → logger → MongoDB and Kafka → stores → app → listen → relay,
// consumer and overdue sweep; an orderly shutdown on SIGTERM/SIGINT.
import { authOptionsFromConfig, createTokenVerifier } from '@kelisim/service-kit/auth';
import { httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { startIntervalJob } from '@kelisim/service-kit/interval-job';
import { createLogger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { closeOnSignals, connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import { configSchema } from './config.ts';
import { startMonitoringConsumer } from './events/consumer.ts';
import { sweepOverdue } from './jobs/overdue-sweep.ts';
import { refreshStaleRisks } from './jobs/risk-refresh.ts';
import { commitLogsOf, createStores, prepareStores } from './store/stores.ts';

const config = parseConfig(configSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const clock = () => new Date();

const infra = await connectServiceInfrastructure(config, logger);
const stores = createStores(infra.connection);
await prepareStores(stores, clock());

const relay = new OutboxRelay({
  logs: commitLogsOf(stores),
  producer: infra.producer,
  topicFor: infra.topicFor,
  logger,
});
const wakeRelay = () => relay.wake();
const app = await buildApp({
  logger,
  auth: createTokenVerifier(authOptionsFromConfig(config)),
  readiness: infra.readiness,
  httpGuards: httpGuardsFromConfig(config),
  stores,
  cipher: new FieldCipher(keyRingFrom(config)),
  wakeRelay,
  clock,
  windowDays: config.RISK_WINDOW_DAYS,
});
await app.listen({ host: config.HOST, port: config.PORT });
relay.start();

const consumer = await startMonitoringConsumer({
  kafka: infra.kafka,
  producer: infra.producer,
  connection: infra.connection,
  logger,
  topicPrefix: config.TOPIC_PREFIX,
  groupId: `${config.TOPIC_PREFIX}${config.SERVICE_NAME}`,
  stores,
  clock,
  windowDays: config.RISK_WINDOW_DAYS,
  wakeRelay,
});
const jobDeps = { stores, clock, wakeRelay, logger, windowDays: config.RISK_WINDOW_DAYS };
const refreshMs = config.RISK_REFRESH_SECONDS * 1000;
const jobs = [
  startIntervalJob(
    'overdue-sweep',
    config.OVERDUE_SWEEP_SECONDS * 1000,
    () => sweepOverdue(jobDeps),
    logger,
    {
      runAtStart: true,
    },
  ),
  startIntervalJob('risk-refresh', refreshMs, () => refreshStaleRisks(jobDeps, refreshMs), logger, {
    runAtStart: true,
  }),
];
logger.info({ port: config.PORT }, 'regional-monitoring started');

closeOnSignals(logger, [
  () => app.close(),
  () => consumer.stop(),
  ...jobs.map((job) => job.stop),
  () => relay.stop(),
  () => infra.close(),
]);
