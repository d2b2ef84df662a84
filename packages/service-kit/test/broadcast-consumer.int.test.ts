// Broadcast consumers against the real broker: every process sees every event of the family
// from the moment it started, and a message it cannot read does not stop it.
import type { EventType } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBroadcast, startBroadcastConsumer } from '../src/broadcast-consumer.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { waitFor } from '../src/testing/wait-for.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

describe('a broadcast consumer', () => {
  let runtime: TestRuntime;
  const running: RunningBroadcast[] = [];
  const seen: string[][] = [[], []];
  const casesTopic = () => topicName(runtime.infra.topicPrefix, 'cases');
  const send = (key: string, value: string) =>
    runtime.producer.send({ topic: casesTopic(), messages: [{ key, value }] });

  beforeAll(async () => {
    runtime = await startTestRuntime('broadcast');
    await send('before', JSON.stringify(caseRegisteredFixture('case-before-start')));
    for (const into of seen) {
      running.push(
        await startBroadcastConsumer({
          kafka: runtime.kafka,
          topicPrefix: runtime.infra.topicPrefix,
          name: 'live',
          family: 'cases',
          types: ['case.registered.v1'] satisfies EventType[],
          onEvent: (event) => {
            if (event.subject === 'case-throws') throw new Error('a listener failed');
            into.push(event.subject);
          },
          logger: runtime.logger,
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(running.map((consumer) => consumer.stop()));
    await runtime?.close();
  });

  it('gives every process every event published since it started, each in a group of its own', async () => {
    const [first, second] = running;
    expect(first?.groupId).not.toBe(second?.groupId);
    await send('case-a', JSON.stringify(caseRegisteredFixture('case-a')));
    await send('case-b', JSON.stringify(caseRegisteredFixture('case-b')));
    await waitFor(() => {
      for (const subjects of seen) expect([...subjects].sort()).toEqual(['case-a', 'case-b']);
    });
  });

  it('skips what it cannot read or handle and goes on with the next event', async () => {
    await send('bad', 'not json');
    await send('bad', JSON.stringify({ ...caseRegisteredFixture('case-bad'), data: { caseId: 7 } }));
    await send('case-throws', JSON.stringify(caseRegisteredFixture('case-throws')));
    await send('case-c', JSON.stringify(caseRegisteredFixture('case-c')));
    await waitFor(() => {
      for (const subjects of seen) expect(subjects).toContain('case-c');
    });
    for (const consumer of running) expect(consumer.stats).toMatchObject({ skipped: 2, failed: 1 });
    expect(seen.flat()).not.toContain('case-before-start');
  });
});
