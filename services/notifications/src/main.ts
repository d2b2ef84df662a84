// Composition root: config → logger → mongo + kafka → indexes → app → listen → relay, consumer,
// jobs; an orderly shutdown on SIGTERM/SIGINT.
import { authOptionsFromConfig, createTokenVerifier } from '@kelisim/service-kit/auth';
import { httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { closeOnSignals, connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { notificationsConfigSchema } from './config.ts';
import { createNotificationsService } from './service.ts';

const config = parseConfig(notificationsConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const infra = await connectServiceInfrastructure(config, logger);
const service = await createNotificationsService({
  settings: config,
  connection: infra.connection,
  kafka: infra.kafka,
  producer: infra.producer,
  topicFor: infra.topicFor,
  logger,
  auth: createTokenVerifier(authOptionsFromConfig(config)),
  readiness: infra.readiness,
  httpGuards: httpGuardsFromConfig(config),
  cipher: new FieldCipher(keyRingFrom(config)),
});
await service.ensureIndexes();
await service.app.listen({ host: config.HOST, port: config.PORT });
service.relay.start();
const consumer = await service.startConsumer();
const jobs = service.startJobs();
logger.info({ port: config.PORT }, 'notifications started');

closeOnSignals(logger, [
  () => service.app.close(),
  () => consumer.stop(),
  () => Promise.all(jobs.map((job) => job.stop())),
  () => service.dispatcher.settled(),
  () => service.relay.stop(),
  async () => service.close(),
  () => infra.close(),
]);
