// What every service's main.ts connects to, in one place: its MongoDB database, Kafka (topics
// ensured, an idempotent producer for the relay and the dead-letter topics, an admin client
// for readiness), and an orderly shutdown. No I/O happens at import.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { eventFamilyOf } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { BaseServiceConfig } from './config.ts';
import type { ReadinessCheck } from './http.ts';
import {
  connectProducer,
  createIdempotentProducer,
  createKafka,
  ensureTopics,
  kafkaReachable,
} from './kafka.ts';
import { connectMongo, logSlowCommands, mongoReachable, watchDatabase } from './mongo.ts';

export type ServiceInfrastructure = {
  connection: Connection;
  kafka: Kafka;
  producer: Producer;
  admin: Admin;
  readiness: ReadinessCheck;
  topicPrefix: string;
  /** The topic an event is published to: its family's, under the configured prefix. */
  topicFor: (event: EventEnvelope) => string;
  close: () => Promise<void>;
};

/**
 * What a service's `buildService` runs on: main.ts gives the infrastructure it connected, a test
 * the kit's test runtime (a database and topic prefix of its own).
 */
export type ServiceConnections = Pick<
  ServiceInfrastructure,
  'connection' | 'kafka' | 'producer' | 'readiness' | 'topicPrefix' | 'topicFor'
>;

type InfrastructureConfig = Pick<
  BaseServiceConfig,
  'SERVICE_NAME' | 'MONGO_URL' | 'MONGO_DB' | 'KAFKA_BROKERS' | 'TOPIC_PREFIX' | 'TOPIC_PARTITIONS'
> &
  Partial<Pick<BaseServiceConfig, 'SLOW_COMMAND_MS'>>;

export function topicRouter(prefix: string): (event: EventEnvelope) => string {
  return (event) => {
    const family = eventFamilyOf(event.type);
    if (!family) throw new Error(`event type ${event.type} is not in the contracts' catalogue`);
    return topicName(prefix, family);
  };
}

export async function connectServiceInfrastructure(
  config: InfrastructureConfig,
  logger: Logger,
): Promise<ServiceInfrastructure> {
  const slowCommandMs = config.SLOW_COMMAND_MS;
  const connection = await connectMongo({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    monitorCommands: slowCommandMs !== undefined,
  });
  if (slowCommandMs !== undefined) logSlowCommands(connection, logger, slowCommandMs);
  const kafka = createKafka({ clientId: config.SERVICE_NAME, brokers: config.KAFKA_BROKERS, logger });
  await ensureTopics(kafka, { prefix: config.TOPIC_PREFIX, partitions: config.TOPIC_PARTITIONS });
  const producer = createIdempotentProducer(kafka);
  await connectProducer(producer, logger);
  const admin = kafka.admin();
  await admin.connect();
  const watchdog = watchDatabase(connection, logger);
  return {
    connection,
    kafka,
    producer,
    admin,
    readiness: async () => {
      const [mongo, kafkaUp] = await Promise.all([mongoReachable(connection), kafkaReachable(admin)]);
      return { mongo, kafka: kafkaUp };
    },
    topicPrefix: config.TOPIC_PREFIX,
    topicFor: topicRouter(config.TOPIC_PREFIX),
    close: async () => {
      watchdog.stop();
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
      await connection.close();
    },
  };
}

/**
 * On SIGTERM or SIGINT, runs the steps in order (stop taking requests, stop consumers so that
 * they commit what they processed, stop the relay, close connections) and exits. A second
 * signal, or steps that hang past the grace period, exit at once.
 */
export function closeOnSignals(logger: Logger, steps: Array<() => Promise<unknown>>, graceMs = 15_000): void {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.warn({ err: error }, 'shutdown step failed');
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
}
