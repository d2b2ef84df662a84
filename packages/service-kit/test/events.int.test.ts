// The write path and the consumer runner against the real broker and MongoDB-wire server:
// an event committed with its state reaches a consumer exactly once in effect, whatever the
// relay or the handler go through on the way.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitLog, VersionConflictError } from '../src/commit-log.ts';
import { type EventHandler, type RunningConsumer, startConsumer } from '../src/consumer.ts';
import { nativeCollection } from '../src/mongo.ts';
import { OutboxRelay } from '../src/relay.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { waitFor } from '../src/testing/wait-for.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

type Tally = { _id: string; seen: number };

const caseRegistered = caseRegisteredFixture;

describe('state and events written together, relayed, consumed once', () => {
  let runtime: TestRuntime;
  let log: CommitLog<{ caseId: string; step: number }>;
  let relay: OutboxRelay;
  let consumer: RunningConsumer;
  const attemptsByCase = new Map<string, number>();
  const casesTopic = () => topicName(runtime.infra.topicPrefix, 'cases');

  // The effect under test: a tally per case. `$inc` is deliberately not idempotent on its own,
  // so a second effect of one event would show as seen: 2.
  const countRegistration: EventHandler = async (event) => {
    const attempts = (attemptsByCase.get(event.subject) ?? 0) + 1;
    attemptsByCase.set(event.subject, attempts);
    if (event.subject.startsWith('flaky') && attempts < 3) throw new Error('transient: try again');
    if (event.subject.startsWith('broken')) throw new Error('this handler never succeeds');
    await nativeCollection<Tally>(runtime.connection, 'tallies').updateOne(
      { _id: event.subject },
      { $inc: { seen: 1 } },
      { upsert: true },
    );
  };
  const tally = async (caseId: string) =>
    (await nativeCollection<Tally>(runtime.connection, 'tallies').findOne({ _id: caseId }))?.seen ?? 0;

  beforeAll(async () => {
    runtime = await startTestRuntime('events');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
    relay = new OutboxRelay({
      logs: [log],
      producer: runtime.producer,
      topicFor: casesTopic,
      logger: runtime.logger,
    });
    consumer = await startConsumer({
      kafka: runtime.kafka,
      groupId: `${runtime.infra.topicPrefix}tally`,
      topics: [casesTopic()],
      handlers: { 'case.registered.v1': countRegistration },
      parse: parseEnvelope,
      deadLetterTopicOf: (topic) => `${topic}.dlq`,
      connection: runtime.connection,
      producer: runtime.producer,
      logger: runtime.logger,
      retryBaseMs: 20,
      maxAttempts: 4,
    });
  });
  afterAll(async () => {
    await relay?.stop();
    await consumer?.stop();
    await runtime?.close();
  });

  async function commitRegistration(caseId: string) {
    return log.append({
      streamId: caseId,
      expectedVersion: 0,
      events: [caseRegistered(caseId)],
      state: { caseId, step: 1 },
      now: new Date(),
    });
  }

  it('an event committed with its state reaches the consumer, and the read model shows the state', async () => {
    await commitRegistration('case-1');
    expect(await log.load('case-1')).toMatchObject({ caseId: 'case-1', step: 1, version: 1 });
    expect(await relay.publishOnce()).toBe(1);
    await waitFor(async () => expect(await tally('case-1')).toBe(1));
    expect(await log.countUnpublished()).toBe(0);
  });

  it('when the relay dies between publishing and marking published, the redelivery has no second effect', async () => {
    await commitRegistration('case-2');
    await relay.publishOnce();
    // The state a crash a minute ago left behind: the event is on the topic, its pointer still there.
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await log.outbox.insertOne({ _id: 'case-2:1', streamId: 'case-2', version: 1, committedAt: aMinuteAgo });
    const duplicatesBefore = consumer.stats.skippedDuplicates;
    expect(await relay.publishOnce()).toBe(1);
    await waitFor(() => expect(consumer.stats.skippedDuplicates).toBe(duplicatesBefore + 1));
    expect(await tally('case-2')).toBe(1);
  });

  it('a handler that fails transiently succeeds on retry', async () => {
    await commitRegistration('flaky-1');
    await relay.publishOnce();
    await waitFor(async () => expect(await tally('flaky-1')).toBe(1));
    expect(attemptsByCase.get('flaky-1')).toBe(3);
  });

  it('malformed, unknown and failing events land in the dead-letter topic with their reason, and later good events are still processed', async () => {
    const dlq = deadLetterTopicName(runtime.infra.topicPrefix, 'cases');
    const dead: KafkaMessage[] = [];
    const watcher = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}dlq-watch` });
    await watcher.connect();
    await watcher.subscribe({ topic: dlq, fromBeginning: true });
    await watcher.run({ eachMessage: async ({ message }) => void dead.push(message) });

    const unknown = { ...caseRegistered('case-x'), type: 'case.teleported.v1' };
    const invalid = { ...caseRegistered('case-y'), data: { caseId: 42 } };
    await runtime.producer.send({
      topic: casesTopic(),
      messages: [
        { key: 'junk', value: '{not json' },
        { key: 'case-x', value: JSON.stringify(unknown) },
        { key: 'case-y', value: JSON.stringify(invalid) },
      ],
    });
    await commitRegistration('broken-1');
    await commitRegistration('case-after');
    relay.start();
    relay.wake();

    await waitFor(async () => expect(await tally('case-after')).toBe(1));
    await waitFor(() => expect(dead).toHaveLength(4));
    await watcher.disconnect();
    const reasons = Object.fromEntries(dead.map((m) => [String(m.key), String(m.headers?.['dlq-reason'])]));
    expect(reasons.junk).toBe('invalid-json');
    expect(reasons['case-x']).toBe('unknown_type');
    expect(reasons['case-y']).toBe('invalid_payload');
    expect(reasons['broken-1']).toBe('handler-failed');
    expect(dead.every((m) => String(m.headers?.['dlq-original-topic']) === casesTopic())).toBe(true);
    expect(await tally('broken-1')).toBe(0);
  });

  it('of two concurrent writes to one aggregate at the same version, exactly one wins and the other gets a conflict', async () => {
    await commitRegistration('case-race');
    const write = (step: number) =>
      log.append({
        streamId: 'case-race',
        expectedVersion: 1,
        events: [caseRegistered('case-race')],
        state: { caseId: 'case-race', step },
        now: new Date(),
      });
    const results = await Promise.allSettled([write(2), write(3)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await log.history('case-race')).map((c) => c.version)).toEqual([1, 2]);
  });
});
