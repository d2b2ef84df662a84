// Composition root: config → logger → MongoDB and Kafka → indexes → app → listen → relay,
// consumer and expiry sweep; an orderly shutdown on SIGTERM/SIGINT.
import { newEventId } from '@kelisim/contracts/envelope';
import { authOptionsFromConfig, createTokenVerifier } from '@kelisim/service-kit/auth';
import { httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { closeOnSignals, connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import { serviceConfigSchema } from './config.ts';
import { startCaseConsumer } from './events/consumers.ts';
import { scheduleExpirySweep } from './jobs/expiry-sweep.ts';
import { createStores } from './store/stores.ts';

const config = parseConfig(serviceConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const infra = await connectServiceInfrastructure(config, logger);
const stores = createStores(infra.connection);
await stores.ensureIndexes();

const clock = () => new Date();
const relay = new OutboxRelay({
  logs: stores.logs,
  producer: infra.producer,
  topicFor: infra.topicFor,
  logger,
});
const app = await buildApp({
  logger,
  auth: createTokenVerifier(authOptionsFromConfig(config)),
  readiness: infra.readiness,
  httpGuards: httpGuardsFromConfig(config),
  stores,
  cipher: new FieldCipher(keyRingFrom(config)),
  relay,
  clock,
  newId: newEventId,
});
await app.listen({ host: config.HOST, port: config.PORT });
relay.start();
const consumer = await startCaseConsumer({
  kafka: infra.kafka,
  producer: infra.producer,
  connection: infra.connection,
  logger,
  topicPrefix: config.TOPIC_PREFIX,
  groupId: `${config.TOPIC_PREFIX}${config.SERVICE_NAME}`,
  practice: stores.practice,
  clock,
});
const sweep = scheduleExpirySweep(
  { enrolments: stores.enrolments, clock, newId: newEventId, logger, wake: () => relay.wake() },
  config.EXPIRY_SWEEP_INTERVAL_MS,
);

closeOnSignals(logger, [
  () => app.close(),
  () => consumer.stop(),
  () => sweep.stop(),
  () => relay.stop(),
  () => infra.close(),
]);
