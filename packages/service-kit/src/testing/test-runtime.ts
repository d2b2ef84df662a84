// Real dependencies for one integration test file: a MongoDB database and Kafka topics of its
// own (from testInfrastructure), a quiet logger, and a teardown that drops what it created.
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { type Logger, pino } from 'pino';
import { createIdempotentProducer, createKafka, ensureTopics } from '../kafka.ts';
import { connectMongo } from '../mongo.ts';
import { type ServiceConnections, topicRouter } from '../service-runtime.ts';
import { type TestInfrastructure, testInfrastructure } from './test-infrastructure.ts';

export type TestRuntime = {
  infra: TestInfrastructure;
  logger: Logger;
  connection: Connection;
  kafka: Kafka;
  producer: Producer;
  /** What a service's `buildService` takes; readiness always answers ready. */
  connections: ServiceConnections;
  close: () => Promise<void>;
};

/** `monitorCommands` makes the client emit the driver's command events (query-plans.ts records them). */
export async function startTestRuntime(
  label: string,
  { partitions = 3, monitorCommands = false } = {},
): Promise<TestRuntime> {
  const infra = testInfrastructure(label);
  const logger = pino({ level: process.env.KELISIM_TEST_LOG_LEVEL ?? 'silent' });
  const connection = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName, monitorCommands });
  const kafka = createKafka({ clientId: `test-${label}`, brokers: infra.kafkaBrokers, logger });
  await ensureTopics(kafka, { prefix: infra.topicPrefix, partitions });
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  return {
    infra,
    logger,
    connection,
    kafka,
    producer,
    connections: {
      connection,
      kafka,
      producer,
      readiness: async () => ({ mongo: true, kafka: true }),
      topicPrefix: infra.topicPrefix,
      topicFor: topicRouter(infra.topicPrefix),
    },
    close: async () => {
      await producer.disconnect();
      await connection.dropDatabase().catch(() => {});
      await connection.close();
    },
  };
}
