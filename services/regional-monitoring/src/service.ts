// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the commit logs, the app, the consumer and the jobs (overdue sweep, risk
// refresh).
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import type { Logger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import type { ServiceConnections } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { regionalMonitoringConsumer } from './events/consumer.ts';
import { sweepOverdue } from './jobs/overdue-sweep.ts';
import { refreshStaleRisks } from './jobs/risk-refresh.ts';
import { commitLogsOf, createStores, prepareStores, type Stores } from './store/stores.ts';

export type ServiceSettings = Pick<
  Config,
  'RISK_WINDOW_DAYS' | 'OVERDUE_SWEEP_SECONDS' | 'RISK_REFRESH_SECONDS'
>;

export type ServiceInputs = {
  settings: ServiceSettings;
  connections: ServiceConnections;
  logger: Logger;
  auth: TokenVerifier;
  /** Rate limits and load shedding from the environment; the kit's defaults without. */
  httpGuards?: HttpGuards;
  cipher: FieldCipher;
  clock?: () => Date;
  /** How often the relay looks for commits it was not woken for (tests shorten it). */
  relayPollIntervalMs?: number;
};

export type RegionalMonitoringService = {
  app: HttpApp;
  relay: OutboxRelay;
  stores: Stores;
  /** The consumer alone (`start` starts it too), with an own logger if given. */
  startConsumer: (logger?: Logger) => Promise<RunningConsumer>;
  /** The relay, the consumer and the jobs. */
  start: () => Promise<void>;
  /** The app, then what `start` started, in the order that loses no work. */
  stop: () => Promise<void>;
};

/** The service over its connections, its stores prepared; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<RegionalMonitoringService> {
  const { settings, connections, logger } = inputs;
  const clock = inputs.clock ?? (() => new Date());
  const windowDays = settings.RISK_WINDOW_DAYS;
  const stores = createStores(connections.connection);
  await prepareStores(stores, clock());
  const relay = new OutboxRelay({
    logs: commitLogsOf(stores),
    producer: connections.producer,
    topicFor: connections.topicFor,
    logger,
    ...(inputs.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: inputs.relayPollIntervalMs }),
  });
  const wakeRelay = () => relay.wake();
  const app = await buildApp({
    logger,
    auth: inputs.auth,
    readiness: connections.readiness,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
    stores,
    cipher: inputs.cipher,
    wakeRelay,
    clock,
    windowDays,
  });
  const startConsumer = (consumerLogger = logger) =>
    startServiceConsumer(
      regionalMonitoringConsumer,
      { stores, clock, windowDays, wakeRelay },
      { ...connections, logger: consumerLogger },
    );
  let consumer: RunningConsumer | null = null;
  let jobs: IntervalJob[] = [];

  return {
    app,
    relay,
    stores,
    startConsumer,
    start: async () => {
      relay.start();
      consumer = await startConsumer();
      const jobDeps = { stores, clock, wakeRelay, logger, windowDays };
      const refreshMs = settings.RISK_REFRESH_SECONDS * 1000;
      jobs = [
        startIntervalJob(
          'overdue-sweep',
          settings.OVERDUE_SWEEP_SECONDS * 1000,
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
    },
    stop: async () => {
      await app.close();
      await consumer?.stop();
      await Promise.all(jobs.map((job) => job.stop()));
      await relay.stop();
    },
  };
}
