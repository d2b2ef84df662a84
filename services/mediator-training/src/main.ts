// Composition root: config → logger → infrastructure → the service (service.ts) → listen → start;
// an orderly shutdown on SIGTERM/SIGINT.
import { authOptionsFromConfig, createTokenVerifier } from '@kelisim/service-kit/auth';
import { httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { FieldCipher, keyRingFrom } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { closeOnSignals, connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { serviceConfigSchema } from './config.ts';
import { buildService } from './service.ts';

const config = parseConfig(serviceConfigSchema, process.env);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
const infra = await connectServiceInfrastructure(config, logger);
const service = await buildService({
  settings: config,
  connections: infra,
  logger,
  auth: createTokenVerifier(authOptionsFromConfig(config)),
  httpGuards: httpGuardsFromConfig(config),
  cipher: new FieldCipher(keyRingFrom(config)),
});
await service.app.listen({ host: config.HOST, port: config.PORT });
await service.start();
logger.info({ port: config.PORT }, 'mediator-training started');

closeOnSignals(logger, [() => service.stop(), () => infra.close()]);
