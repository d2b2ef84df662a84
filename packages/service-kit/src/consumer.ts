// The consumer runner (DESIGN.md §4): at-least-once delivery made effectively-once.
// For every message: parse and validate the envelope and payload against the contracts; skip an
// event id this group already processed; run the handler, retrying transient failures with
// backoff; send poison or invalid messages to the dead-letter topic with the reason in headers
// and move on. Offsets are resolved per message and committed by kafkajs, and on graceful
// shutdown `disconnect()` commits what was processed.
import type { EventType, KnownEvent } from '@kelisim/contracts/events/catalogue';
import type { Consumer, EachBatchHandler, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';
import { restartOnCrash } from './consumer-restart.ts';
import { ConsumerMeter, eventTypeLabel } from './metrics/consumer-meter.ts';
import { isDuplicateKeyError, isTransientMongoError, nativeCollection } from './mongo.ts';
import { inConsumerSpan } from './trace-context.ts';

export type ParsedEvent = { ok: true; event: KnownEvent } | { ok: false; reason: string; message?: string };

/** The validated event of type `T` (of one of the types, for a union): `data` is already its type. */
export type EventOfType<T extends EventType> = Extract<KnownEvent, { type: T }>;

export type HandlerContext = { logger: Logger; topic: string; partition: number; offset: string };
export type EventHandler<T extends EventType = EventType> = (
  event: EventOfType<T>,
  context: HandlerContext,
) => Promise<void>;

/** Thrown by a handler for an event that can never succeed: dead-lettered without retries. */
export class PoisonEventError extends Error {
  override name = 'PoisonEventError';
}

export type ConsumerOptions = {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Handlers by event type; types of the subscribed topics without a handler are skipped. */
  handlers: Record<string, EventHandler>;
  parse: (raw: unknown) => ParsedEvent;
  deadLetterTopicOf: (topic: string) => string;
  connection: Connection;
  producer: Producer;
  logger: Logger;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Larger messages are dead-lettered unread (reason `oversize`); events are ids and codes. */
  maxMessageBytes?: number;
  fromBeginning?: boolean;
  /**
   * Partitions handled at once (kafkajs `partitionsConsumedConcurrently`); order holds within a
   * partition. Worth raising where a handler waits on the database more than it computes.
   */
  partitionsConsumedConcurrently?: number;
};

export type ConsumerStats = {
  processed: number;
  skippedDuplicates: number;
  deadLettered: number;
  retries: number;
};

export type RunningConsumer = {
  consumer: Consumer;
  stats: ConsumerStats;
  /** Outcomes by event type and lag by partition, for the metrics (metrics/platform-metrics.ts). */
  meter: ConsumerMeter;
  stop: () => Promise<void>;
};

type ProcessedEvent = { _id: string; processedAt: Date };

// The largest event of the contracts is a few kilobytes; the HTTP body limit is 256 KiB.
export const defaultMaxMessageBytes = 256 * 1024;

export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, topics, logger } = options;
  const processed = nativeCollection<ProcessedEvent>(options.connection, 'processed_events');
  const stats: ConsumerStats = { processed: 0, skippedDuplicates: 0, deadLettered: 0, retries: 0 };
  const meter = new ConsumerMeter(groupId);
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });

  async function deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    detail = '',
    type = 'unknown',
  ) {
    await options.producer.send({
      acks: -1,
      topic: options.deadLetterTopicOf(topic),
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-reason': reason,
            'dlq-detail': detail.slice(0, 1000),
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-consumer-group': groupId,
            'dlq-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
    stats.deadLettered += 1;
    meter.counted(type, 'dead_lettered');
    logger.warn({ topic, partition, offset: message.offset, reason }, 'consumer: message dead-lettered');
  }

  async function handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ) {
    // Checked before parsing: a flood of huge values must not cost a JSON parse each (issue 10).
    const size = message.value?.length ?? 0;
    const maxBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;
    if (size > maxBytes) {
      return deadLetter(topic, partition, message, 'oversize', `${size} bytes, more than ${maxBytes}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return deadLetter(topic, partition, message, 'invalid-json');
    }
    const parsed = options.parse(raw);
    if (!parsed.ok) {
      const type = eventTypeLabel((raw as { type?: unknown } | null)?.type);
      return deadLetter(topic, partition, message, parsed.reason, parsed.message, type);
    }
    const { event } = parsed;
    const handler = options.handlers[event.type];
    if (!handler) return;

    const key = `${groupId}:${event.id}`;
    if (await processed.findOne({ _id: key })) {
      stats.skippedDuplicates += 1;
      meter.counted(event.type, 'duplicate');
      return;
    }
    const context: HandlerContext = {
      logger: logger.child({ eventId: event.id, eventType: event.type, correlationId: event.correlationid }),
      topic,
      partition,
      offset: message.offset,
    };
    try {
      await runWithRetries(() => handler(event, context), heartbeat, event.type);
    } catch (error) {
      return deadLetter(topic, partition, message, 'handler-failed', (error as Error).message, event.type);
    }
    try {
      await processed.insertOne({ _id: key, processedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    stats.processed += 1;
    meter.counted(event.type, 'handled');
  }

  // A handler error is retried a few times, then dead-lettered. An unreachable database is not the
  // event's fault: it is retried without limit, so a MongoDB restart never dead-letters good events.
  async function runWithRetries(work: () => Promise<void>, heartbeat: () => Promise<void>, type: string) {
    const maxAttempts = options.maxAttempts ?? 5;
    let attempt = 0;
    await pRetry(
      async () => {
        attempt += 1;
        try {
          await work();
        } catch (error) {
          if (error instanceof PoisonEventError) throw new AbortError(error);
          if (!isTransientMongoError(error) && attempt >= maxAttempts) throw new AbortError(error as Error);
          throw error;
        }
      },
      {
        // `forever`, not `retries: Infinity`: the underlying `retry` package precomputes one
        // timeout per retry, and an infinite count exhausts memory.
        forever: true,
        retries: 10,
        minTimeout: options.retryBaseMs ?? 100,
        maxTimeout: 5_000,
        onFailedAttempt: async () => {
          stats.retries += 1;
          meter.retried(type);
          await heartbeat().catch(() => {});
        },
      },
    );
  }

  const eachBatch: EachBatchHandler = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
    const skippedBefore = stats.skippedDuplicates;
    const first = batch.messages[0];
    if (first) meter.behind(batch.topic, batch.partition, batch.highWatermark, first.offset);
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await inConsumerSpan(
        batch.topic,
        message.headers,
        {
          'messaging.consumer.group.name': groupId,
          'messaging.destination.partition.id': String(batch.partition),
        },
        () => handle(batch.topic, batch.partition, message, heartbeat),
      );
      resolveOffset(message.offset);
      meter.behind(batch.topic, batch.partition, batch.highWatermark, String(BigInt(message.offset) + 1n));
      await heartbeat();
    }
    // Redeliveries follow a crash, a rebalance or a republish: worth an operator's attention,
    // and how the fault runs (tools/fault-run) prove that their faults landed mid-flow.
    const redelivered = stats.skippedDuplicates - skippedBefore;
    if (redelivered > 0) {
      logger.warn(
        { groupId, topic: batch.topic, partition: batch.partition, redelivered },
        'consumer: redelivered events skipped (already processed)',
      );
    }
  };

  async function begin() {
    await consumer.connect();
    // A topic created a moment ago may not be in this broker's metadata yet: retry, do not fail.
    await pRetry(() => consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true }), {
      retries: 8,
      minTimeout: 250,
    });
    await consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch,
    });
  }

  const restarts = restartOnCrash(consumer, begin, logger, groupId);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => meter.assigned(payload.memberAssignment));
  await begin();

  return {
    consumer,
    stats,
    meter,
    stop: async () => {
      restarts.stopping();
      await consumer.disconnect();
      meter.assigned({});
    },
  };
}
