// A broadcast consumer: every process reads every event of a family for itself, where a service's
// consumer (service-consumer.ts) shares a group so that each event is handled once. For state
// kept in memory per process, such as the clients of a live stream connected to this instance
// (ADR 0018). Its group is its own (a random suffix per start), it starts at the latest offset and
// commits none, so the broker forgets the group once the process leaves. Nothing is written and
// nothing is retried: a message that cannot be parsed or handled is logged and skipped, never
// dead-lettered (the service's own consumer does that for the same topic).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventType, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { type EventFamily, topicName } from '@kelisim/contracts/topics';
import type { Kafka, KafkaMessage } from 'kafkajs';
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import { defaultMaxMessageBytes, type EventOfType } from './consumer.ts';
import { restartOnCrash } from './consumer-restart.ts';

export type BroadcastConsumerOptions<T extends EventType> = {
  kafka: Kafka;
  topicPrefix: string;
  /** What the group is for, e.g. `notifications-live`; the group id adds a suffix of its own. */
  name: string;
  family: EventFamily;
  /** The types passed on; other events of the family are skipped unparsed. */
  types: readonly T[];
  onEvent: (event: EventOfType<T>) => void | Promise<void>;
  logger: Logger;
};

const firstFetchTimeoutMs = 30_000;

export type BroadcastStats = { received: number; skipped: number; failed: number };

export type RunningBroadcast = { groupId: string; stats: BroadcastStats; stop: () => Promise<void> };

export async function startBroadcastConsumer<T extends EventType>(
  options: BroadcastConsumerOptions<T>,
): Promise<RunningBroadcast> {
  const { kafka, logger } = options;
  const groupId = `${options.topicPrefix}${options.name}.${randomUUID()}`;
  const topic = topicName(options.topicPrefix, options.family);
  const wanted = new Set<string>(options.types);
  const stats: BroadcastStats = { received: 0, skipped: 0, failed: 0 };
  // A short fetch wait: the first fetch, which `start` waits for, returns no later than this.
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: 1_000,
  });

  const skip = (message: KafkaMessage, partition: number, reason: string) => {
    stats.skipped += 1;
    // Where, not what: the value may be anything a producer sent.
    logger.warn({ groupId, topic, partition, offset: message.offset, reason }, 'broadcast: message skipped');
  };

  async function handle(message: KafkaMessage, partition: number) {
    const size = message.value?.length ?? 0;
    if (size > defaultMaxMessageBytes) return skip(message, partition, 'oversize');
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return skip(message, partition, 'invalid-json');
    }
    // Most of a family's events are not wanted (deliveries): skipped before validation.
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : null;
    if (typeof type !== 'string' || !wanted.has(type)) return;
    const parsed = parseEnvelope(raw, { family: options.family });
    if (!parsed.ok) return skip(message, partition, parsed.reason);
    try {
      await options.onEvent(parsed.event as EventOfType<T>);
      stats.received += 1;
    } catch (error) {
      stats.failed += 1;
      logger.error({ groupId, eventId: parsed.event.id, err: error }, 'broadcast: handler failed');
    }
  }

  async function begin() {
    await consumer.connect();
    // Only what happens from now on: a process that starts has nobody to tell about the past.
    await pRetry(() => consumer.subscribe({ topics: [topic], fromBeginning: false }), {
      retries: 8,
      minTimeout: 250,
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ message, partition }) => handle(message, partition),
    });
  }

  // The latest offsets are looked up by the first fetch, not by `run`: until it has happened, an
  // event published now could fall before them and never be seen.
  const firstFetch = new Promise<void>((resolve) => {
    const remove = consumer.on(consumer.events.FETCH, () => {
      remove();
      resolve();
    });
  });
  const restarts = restartOnCrash(consumer, begin, logger, groupId);
  await begin();
  const waited = await Promise.race([
    firstFetch.then(() => true),
    sleep(firstFetchTimeoutMs, false, { ref: false }),
  ]);
  if (!waited) logger.warn({ groupId }, 'broadcast: no fetch yet; events of the next moments may be missed');

  return {
    groupId,
    stats,
    stop: async () => {
      restarts.stopping();
      await consumer.disconnect();
    },
  };
}
