// Fault test: the relay loses nothing across a broker restart while writes continue.
// It restarts the shared local broker, so it runs on its own after the other files
// (see the `test` script), and only where the broker is ours to restart (infra/local).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { newEventId } from '@kelisim/contracts/envelope';
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CommitLog } from '../src/commit-log.ts';
import { type RunningConsumer, startConsumer } from '../src/consumer.ts';
import { nativeCollection } from '../src/mongo.ts';
import { OutboxRelay } from '../src/relay.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { waitFor } from '../src/testing/wait-for.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

const infraScript = resolve(import.meta.dirname, '../../../infra/local/infra.sh');
// Docker or given endpoints: the broker is not ours to restart.
const brokerIsOurs = inject('infrastructure').startsWith('local');

describe('relay across a broker restart', () => {
  let runtime: TestRuntime;
  let relay: OutboxRelay;
  let consumer: RunningConsumer;
  let log: CommitLog<{ n: number }>;

  beforeAll(async () => {
    runtime = await startTestRuntime('broker_restart');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
    const topic = topicName(runtime.infra.topicPrefix, 'cases');
    relay = new OutboxRelay({
      logs: [log],
      producer: runtime.producer,
      topicFor: () => topic,
      logger: runtime.logger,
    });
    consumer = await startConsumer({
      kafka: runtime.kafka,
      groupId: `${runtime.infra.topicPrefix}effects`,
      topics: [topic],
      handlers: {
        'case.registered.v1': async (event) => {
          await nativeCollection<{ _id: string; seen: number }>(runtime.connection, 'effects').updateOne(
            { _id: event.subject },
            { $inc: { seen: 1 } },
            { upsert: true },
          );
        },
      },
      parse: parseEnvelope,
      deadLetterTopicOf: (t) => `${t}.dlq`,
      connection: runtime.connection,
      producer: runtime.producer,
      logger: runtime.logger,
    });
    relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await consumer?.stop();
    await runtime?.close();
  });

  it.skipIf(!brokerIsOurs)(
    'the count of consumed effects equals the count of writes',
    { timeout: 240_000 },
    async () => {
      let writes = 0;
      let writing = true;
      const writer = (async () => {
        while (writing) {
          writes += 1;
          const id = `case-${writes}`;
          await log.append({
            streamId: id,
            expectedVersion: 0,
            events: [{ ...caseRegisteredFixture(id), id: newEventId() }],
            state: { n: writes },
            now: new Date(),
          });
          relay.wake();
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await waitFor(() => expect(writes).toBeGreaterThan(50));
      const writesBeforeRestart = writes;
      await promisify(execFile)('bash', [infraScript, 'restart', 'kafka']);
      const writesAfterRestart = writes;
      // Writes went on while the broker was down: the restart landed mid-flow. (Whether the relay
      // also saw a failed send depends on how long kafkajs's own retries bridged the gap, so a
      // count of failures proves nothing either way.)
      expect(writesAfterRestart).toBeGreaterThan(writesBeforeRestart);
      await waitFor(() => expect(writes).toBeGreaterThan(writesAfterRestart + 50));
      writing = false;
      await writer;

      const effects = nativeCollection<{ _id: string; seen: number }>(runtime.connection, 'effects');
      await waitFor(async () => expect(await effects.countDocuments()).toBe(writes), { timeoutMs: 120_000 });
      expect(await effects.countDocuments({ seen: { $ne: 1 } })).toBe(0);
      expect(await log.countUnpublished()).toBe(0);
    },
  );
});
