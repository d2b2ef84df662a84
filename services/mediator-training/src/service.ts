// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the commit logs, the app, the `cases` consumer and the expiry sweep.
import { newEventId } from '@kelisim/contracts/envelope';
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { IntervalJob } from '@kelisim/service-kit/interval-job';
import type { Logger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import type { ServiceConnections } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import type { ServiceConfig } from './config.ts';
import { mediatorTrainingConsumer } from './events/consumer.ts';
import { scheduleExpirySweep } from './jobs/expiry-sweep.ts';
import { createStores, type Stores } from './store/stores.ts';

export type ServiceSettings = Pick<ServiceConfig, 'EXPIRY_SWEEP_INTERVAL_MS'>;

export type ServiceInputs = {
  settings: ServiceSettings;
  connections: ServiceConnections;
  logger: Logger;
  auth: TokenVerifier;
  /** Rate limits and load shedding from the environment; the kit's defaults without. */
  httpGuards?: HttpGuards;
  cipher: FieldCipher;
  clock?: () => Date;
};

export type MediatorTrainingService = {
  app: HttpApp;
  relay: OutboxRelay;
  stores: Stores;
  /** The consumer alone (`start` starts it too), with an own logger if given. */
  startConsumer: (logger?: Logger) => Promise<RunningConsumer>;
  /** The relay, the consumer and the expiry sweep. */
  start: () => Promise<void>;
  /** The app, then what `start` started, in the order that loses no work. */
  stop: () => Promise<void>;
};

/** The service over its connections, its indexes ensured; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<MediatorTrainingService> {
  const { settings, connections, logger } = inputs;
  const clock = inputs.clock ?? (() => new Date());
  const stores = createStores(connections.connection);
  await stores.ensureIndexes();
  const relay = new OutboxRelay({
    logs: stores.logs,
    producer: connections.producer,
    topicFor: connections.topicFor,
    logger,
  });
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
  let consumer: RunningConsumer | null = null;
  let sweep: IntervalJob | null = null;

  return {
    app,
    relay,
    stores,
    startConsumer,
    start: async () => {
      relay.start();
      consumer = await startConsumer();
      sweep = scheduleExpirySweep(
        { enrolments: stores.enrolments, clock, newId: newEventId, logger, wake: () => relay.wake() },
        settings.EXPIRY_SWEEP_INTERVAL_MS,
      );
    },
    stop: async () => {
      await app.close();
      await consumer?.stop();
      await sweep?.stop();
      await relay.stop();
    },
  };
}
