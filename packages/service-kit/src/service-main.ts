// The composition root every service's main.ts is: config → logger → infrastructure → the service
// (its own service.ts) → listen → start; an orderly shutdown on SIGTERM/SIGINT. Written once, so
// that a service's main.ts only names its config schema and its buildService.
import type { z } from 'zod';
import { authOptionsFromConfig, createTokenVerifier, type TokenVerifier } from './auth.ts';
import { type BaseServiceConfig, type HttpGuards, httpGuardsFromConfig, parseConfig } from './config.ts';
import { FieldCipher, keyRingFrom } from './field-crypto.ts';
import type { HttpApp } from './http.ts';
import { createLogger, type Logger } from './log.ts';
import { closeOnSignals, connectServiceInfrastructure, type ServiceConnections } from './service-runtime.ts';

type ServiceConfig = BaseServiceConfig & Parameters<typeof keyRingFrom>[0];

/** What main.ts hands a service's buildService. */
export type ServiceMainInputs<C> = {
  settings: C;
  connections: ServiceConnections;
  logger: Logger;
  auth: TokenVerifier;
  httpGuards: HttpGuards;
  cipher: FieldCipher;
};

export type RunnableService = { app: HttpApp; start: () => Promise<void>; stop: () => Promise<void> };

export async function runService<S extends z.ZodType<ServiceConfig>>(
  configSchema: S,
  buildService: (inputs: ServiceMainInputs<z.output<S>>) => Promise<RunnableService>,
): Promise<void> {
  const config = parseConfig(configSchema, process.env);
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
  logger.info({ service: config.SERVICE_NAME, port: config.PORT }, 'service started');
  closeOnSignals(logger, [() => service.stop(), () => infra.close()]);
}
