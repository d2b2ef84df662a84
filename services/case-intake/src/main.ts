// The composition root: config → logger → MongoDB and Kafka → app → listen → relay, consumer and
// sweep; an orderly shutdown on SIGTERM/SIGINT.
import { newEventId } from '@kelisim/contracts/envelope';
import { authOptionsFromConfig, createTokenVerifier } from '@kelisim/service-kit/auth';
import { httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { closeOnSignals, connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import { caseIntakeConfigSchema } from './config.ts';
import { startMediatorsConsumer } from './events/mediators-consumer.ts';
import { startFollowUpSweep } from './jobs/follow-up-due-sweep.ts';
import { startRetentionSweep } from './jobs/retention-sweep.ts';
import { CaseAuditTrail } from './store/case-audit.ts';
import { caseRunner } from './store/case-command-runner.ts';
import { CaseNumbers } from './store/case-numbers.ts';
import { CaseStore } from './store/case-store.ts';
import { MediatorReadModel } from './store/mediator-read-model.ts';

const config = parseConfig(caseIntakeConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const infra = await connectServiceInfrastructure(config, logger);

const cases = new CaseStore(infra.connection);
const mediators = new MediatorReadModel(infra.connection);
await cases.ensureIndexes();
const audit = new CaseAuditTrail(infra.connection, cases);
await audit.ensureIndexes();
await mediators.ensureIndexes();

const relay = new OutboxRelay({
  logs: [cases.log],
  producer: infra.producer,
  topicFor: infra.topicFor,
  logger,
});
const clock = () => new Date();
const app = await buildApp({
  logger,
  auth: createTokenVerifier(authOptionsFromConfig(config)),
  readiness: infra.readiness,
  cases,
  audit,
  numbers: new CaseNumbers(infra.connection),
  connection: infra.connection,
  mediators,
  cipher: new FieldCipher(keyRingFrom(config)),
  relay,
  clock,
  newId: newEventId,
  httpGuards: httpGuardsFromConfig(config),
});
await app.listen({ host: config.HOST, port: config.PORT });
relay.start();
const consumer = await startMediatorsConsumer({
  kafka: infra.kafka,
  producer: infra.producer,
  connection: infra.connection,
  logger,
  topicPrefix: config.TOPIC_PREFIX,
  groupId: `${config.TOPIC_PREFIX}${config.SERVICE_NAME}`,
  mediators,
});
const runner = caseRunner(cases, relay);
const sweep = startFollowUpSweep(
  { cases, runner, clock, newId: newEventId, logger },
  config.FOLLOW_UP_SWEEP_INTERVAL_MS,
);
const retention = startRetentionSweep(
  { cases, runner, clock, newId: newEventId, logger, retentionDays: config.RETENTION_DAYS },
  config.RETENTION_SWEEP_INTERVAL_MS,
);

closeOnSignals(logger, [
  () => app.close(),
  () => consumer.stop(),
  () => sweep.stop(),
  () => retention.stop(),
  () => relay.stop(),
  () => infra.close(),
]);
