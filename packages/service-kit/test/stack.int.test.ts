// Proves the real stack every service stands on: mongoose against the MongoDB-wire server,
// kafkajs against the Kafka 4.x broker (consumer groups and the idempotent producer included,
// which nobody else tests against Kafka 4.x).
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics } from '../src/kafka.ts';
import { testInfrastructure } from '../src/testing/test-infrastructure.ts';

const infra = testInfrastructure('stack');

describe('MongoDB-wire server through mongoose', () => {
  const connection = mongoose.createConnection(infra.mongoUrl, { dbName: infra.dbName });
  const Region = connection.model(
    'Region',
    new mongoose.Schema({
      kato: { type: String, required: true, unique: true },
      name: String,
      cases: Number,
    }),
  );

  beforeAll(async () => {
    await connection.asPromise();
    await Region.init(); // builds the unique index
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('writes, indexes, queries and reads back a document', async () => {
    await Region.create({ kato: '750000000', name: 'Almaty', cases: 3 });
    await Region.updateOne({ kato: '750000000' }, { $inc: { cases: 2 } });
    const found = await Region.findOne({ kato: '750000000' }).lean();
    expect(found).toMatchObject({ kato: '750000000', name: 'Almaty', cases: 5 });
    const indexes = await Region.collection.indexes();
    expect(indexes.some((index) => index.key.kato === 1 && index.unique)).toBe(true);
  });

  it('rejects a second document with the same unique key as a duplicate-key error', async () => {
    await Region.create({ kato: '710000000', name: 'Astana' });
    await expect(Region.create({ kato: '710000000', name: 'Astana again' })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await Region.countDocuments({ kato: '710000000' })).toBe(1);
  });
});

describe('Kafka broker through kafkajs', () => {
  const kafka = new Kafka({
    clientId: 'stack-test',
    brokers: infra.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const topic = `${infra.topicPrefix}stack`;
  const groupId = `${infra.topicPrefix}group`;
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 3 }]);
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  });

  async function consumeUntil(count: number, into: Array<{ key: string; value: string }>) {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const target = into.length + count;
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            into.push({ key: String(message.key), value: String(message.value) });
            if (into.length >= target) resolve();
          },
        })
        .catch(reject);
    });
    // disconnect() commits the offsets of what was processed: a graceful leave.
    await consumer.disconnect();
  }

  it('an idempotent producer and a consumer group exchange keyed messages in per-key order, and a second consumer resumes from the committed offset', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const keys = ['case-a', 'case-b', 'case-c', 'case-d'];
    const firstBatch = keys.flatMap((key) => [1, 2, 3, 4, 5].map((n) => ({ key, value: `${key}:${n}` })));
    await producer.send({ topic, messages: firstBatch });

    const seen: Array<{ key: string; value: string }> = [];
    await consumeUntil(firstBatch.length, seen);
    for (const key of keys) {
      const values = seen.filter((m) => m.key === key).map((m) => m.value);
      expect(values).toEqual([1, 2, 3, 4, 5].map((n) => `${key}:${n}`));
    }

    const secondBatch = keys.map((key) => ({ key, value: `${key}:6` }));
    await producer.send({ topic, messages: secondBatch });
    await producer.disconnect();

    const resumed: Array<{ key: string; value: string }> = [];
    await consumeUntil(secondBatch.length, resumed);
    // Only the new messages: nothing from the first batch is read twice.
    expect(resumed.map((m) => m.value).sort()).toEqual(secondBatch.map((m) => m.value).sort());
  });
});
