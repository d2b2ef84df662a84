// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the commit logs, the app, the `cases` consumer and the expiry sweep.
import { newEventId } from '@kelisim/contracts/envelope';
import type { HttpApp } from '@kelisim/service-kit/http';
import { JobTurns } from '@kelisim/service-kit/job-turns';
import type { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import {
  type ServiceInputs as KitServiceInputs,
  relayOf,
  type ServiceLifecycle,
  serviceLifecycle,
} from '@kelisim/service-kit/service-lifecycle';
import { buildApp } from './app.ts';
import type { ServiceConfig } from './config.ts';
import { mediatorTrainingConsumer } from './events/consumer.ts';
import { scheduleExpirySweep } from './jobs/expiry-sweep.ts';
import { createStores, type Stores } from './store/stores.ts';

export type ServiceSettings = Pick<ServiceConfig, 'EXPIRY_SWEEP_INTERVAL_MS'>;

export type ServiceInputs = KitServiceInputs<ServiceSettings>;

export type MediatorTrainingService = {
  app: HttpApp;
  relay: OutboxRelay;
  stores: Stores;
} & ServiceLifecycle;

/** The service over its connections, its indexes ensured; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<MediatorTrainingService> {
  const { settings, connections, logger } = inputs;
  const clock = inputs.clock ?? (() => new Date());
  const stores = createStores(connections.connection);
  await stores.ensureIndexes();
  const relay = relayOf(stores.logs, inputs);
  const app = await buildApp({
    logger,
    auth: inputs.auth,
    readiness: connections.readiness,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
    stores,
    cipher: inputs.cipher,
    relay,
    clock,
    newId: newEventId,
  });
  const startConsumer = (consumerLogger = logger) =>
    startServiceConsumer(
      mediatorTrainingConsumer,
      { practice: stores.practice, clock },
      { ...connections, logger: consumerLogger },
    );
  return {
    app,
    relay,
    stores,
    ...serviceLifecycle({
      app,
      relay,
      startConsumer,
      startJobs: () => [
        scheduleExpirySweep(
          { enrolments: stores.enrolments, clock, newId: newEventId, logger, wake: () => relay.wake() },
          settings.EXPIRY_SWEEP_INTERVAL_MS,
          new JobTurns(connections.connection, clock),
        ),
      ],
    }),
  };
}
