// The service as the integration tests drive it: its real stores on a database of the test
// file's own, the real relay and consumer on topics of its own, the app through inject(), and a
// watcher that collects what the service published on `monitoring`.
import { type KnownEvent, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Logger } from '@kelisim/service-kit/log';
import type { OutboxRelay } from '@kelisim/service-kit/relay';
// The global setup declares what it provides to test files (vitest's ProvidedContext).
import type {} from '@kelisim/service-kit/testing/global-setup';
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import type { Consumer } from 'kafkajs';
import { buildService } from '../service.ts';
import type { Stores } from '../store/stores.ts';

export type ServiceUnderTest = {
  runtime: TestRuntime;
  auth: TestAuth;
  app: HttpApp;
  stores: Stores;
  relay: OutboxRelay;
  consumer: RunningConsumer;
  cipher: FieldCipher;
  /** Every event the service published on `monitoring`, in arrival order. */
  published: KnownEvent[];
  windowDays: number;
  close: () => Promise<void>;
};

// Creating topics while other test files (and other packages) do the same on the one local
// broker sometimes fails waiting for leaders ("does not host this topic-partition"); a fresh
// attempt, with fresh names, succeeds. Reported against the kit's ensureTopics.
async function startRuntimeWithRetry(
  label: string,
  monitorCommands: boolean,
  attempts = 3,
): Promise<TestRuntime> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTestRuntime(label, { monitorCommands });
    } catch (error) {
      if (attempt >= attempts || !(error instanceof Error) || !error.name.startsWith('KafkaJS')) throw error;
    }
  }
}

/**
 * `logger` replaces the runtime's for the service, e.g. to read every line a test causes;
 * `verifier` replaces the test key's, e.g. to trust a real identity provider's JWKS;
 * `monitorCommands` lets a test record the queries the service sends (kit testing/query-plans.ts).
 */
export async function startServiceUnderTest(
  label: string,
  options: { logger?: Logger; verifier?: TokenVerifier; monitorCommands?: boolean } = {},
): Promise<ServiceUnderTest> {
  const runtime = await startRuntimeWithRetry(label, options.monitorCommands ?? false);
  const auth = await createTestAuth();
  const windowDays = 30;
  const prefix = runtime.infra.topicPrefix;
  const cipher = new FieldCipher(generateKeyRing());
  const service = await buildService({
    settings: { RISK_WINDOW_DAYS: windowDays, OVERDUE_SWEEP_SECONDS: 3_600, RISK_REFRESH_SECONDS: 3_600 },
    connections: runtime.connections,
    logger: options.logger ?? runtime.logger,
    auth: options.verifier ?? auth.verifier,
    cipher,
    relayPollIntervalMs: 250,
  });
  const { app, relay, stores } = service;
  relay.start();
  const consumer = await service.startConsumer();

  const published: KnownEvent[] = [];
  const watcher: Consumer = runtime.kafka.consumer({ groupId: `${prefix}watcher` });
  await watcher.connect();
  await watcher.subscribe({ topic: topicName(prefix, 'monitoring'), fromBeginning: true });
  await watcher.run({
    eachMessage: async ({ message }) => {
      const parsed = parseEnvelope(JSON.parse(message.value?.toString('utf8') ?? 'null'));
      if (parsed.ok) published.push(parsed.event);
    },
  });

  return {
    runtime,
    auth,
    app,
    stores,
    relay,
    consumer,
    cipher,
    published,
    windowDays,
    close: async () => {
      await app.close();
      await watcher.disconnect();
      await consumer.stop();
      await service.stop();
      await runtime.close();
    },
  };
}
