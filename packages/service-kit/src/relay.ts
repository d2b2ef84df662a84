// The outbox relay (DESIGN.md §4): publishes unpublished commits in stream order, then marks
// them published. Woken at once after a commit; polling is only the fallback that finds the
// commits of a crashed instance. A failed publish is retried without limit, because a commit
// must never be lost: at worst an event is published twice, which consumers absorb (they skip
// event ids already processed) and which the idempotent producer already limits.
import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import type { Message, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Commit, CommitLog } from './commit-log.ts';

export type RelayOptions = {
  // biome-ignore lint/suspicious/noExplicitAny: a relay serves commit logs of any state type
  logs: CommitLog<any>[];
  producer: Producer;
  topicFor: (event: EventEnvelope) => string;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  clock?: () => Date;
};

/** W3C trace context from the event: the correlation id names the trace, the event id the span. */
export function traceparentOf(event: EventEnvelope): string {
  const hex = (text: string, length: number) =>
    createHash('sha256').update(text).digest('hex').slice(0, length);
  return `00-${hex(event.correlationid, 32)}-${hex(event.id, 16)}-01`;
}

export function toKafkaMessage(event: EventEnvelope): Message {
  return {
    key: event.subject,
    value: JSON.stringify(event),
    headers: { traceparent: traceparentOf(event), 'ce-type': event.type, 'ce-id': event.id },
  };
}

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly clock: () => Date;
  /** Counts for metrics and tests: commits and events published since start, failed attempts. */
  readonly stats = { commits: 0, events: 0, failures: 0 };

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit: publish now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    while (this.running) {
      try {
        const published = await this.publishOnce();
        backoffMs = 100;
        if (published === 0) await this.idle(this.pollIntervalMs);
      } catch (error) {
        this.stats.failures += 1;
        this.options.logger.warn({ err: error, retryInMs: backoffMs }, 'relay: publish failed; will retry');
        await this.idle(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.maxBackoffMs);
      }
    }
  }

  /** One pass over every log; returns the number of commits published. */
  async publishOnce(): Promise<number> {
    let total = 0;
    for (const log of this.options.logs) {
      const batch = await log.unpublished(this.batchSize);
      if (batch.length === 0) continue;
      await this.publish(log, batch);
      total += batch.length;
    }
    return total;
  }

  // biome-ignore lint/suspicious/noExplicitAny: see RelayOptions.logs
  private async publish(log: CommitLog<any>, batch: Commit<unknown>[]): Promise<void> {
    // Repair first: a crash between a commit and its read-model update must not leave the read
    // model behind an event that consumers already see.
    for (const commit of batch) await log.project(commit);
    const byTopic = new Map<string, Message[]>();
    for (const event of batch.flatMap((commit) => commit.events)) {
      const topic = this.options.topicFor(event);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), toKafkaMessage(event)]);
    }
    if (byTopic.size > 0) {
      await this.options.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
    await log.markPublished(
      batch.map((commit) => commit._id),
      this.clock(),
    );
    this.stats.commits += batch.length;
    this.stats.events += batch.reduce((sum, commit) => sum + commit.events.length, 0);
  }

  private idle(ms: number): Promise<void> {
    if (this.pendingWake || !this.running) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        self.pendingWake = false;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
