// What every service's buildService (its service.ts) is given and how it runs: the relay of its
// commit logs, its broadcast consumers, its consumer and its interval jobs start together, and
// stop in the order that loses no work (no new requests, then the broadcast consumers, then the
// consumer commits what it processed, then the jobs, then the relay publishes what was
// committed). Written once; a service names only its parts.
import type { TokenVerifier } from './auth.ts';
import type { CommitLog } from './commit-log.ts';
import type { HttpGuards } from './config.ts';
import type { RunningConsumer } from './consumer.ts';
import type { FieldCipher } from './field-crypto.ts';
import type { HttpApp } from './http.ts';
import type { IntervalJob } from './interval-job.ts';
import type { Logger } from './log.ts';
import { platformMetrics } from './metrics/platform-metrics.ts';
import { OutboxRelay } from './relay.ts';
import type { ServiceConnections } from './service-runtime.ts';

export type ServiceInputs<S> = {
  settings: S;
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

/** The relay that publishes the service's commit logs. */
export function relayOf(
  // biome-ignore lint/suspicious/noExplicitAny: a relay serves commit logs of any state type
  logs: CommitLog<any>[],
  inputs: Pick<ServiceInputs<unknown>, 'connections' | 'logger' | 'relayPollIntervalMs'>,
): OutboxRelay {
  return new OutboxRelay({
    logs,
    producer: inputs.connections.producer,
    topicFor: inputs.connections.topicFor,
    logger: inputs.logger,
    ...(inputs.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: inputs.relayPollIntervalMs }),
  });
}

type Stoppable = { stop: () => Promise<unknown> };

export type ServiceLifecycle = {
  /** The consumer alone (`start` starts it too), with an own logger if given. */
  startConsumer: (logger?: Logger) => Promise<RunningConsumer>;
  /** The broadcast consumers alone (`start` starts them too). */
  startBroadcasts: () => Promise<Stoppable[]>;
  /** The relay, the broadcast consumers, the consumer and the jobs. */
  start: () => Promise<void>;
  /** The app, then what `start` started, in the order that loses no work. */
  stop: () => Promise<void>;
};

export function serviceLifecycle(parts: {
  app: HttpApp;
  relay: OutboxRelay;
  startConsumer: (logger?: Logger) => Promise<RunningConsumer>;
  /**
   * Starts the consumers every instance runs for itself (broadcast-consumer.ts), e.g. to feed the
   * live streams of the clients connected to it; before the consumer, so that they miss nothing.
   */
  startBroadcasts?: () => Promise<Stoppable[]>;
  /** Starts the interval jobs (sweeps); called by `start`, after the relay and the consumer. */
  startJobs: () => Stoppable[];
  /** Last of all, e.g. waiting for deliveries in flight and closing an SMTP pool. */
  afterStop?: () => Promise<void>;
}): ServiceLifecycle {
  let consumer: RunningConsumer | null = null;
  let broadcasts: Stoppable[] = [];
  let jobs: Stoppable[] = [];
  const startBroadcasts = async () => (await parts.startBroadcasts?.()) ?? [];
  // The bus's metrics on the app's /metrics (docs/adr/0021), fed by the parts held here.
  const metrics = platformMetrics(parts.app.metrics);
  metrics.watchRelay(parts.relay);
  const startConsumer = async (logger?: Logger) => {
    const running = await parts.startConsumer(logger);
    metrics.watchConsumer(running.meter);
    return running;
  };
  return {
    startConsumer,
    startBroadcasts,
    start: async () => {
      parts.relay.start();
      broadcasts = await startBroadcasts();
      consumer = await startConsumer();
      jobs = parts.startJobs();
      for (const job of jobs) if ('onRun' in job) metrics.watchJob(job as IntervalJob);
    },
    stop: async () => {
      await parts.app.close();
      await Promise.all(broadcasts.map((broadcast) => broadcast.stop()));
      await consumer?.stop();
      await Promise.all(jobs.map((job) => job.stop()));
      await parts.afterStop?.();
      await parts.relay.stop();
    },
  };
}
