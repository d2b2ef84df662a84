import type { HttpApp } from '@kelisim/service-kit/http';
import { startIntervalJob } from '@kelisim/service-kit/interval-job';
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
import type { Config } from './config.ts';
import { regionalMonitoringConsumer } from './events/consumer.ts';
import { sweepOverdue } from './jobs/overdue-sweep.ts';
import { refreshStaleRisks } from './jobs/risk-refresh.ts';
import { commitLogsOf, createStores, prepareStores, type Stores } from './store/stores.ts';

export type ServiceSettings = Pick<
  Config,
  'RISK_WINDOW_DAYS' | 'OVERDUE_SWEEP_SECONDS' | 'RISK_REFRESH_SECONDS'
>;

export type ServiceInputs = KitServiceInputs<ServiceSettings>;

export type RegionalMonitoringService = {
  app: HttpApp;
  relay: OutboxRelay;
  stores: Stores;
} & ServiceLifecycle;

/** The service over its connections, its stores prepared; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<RegionalMonitoringService> {
  const { settings, connections, logger } = inputs;
  const clock = inputs.clock ?? (() => new Date());
  const windowDays = settings.RISK_WINDOW_DAYS;
  const stores = createStores(connections.connection);
  await prepareStores(stores, clock());
  const relay = relayOf(commitLogsOf(stores), inputs);
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
  return {
    app,
    relay,
    stores,
    ...serviceLifecycle({
      app,
      relay,
      startConsumer,
      startJobs: () => {
        const jobDeps = { stores, clock, wakeRelay, logger, windowDays };
        const refreshMs = settings.RISK_REFRESH_SECONDS * 1000;
        const turns = new JobTurns(connections.connection, clock);
        return [
          startIntervalJob(
            'overdue-sweep',
            settings.OVERDUE_SWEEP_SECONDS * 1000,
            () => sweepOverdue(jobDeps),
            logger,
            { runAtStart: true, turns },
          ),
          startIntervalJob('risk-refresh', refreshMs, () => refreshStaleRisks(jobDeps, refreshMs), logger, {
            runAtStart: true,
            turns,
          }),
        ];
      },
    }),
  };
}
