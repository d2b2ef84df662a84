// One vitest global setup for every package: find or start real Kafka and a real MongoDB-wire
// server, then hand their addresses to the test files through `inject()`.
// Order (DESIGN.md §2): given endpoints, then a Docker engine (testcontainers), then infra/local.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import './provided-context.ts';
import { removeStaleTestTopics } from './stale-test-topics.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

type Infrastructure = { kafkaBrokers: string[]; mongoUrl: string; kind: string; stop: () => Promise<void> };

async function givenEndpoints(): Promise<Infrastructure | undefined> {
  const brokers = process.env.KAFKA_BROKERS;
  const mongoUrl = process.env.MONGO_URL;
  if (!brokers || !mongoUrl) return undefined;
  return { kafkaBrokers: brokers.split(','), mongoUrl, kind: 'given endpoints', stop: async () => {} };
}

async function dockerContainers(): Promise<Infrastructure | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined; // no engine answers: the client alone is not enough
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const [kafka, mongo] = await Promise.all([
    new KafkaContainer('apache/kafka:4.1.1').withKraft().start(),
    new MongoDBContainer('mongo:7').start(),
  ]);
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    mongoUrl: `${mongo.getConnectionString()}/?directConnection=true`,
    kind: 'Docker (testcontainers)',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}

async function localInfrastructure(): Promise<Infrastructure> {
  // Started, not stopped: the next run reuses the running broker and server (start is idempotent).
  await promisify(execFile)('bash', [resolve(repoRoot, 'infra/local/infra.sh'), 'start'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const kafkaPort = process.env.KELISIM_KAFKA_PORT ?? '9092';
  const mongoPort = process.env.KELISIM_MONGO_PORT ?? '27017';
  return {
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    mongoUrl: `mongodb://127.0.0.1:${mongoPort}/`,
    kind: 'local (infra/local: Kafka from Maven Central, FerretDB from the Go module proxy)',
    stop: async () => {},
  };
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infra = (await givenEndpoints()) ?? (await dockerContainers()) ?? (await localInfrastructure());
  console.warn(`[kelisim] infrastructure: ${infra.kind}; kafka ${infra.kafkaBrokers.join(',')}`);
  const removed = await removeStaleTestTopics(infra.kafkaBrokers);
  if (removed > 0) console.warn(`[kelisim] removed ${removed} test topics of earlier runs`);
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  project.provide('mongoUrl', infra.mongoUrl);
  project.provide('infrastructure', infra.kind);
  return infra.stop;
}
