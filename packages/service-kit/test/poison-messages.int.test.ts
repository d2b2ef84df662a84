// The consumer runner against the six kinds of bad input on the bus (issue 10), on the real broker
// and database: each is dead-lettered with its reason or skipped as a duplicate, nothing is written
// for any of them, and the consumer goes on. Each service repeats this with its own consumer.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningConsumer, startConsumer } from '../src/consumer.ts';
import { nativeCollection } from '../src/mongo.ts';
import { deliverPoison, expectedReasons } from '../src/testing/poison-messages.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

let runtime: TestRuntime;
let consumer: RunningConsumer;
const tallies = () => nativeCollection<{ _id: string; seen: number }>(runtime.connection, 'tallies');

beforeAll(async () => {
  runtime = await startTestRuntime('poison');
  consumer = await startConsumer({
    kafka: runtime.kafka,
    groupId: `${runtime.infra.topicPrefix}poison`,
    topics: [topicName(runtime.infra.topicPrefix, 'cases')],
    handlers: {
      // `$inc` is not idempotent on its own: a second effect of one event shows as seen: 2.
      'case.registered.v1': async (event) => {
        await tallies().updateOne({ _id: event.subject }, { $inc: { seen: 1 } }, { upsert: true });
      },
    },
    parse: (raw) => parseEnvelope(raw, { family: 'cases' }),
    deadLetterTopicOf: () => deadLetterTopicName(runtime.infra.topicPrefix, 'cases'),
    connection: runtime.connection,
    producer: runtime.producer,
    logger: runtime.logger,
  });
});
afterAll(async () => {
  await consumer?.stop();
  await runtime?.close();
});

describe('bad input on the bus', () => {
  it('dead-letters each bad message with its reason, skips the redelivery, writes nothing for them, and goes on', async () => {
    const outcome = await deliverPoison({
      kafka: runtime.kafka,
      producer: runtime.producer,
      connection: runtime.connection,
      consumer,
      topic: topicName(runtime.infra.topicPrefix, 'cases'),
      deadLetterTopic: deadLetterTopicName(runtime.infra.topicPrefix, 'cases'),
      valid: caseRegisteredFixture('case-poison-1'),
      next: caseRegisteredFixture('case-poison-2'),
    });
    expect(outcome.reasons).toEqual(expectedReasons);
    expect(outcome.changed).toEqual([]);
    expect(outcome.skippedDuplicates).toBe(1);
    const original = outcome.deadLetters[0]?.headers ?? {};
    expect(String(original['dlq-original-topic'])).toBe(topicName(runtime.infra.topicPrefix, 'cases'));
    expect(String(outcome.deadLetters[4]?.headers?.['dlq-detail'])).toMatch(/bytes, more than/);
    expect(await tallies().find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'case-poison-1', seen: 1 },
      { _id: 'case-poison-2', seen: 1 },
    ]);
  });
});
