// Kafka clients: kafkajs with its logs routed into the service's pino logger, topics created
// at start (with their dead-letter twins), and the producer settings the outbox relies on.
import { deadLetterTopicName, type EventFamily, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { type Admin, Kafka, type logCreator, logLevel, type Producer } from 'kafkajs';
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
 * flight keeps the order of events per aggregate (key) even across retries.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
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
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}

export async function kafkaReachable(admin: Admin): Promise<boolean> {
  try {
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  }
}
