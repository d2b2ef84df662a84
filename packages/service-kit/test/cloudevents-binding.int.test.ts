// Events on the bus are CloudEvents that any consumer following the CloudEvents Kafka protocol
// binding can read (structured content mode: `content-type: application/cloudevents+json`), shown
// by reading what the relay published through the official JavaScript SDK's Kafka binding.
import { topicName } from '@kelisim/contracts/topics';
import { Kafka as CloudEventsKafka } from 'cloudevents';
import type { IHeaders } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitLog } from '../src/commit-log.ts';
import { OutboxRelay } from '../src/relay.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { waitFor } from '../src/testing/wait-for.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

/** Kafka header values arrive as bytes; the binding reads them as strings. */
function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

describe('events on the bus, read with the CloudEvents SDK', () => {
  let runtime: TestRuntime;
  let relay: OutboxRelay;

  beforeAll(async () => {
    runtime = await startTestRuntime('cloudevents');
  });
  afterAll(async () => {
    await relay?.stop();
    await runtime?.close();
  });

  it('every published event is recognised by the Kafka binding, with its type, id, subject, data and extensions', async () => {
    const log = new CommitLog<{ n: number }>(runtime.connection, 'cases');
    await log.ensureIndexes();
    const topic = topicName(runtime.infra.topicPrefix, 'cases');
    relay = new OutboxRelay({
      logs: [log],
      producer: runtime.producer,
      topicFor: () => topic,
      logger: runtime.logger,
    });
    const published = ['ce-1', 'ce-2', 'ce-3'].map((caseId) => caseRegisteredFixture(caseId));
    for (const [i, event] of published.entries()) {
      await log.append({
        streamId: event.subject,
        expectedVersion: 0,
        events: [event],
        state: { n: i },
        now: new Date(),
      });
    }
    await relay.publishOnce();

    const read: ReturnType<typeof CloudEventsKafka.toEvent>[] = [];
    const consumer = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}cloudevents` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const binding = {
          key: String(message.key),
          value: message.value,
          headers: textHeaders(message.headers),
        };
        expect(CloudEventsKafka.isEvent(binding as never)).toBe(true);
        read.push(CloudEventsKafka.toEvent(binding as never));
      },
    });
    await waitFor(() => expect(read.length).toBeGreaterThanOrEqual(published.length), { timeoutMs: 20_000 });
    await consumer.disconnect();

    for (const event of published) {
      const got = read.flat().find((candidate) => candidate.id === event.id);
      expect(got).toMatchObject({
        specversion: '1.0',
        type: event.type,
        source: event.source,
        subject: event.subject,
        correlationid: event.correlationid,
        region: event.region,
        data: event.data,
      });
    }
  });
});
