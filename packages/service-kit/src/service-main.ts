// The composition root every service's main.ts is: config → logger → infrastructure → the service
// (its own service.ts) → listen → start; an orderly shutdown on SIGTERM/SIGINT. Written once, so
// that a service's main.ts only names its config schema and its buildService.
// First, before anything loads fastify, mongoose or kafkajs: tracing patches them as they load.
import './tracing-register.ts';
import type { z } from 'zod';
import { verifierFromConfig } from './auth.ts';
import { type BaseServiceConfig, httpGuardsFromConfig, parseConfig } from './config.ts';
import { FieldCipher, keyRingFrom } from './field-crypto.ts';
import type { HttpApp } from './http.ts';
import { createLogger } from './log.ts';
import type { ServiceInputs } from './service-lifecycle.ts';
import { closeOnSignals, connectServiceInfrastructure } from './service-runtime.ts';
import { tracing } from './tracing-register.ts';

type ServiceConfig = BaseServiceConfig & Parameters<typeof keyRingFrom>[0];

export type RunnableService = { app: HttpApp; start: () => Promise<void>; stop: () => Promise<void> };

export async function runService<S extends z.ZodType<ServiceConfig>>(
  configSchema: S,
  buildService: (inputs: ServiceInputs<z.output<S>>) => Promise<RunnableService>,
): Promise<void> {
  const config = parseConfig(configSchema, process.env);
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const infra = await connectServiceInfrastructure(config, logger);
  // Ready once started as well as connected: the consumers run (connected and subscribed) and the
  // broadcast consumers have fetched once (broadcast-consumer.ts), so an instance that takes
  // traffic also sees the events its clients are waiting for.
  let started = false;
  const service = await buildService({
    settings: config,
    connections: { ...infra, readiness: async () => ({ ...(await infra.readiness()), started }) },
    logger,
    auth: verifierFromConfig(config),
    httpGuards: httpGuardsFromConfig(config),
    cipher: new FieldCipher(keyRingFrom(config)),
  });
  await service.app.listen({ host: config.HOST, port: config.PORT });
  await service.start();
  started = true;
  logger.info({ service: config.SERVICE_NAME, port: config.PORT }, 'service started');
  // Tracing last: the spans of the shutdown itself are flushed too.
  closeOnSignals(logger, [() => service.stop(), () => infra.close(), async () => tracing?.shutdown()]);
}
