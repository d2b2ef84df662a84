// Kafka clients: kafkajs with its logs routed into the service's pino logger, topics created
// at start (with their dead-letter twins), and the producer settings the outbox relies on.
import { deadLetterTopicName, type EventFamily, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { type Admin, Kafka, type logCreator, logLevel, Partitioners, type Producer } from 'kafkajs';
import pRetry from 'p-retry';
import type { Logger } from 'pino';

export type KafkaOptions = { clientId: string; brokers: string[]; logger: Logger };

function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      const child = { ...extra, component: 'kafkajs' };
      if (level === logLevel.ERROR) logger.error(child, message);
      else if (level === logLevel.WARN) logger.warn(child, message);
      else logger.debug(child, message);
    };
}

export function createKafka({ clientId, brokers, logger }: KafkaOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger),
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * An idempotent producer: the broker drops duplicates of a retried send, and one request in
 * flight keeps the order of events per aggregate (key) even across retries. Idempotence needs
 * `acks: -1` (all in-sync replicas), which every send of the relay and the dead-letter path names.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // kafkajs 2's default (murmur2, as the Java client): named, so it does not warn at every start.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/**
 * Connects the idempotent producer, waiting out a cluster that is not ready for it yet. On a
 * cluster whose nodes have just started, the coordinator that hands out producer ids is still
 * loading its log ("The coordinator is loading", replicated three times) for longer than kafkajs's
 * own retries, which then give up for good; a service starting beside it would exit.
 */
export async function connectProducer(producer: Producer, logger: Logger, retries = 12): Promise<void> {
  await pRetry(() => producer.connect(), {
    retries,
    minTimeout: 1_000,
    maxTimeout: 10_000,
    onFailedAttempt: (failure) => {
      logger.warn(
        { err: failure, attempt: failure.attemptNumber },
        'kafka: the producer could not connect yet; retrying',
      );
    },
  });
}

export type TopicOptions = { prefix: string; partitions: number; families?: readonly EventFamily[] };

/** Creates every family's topic and its dead-letter twin; existing topics are left as they are. */
export async function ensureTopics(
  kafka: Kafka,
  { prefix, partitions, families = eventFamilies }: TopicOptions,
) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = families.flatMap((family) => [
      topicName(prefix, family),
      deadLetterTopicName(prefix, family),
    ]);
    const missing = wanted.filter((topic) => !existing.has(topic));
    await createTopics(
      admin,
      missing.map((topic) => ({ topic, numPartitions: partitions })),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates topics and waits for their leaders. A broker that has just started (or is busy) can
 * answer the metadata check with "does not host this topic-partition" after kafkajs's own retries
 * run out; the topic is there a moment later, so the whole step is retried.
 */
export async function createTopics(admin: Admin, topics: Array<{ topic: string; numPartitions: number }>) {
  if (topics.length === 0) return;
  await pRetry(
    () =>
      admin.createTopics({
        topics: topics.map((t) => ({ ...t, replicationFactor: -1 })),
        waitForLeaders: true,
      }),
    { retries: 5, minTimeout: 500 },
  );
  // Leaders are elected before every listener's metadata shows the topic; a client that
  // subscribes in between is told the topic does not exist. Wait until the metadata agrees.
  await pRetry(() => admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) }), {
    retries: 8,
    minTimeout: 250,
  });
}

export async function kafkaReachable(admin: Admin): Promise<boolean> {
  try {
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  }
}
