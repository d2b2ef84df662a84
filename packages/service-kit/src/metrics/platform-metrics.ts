// The metrics every service has about the bus (docs/adr/0021): consumer lag and outcomes, the
// outbox, the relay and the sweeps, defined once on the app's registry and fed by the parts the
// service lifecycle holds. The consumer counts into its own meter and is read on scrape; the
// outbox is counted on scrape by the relay's own allowed query (docs/adr/0014: an outbox holds
// only what is not published yet); publish latency and sweep durations are observed as they happen.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CommitLog } from '../commit-log.ts';
import type { IntervalJob, JobOutcome } from '../interval-job.ts';
import type { OutboxRelay } from '../relay.ts';
import type { ConsumerMeter } from './consumer-meter.ts';

export type PlatformMetrics = {
  watchConsumer: (meter: ConsumerMeter) => void;
  watchRelay: (relay: OutboxRelay) => void;
  watchJob: (job: IntervalJob) => void;
};

// biome-ignore lint/suspicious/noExplicitAny: the outbox gauges read commit logs of any state type
type AnyLog = CommitLog<any>;

/** A scrape must answer even when the store does not: a slow count keeps the previous value. */
const storeTimeoutMs = 2_000;

const jobOutcomes: readonly JobOutcome[] = ['ran', 'skipped', 'failed'];

const byRegistry = new WeakMap<Registry, PlatformMetrics>();

/** The platform metrics on `registry`, registered once however often asked for. */
export function platformMetrics(registry: Registry): PlatformMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const created = register(registry);
  byRegistry.set(registry, created);
  return created;
}

function register(registry: Registry): PlatformMetrics {
  const meters: ConsumerMeter[] = [];
  const relays: OutboxRelay[] = [];
  const registers = [registry];

  new Counter({
    name: 'kelisim_consumer_events_total',
    help: 'Events a consumer group finished with, by event type and outcome (handled, duplicate, dead_lettered)',
    labelNames: ['group', 'type', 'outcome'] as const,
    registers,
    collect() {
      this.reset();
      for (const meter of meters) {
        for (const [type, byOutcome] of meter.outcomes) {
          for (const [outcome, count] of byOutcome) this.inc({ group: meter.groupId, type, outcome }, count);
        }
      }
    },
  });
  new Counter({
    name: 'kelisim_consumer_retries_total',
    help: "Failed attempts at handling an event that were retried, by the event's type",
    labelNames: ['group', 'type'] as const,
    registers,
    collect() {
      this.reset();
      for (const meter of meters) {
        for (const [type, count] of meter.retries) this.inc({ group: meter.groupId, type }, count);
      }
    },
  });
  new Gauge({
    name: 'kelisim_consumer_lag_messages',
    help: "Messages between a partition's high watermark and the last one this consumer processed",
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
    collect() {
      this.reset();
      for (const meter of meters) {
        for (const [topic, byPartition] of meter.lag) {
          for (const [partition, lag] of byPartition) {
            this.set({ group: meter.groupId, topic, partition: String(partition) }, lag);
          }
        }
      }
    },
  });

  const logsOf = () => relays.flatMap((relay) => relay.logs as AnyLog[]);
  new Gauge({
    name: 'kelisim_outbox_pending_commits',
    help: 'Commits written but not yet published (outbox pointers waiting), by commit log',
    labelNames: ['log'] as const,
    registers,
    async collect() {
      for (const log of logsOf()) {
        const count = await withinScrapeTimeout(log.countUnpublished());
        if (count !== undefined) this.set({ log: log.name }, count);
      }
    },
  });
  new Gauge({
    name: 'kelisim_outbox_oldest_commit_age_seconds',
    help: 'Age of the oldest commit not yet published, by commit log (0 when none waits)',
    labelNames: ['log'] as const,
    registers,
    async collect() {
      for (const log of logsOf()) {
        const oldest = await withinScrapeTimeout(log.pending(1));
        if (oldest === undefined) continue;
        const committedAt = oldest[0]?.committedAt;
        this.set(
          { log: log.name },
          committedAt ? Math.max(0, (Date.now() - committedAt.getTime()) / 1000) : 0,
        );
      }
    },
  });
  const latency = new Histogram({
    name: 'kelisim_relay_publish_latency_seconds',
    help: 'Time from a commit to Kafka acknowledging the publish of its events, by commit log',
    labelNames: ['log'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  const published = new Counter({
    name: 'kelisim_relay_published_events_total',
    help: 'Events the relay published, by commit log',
    labelNames: ['log'] as const,
    registers,
  });
  new Counter({
    name: 'kelisim_relay_publish_failures_total',
    help: 'Relay passes that failed to publish and were retried',
    registers,
    collect() {
      this.reset();
      this.inc(relays.reduce((sum, relay) => sum + relay.stats.failures, 0));
    },
  });

  const sweepDuration = new Histogram({
    name: 'kelisim_sweep_duration_seconds',
    help: "Duration of one run of a scheduled sweep, by the sweep's name",
    labelNames: ['sweep'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const sweepFailures = new Counter({
    name: 'kelisim_sweep_failures_total',
    help: "Runs of a scheduled sweep that failed (the next run retries), by the sweep's name",
    labelNames: ['sweep'] as const,
    registers,
  });
  const sweepRuns = new Counter({
    name: 'kelisim_sweep_runs_total',
    help: "Ticks of a scheduled sweep by outcome: ran, failed, or skipped (another instance had the period's turn)",
    labelNames: ['sweep', 'outcome'] as const,
    registers,
  });

  return {
    watchConsumer: (meter) => {
      meters.push(meter);
    },
    watchRelay: (relay) => {
      relays.push(relay);
      relay.onPublished((log, commits, acknowledgedAt) => {
        for (const commit of commits) {
          // A commit without events (a read model's bookkeeping) publishes nothing to time.
          if (commit.events.length === 0) continue;
          latency.observe(
            { log: log.name },
            Math.max(0, acknowledgedAt - commit.committedAt.getTime()) / 1000,
          );
          published.inc({ log: log.name }, commit.events.length);
        }
      });
    },
    watchJob: (job) => {
      sweepFailures.inc({ sweep: job.name }, 0);
      for (const outcome of jobOutcomes) sweepRuns.inc({ sweep: job.name, outcome }, 0);
      job.onRun((seconds, outcome) => {
        sweepRuns.inc({ sweep: job.name, outcome });
        if (outcome === 'skipped') return;
        sweepDuration.observe({ sweep: job.name }, seconds);
        if (outcome === 'failed') sweepFailures.inc({ sweep: job.name });
      });
    },
  };
}

/** `work`'s result, or undefined when it fails or takes longer than a scrape may wait. */
export async function withinScrapeTimeout<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), storeTimeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
