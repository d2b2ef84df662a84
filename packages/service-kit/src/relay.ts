// The outbox relay (DESIGN.md §4, docs/adr/0004): publishes commits in stream order, then deletes
// their outbox pointers. A commit this instance appended is handed over in memory and published
// at once, without a query; polling the (small) outbox is the fallback that finds the commits of
// a crashed instance, a failed hand-over, or a restart. A failed publish is retried without limit,
// because a commit must never be lost: at worst an event is published twice, which consumers
// absorb (they skip event ids already processed) and which the idempotent producer already limits.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { context, type Span } from '@opentelemetry/api';
import type { Message, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Commit, CommitLog, OutboxEntry } from './commit-log.ts';
import { endSpans, injectTraceHeaders, startPublishSpan } from './trace-context.ts';

export type RelayOptions = {
  // biome-ignore lint/suspicious/noExplicitAny: a relay serves commit logs of any state type
  logs: CommitLog<any>[];
  producer: Producer;
  topicFor: (event: EventEnvelope) => string;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /**
   * The poll leaves younger pointers to the instance writing them (it hands them over in memory),
   * so that a commit is not published by two relays at once.
   */
  recoverAfterMs?: number;
  /** A pointer whose commit is still missing after this long is a crash's leftover: deleted. */
  orphanAfterMs?: number;
  /** Commits held in memory at most (Kafka down): beyond, the outbox poll publishes them later. */
  maxHandedOver?: number;
  clock?: () => Date;
};

/**
 * The CloudEvents Kafka protocol binding, structured content mode: the value is the whole event in
 * JSON and the content type says so, which is how a standard consumer (the SDKs' Kafka bindings,
 * Knative, Dapr) recognises an event. The key is the subject, so one aggregate's events keep
 * their order in one partition.
 */
export const cloudEventsContentType = 'application/cloudevents+json; charset=UTF-8';

/** The message of one event; the active trace context (a publish span's) goes in its headers. */
export function toKafkaMessage(event: EventEnvelope): Message {
  const headers = { 'content-type': cloudEventsContentType };
  injectTraceHeaders(headers);
  return { key: event.subject, value: JSON.stringify(event), headers };
}

// biome-ignore lint/suspicious/noExplicitAny: see RelayOptions.logs
type AnyLog = CommitLog<any>;

export type PublishedListener = (
  log: AnyLog,
  commits: readonly Commit<unknown>[],
  acknowledgedAt: number,
) => void;

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private nextPollAt = 0;
  /** Commits appended by this instance, by log, in commit order, waiting to be published. */
  private readonly handedOver = new Map<AnyLog, Commit<unknown>[]>();
  /** When this relay's poll first saw each pointer still pending, by log (see agesOf). */
  private readonly firstSeen = new Map<AnyLog, Map<string, number>>();
  private readonly unsubscribe: Array<() => void>;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly recoverAfterMs: number;
  private readonly orphanAfterMs: number;
  private readonly maxHandedOver: number;
  private readonly clock: () => Date;
  /** Counts for metrics and tests: commits and events published since start, failed attempts. */
  readonly stats = { commits: 0, events: 0, failures: 0, recovered: 0 };
  private readonly publishedListeners = new Set<PublishedListener>();

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.recoverAfterMs = options.recoverAfterMs ?? 5_000;
    this.orphanAfterMs = options.orphanAfterMs ?? 10 * 60_000;
    this.maxHandedOver = options.maxHandedOver ?? 10_000;
    this.clock = options.clock ?? (() => new Date());
    this.unsubscribe = options.logs.map((log) =>
      log.onCommitted((commit: Commit<unknown>) => this.handOver(log, commit)),
    );
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
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.wakeUp?.();
    await this.loop;
  }

  private handOver(log: AnyLog, commit: Commit<unknown>): void {
    const queue = this.handedOver.get(log) ?? [];
    // Past the bound the pointer alone carries the commit: the poll publishes it.
    if (queue.length >= this.maxHandedOver) return;
    queue.push(commit);
    this.handedOver.set(log, queue);
    this.wake();
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    while (this.running) {
      try {
        let published = await this.publishHandedOver();
        if (Date.now() >= this.nextPollAt) {
          this.nextPollAt = Date.now() + this.pollIntervalMs;
          published += await this.recover();
        }
        backoffMs = 100;
        if (published === 0) await this.idle(Math.max(0, this.nextPollAt - Date.now()));
      } catch (error) {
        this.stats.failures += 1;
        this.options.logger.warn({ err: error, retryInMs: backoffMs }, 'relay: publish failed; will retry');
        await this.idle(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.maxBackoffMs);
      }
    }
  }

  /** One pass: what was handed over, then the outbox; returns the number of commits published. */
  async publishOnce(): Promise<number> {
    return (await this.publishHandedOver()) + (await this.recover());
  }

  private async publishHandedOver(): Promise<number> {
    let total = 0;
    for (const [log, queue] of this.handedOver) {
      while (queue.length > 0) {
        const batch = queue.splice(0, this.batchSize);
        try {
          await this.publish(log, batch);
        } catch (error) {
          queue.unshift(...batch);
          throw error;
        }
        total += batch.length;
      }
    }
    return total;
  }

  /** Publishes the commits the outbox still points at and this instance does not hold. */
  private async recover(): Promise<number> {
    let total = 0;
    for (const log of this.options.logs) {
      const pending = await log.pending(this.batchSize);
      // Only now: a commit may have been handed over while the query ran.
      const held = new Set((this.handedOver.get(log) ?? []).map((commit) => commit._id));
      const now = this.clock().getTime();
      const age = this.agesOf(log, pending, now);
      const entries = pending.filter(
        (entry) => !held.has(entry._id) && !log.isAppending(entry._id) && age(entry) >= this.recoverAfterMs,
      );
      const batch: Commit<unknown>[] = [];
      const orphans: string[] = [];
      const found = new Map((await log.commitsOf(entries)).map((commit) => [commit._id, commit]));
      for (const entry of entries) {
        const commit = found.get(entry._id);
        if (commit) batch.push(commit);
        else if (age(entry) > this.orphanAfterMs) orphans.push(entry._id);
      }
      // Repair first: a crash between a commit and its read-model update must not leave the read
      // model behind an event that consumers already see.
      for (const commit of batch) await log.repair(commit);
      if (batch.length > 0) await this.publish(log, batch);
      if (orphans.length > 0) {
        this.options.logger.warn(
          { count: orphans.length, log: log.name },
          'relay: dropped pointers to commits never written',
        );
        await log.markPublished(orphans);
      }
      this.stats.recovered += batch.length;
      total += batch.length;
    }
    return total;
  }

  /**
   * How old a pointer is: by its commit's clock, or by how long this relay has seen it, whichever
   * is more. The second covers another instance's clock running ahead (or a test's clock set in
   * the future), which would otherwise keep its commits from ever looking old enough.
   */
  private agesOf(log: AnyLog, pending: OutboxEntry[], now: number): (entry: OutboxEntry) => number {
    const seen = this.firstSeen.get(log) ?? new Map<string, number>();
    const current = new Map(pending.map((entry) => [entry._id, seen.get(entry._id) ?? now]));
    this.firstSeen.set(log, current);
    return (entry) => Math.max(now - entry.committedAt.getTime(), now - (current.get(entry._id) ?? now));
  }

  private async publish(log: AnyLog, commits: Commit<unknown>[]): Promise<void> {
    // Within a stream, versions decide the order, whatever the committing instances' clocks said.
    const batch = [...commits].sort((a, b) =>
      a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1,
    );
    const byTopic = new Map<string, Message[]>();
    // One publish span per commit, the child of the command that committed it (its stored context).
    const spans: Span[] = [];
    for (const commit of batch) {
      const first = commit.events[0];
      if (!first) continue;
      const publish = startPublishSpan(this.options.topicFor(first), commit.traceContext, {
        'messaging.batch.message_count': commit.events.length,
        'kelisim.commit.id': commit._id,
      });
      spans.push(publish.span);
      context.with(publish.context, () => {
        for (const event of commit.events) {
          const topic = this.options.topicFor(event);
          const messages = byTopic.get(topic) ?? [];
          messages.push(toKafkaMessage(event));
          byTopic.set(topic, messages);
        }
      });
    }
    if (byTopic.size > 0) {
      try {
        await this.options.producer.sendBatch({
          // Acknowledged once every in-sync replica has it (min.insync.replicas=2 on a three-node
          // cluster): a commit marked published is never lost with one broker.
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
      } catch (error) {
        endSpans(spans, error);
        throw error;
      }
    }
    endSpans(spans);
    const acknowledgedAt = Date.now();
    await log.markPublished(batch.map((commit) => commit._id));
    this.stats.commits += batch.length;
    this.stats.events += batch.reduce((sum, commit) => sum + commit.events.length, 0);
    for (const listener of this.publishedListeners) listener(log, batch, acknowledgedAt);
  }

  /** The commit logs this relay publishes. */
  get logs(): readonly AnyLog[] {
    return this.options.logs;
  }

  /** Called after each publish Kafka acknowledged, with the wall-clock time of the acknowledgement. */
  onPublished(listener: PublishedListener): () => void {
    this.publishedListeners.add(listener);
    return () => this.publishedListeners.delete(listener);
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
