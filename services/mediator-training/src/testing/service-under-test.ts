// The whole service on real infrastructure for one integration test file: its own database and
// topics, the app (for inject), the relay and the cases consumer running, a clock the test moves,
// and a watcher that keeps every raw message of the mediators topic.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, type EventType } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Logger } from '@kelisim/service-kit/log';
import type { OutboxRelay } from '@kelisim/service-kit/relay';
// The kit's global setup declares what `inject()` provides; its types are needed here too.
import type {} from '@kelisim/service-kit/testing/global-setup';
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import type { Consumer } from 'kafkajs';
import { buildService } from '../service.ts';
import type { Stores } from '../store/stores.ts';

export type ServiceUnderTest = {
  runtime: TestRuntime;
  app: HttpApp;
  auth: TestAuth;
  stores: Stores;
  relay: OutboxRelay;
  consumer: RunningConsumer;
  /** Raw values of every message on the mediators topic, in arrival order. */
  published: string[];
  publishedOfType: (type: string) => Array<{ subject: string; data: Record<string, unknown> }>;
  setNow: (instant: string) => void;
  clock: () => Date;
  /** Publishes an event on its family's topic as another service would. */
  publish: <T extends EventType>(
    type: T,
    data: EventData<T>,
    subject: string,
    id?: string,
  ) => Promise<string>;
  close: () => Promise<void>;
};

/**
 * `logger` replaces the runtime's for the service, e.g. to read every line a test causes;
 * `monitorCommands` lets a test record the queries the service sends (kit testing/query-plans.ts).
 */
export async function startServiceUnderTest(
  label: string,
  options: { logger?: Logger; monitorCommands?: boolean } = {},
): Promise<ServiceUnderTest> {
  const runtime = await startTestRuntime(label, { monitorCommands: options.monitorCommands ?? false });
  const auth = await createTestAuth();
  let now = new Date('2025-03-01T09:00:00.000Z');
  const clock = () => now;
  const { topicFor } = runtime.connections;
  const service = await buildService({
    // The sweep runs when a test calls it, at the time the test's clock says.
    settings: { EXPIRY_SWEEP_INTERVAL_MS: 3_600_000 },
    connections: runtime.connections,
    logger: options.logger ?? runtime.logger,
    auth: auth.verifier,
    cipher: new FieldCipher(generateKeyRing()),
    clock,
  });
  const { app, relay, stores } = service;
  await app.ready();
  relay.start();
  const consumer = await service.startConsumer();
  const published: string[] = [];
  const watcher: Consumer = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}watch` });
  await watcher.connect();
  await watcher.subscribe({ topic: topicName(runtime.infra.topicPrefix, 'mediators'), fromBeginning: true });
  await watcher.run({ eachMessage: async ({ message }) => void published.push(String(message.value)) });

  return {
    runtime,
    app,
    auth,
    stores,
    relay,
    consumer,
    published,
    publishedOfType: (type) =>
      published.map((value) => JSON.parse(value)).filter((event) => event.type === type),
    setNow: (instant) => {
      now = new Date(instant);
    },
    clock,
    publish: async (type, data, subject, id = newEventId()) => {
      const event = buildEvent(type, data, {
        id,
        source: '/services/case-intake',
        subject,
        time: now.toISOString(),
        correlationid: id,
        causationid: null,
        region: '750000000',
      });
      await runtime.producer.send({
        topic: topicFor(event),
        messages: [{ key: subject, value: JSON.stringify(event) }],
      });
      return id;
    },
    close: async () => {
      await watcher.disconnect();
      await consumer.stop();
      await service.stop();
      await runtime.close();
    },
  };
}

/** Where any of `needles` appears in plain text: a collection of the database or a published message. */
export async function plaintextLeaks(svc: ServiceUnderTest, needles: readonly string[]): Promise<string[]> {
  const leaks: string[] = [];
  const db = svc.runtime.connection.getClient().db(svc.runtime.connection.name);
  for (const { name } of await db.listCollections().toArray()) {
    const raw = JSON.stringify(await db.collection(name).find({}).toArray());
    for (const needle of needles) if (raw.includes(needle)) leaks.push(`collection ${name}: ${needle}`);
  }
  svc.published.forEach((value, index) => {
    for (const needle of needles) if (value.includes(needle)) leaks.push(`message ${index}: ${needle}`);
  });
  return leaks;
}
