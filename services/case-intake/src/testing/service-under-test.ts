// One real case-intake per integration test file: its own database and topics (the kit's test
// runtime), the app driven through inject(), the relay running, and a watcher on a topic.
import { type EventFamily, topicName } from '@kelisim/contracts/topics';
import { type HttpGuards, httpGuardsFromConfig } from '@kelisim/service-kit/config';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher, generateKeyRing, type KeyRing } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Logger } from '@kelisim/service-kit/log';
import type { OutboxRelay } from '@kelisim/service-kit/relay';
// The global setup declares what it provides to test files (vitest's ProvidedContext).
import type {} from '@kelisim/service-kit/testing/global-setup';
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { createTestAuth, type TestAuth, type TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import type { KafkaMessage } from 'kafkajs';
import { buildService, type CaseIntakeService } from '../service.ts';
import type { CaseAuditTrail } from '../store/case-audit.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

/** Tests read response bodies loosely, as a client would. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

export type ServiceUnderTest = {
  runtime: TestRuntime;
  app: HttpApp;
  auth: TestAuth;
  cases: CaseStore;
  audit: CaseAuditTrail;
  mediators: MediatorReadModel;
  cipher: FieldCipher;
  /** The cipher's keys, for tests that rotate them. */
  keyRing: KeyRing;
  relay: OutboxRelay;
  /** The service as service.ts builds it (the app, stores and relay above are its own). */
  service: CaseIntakeService;
  clock: { now: Date };
  /** Messages seen on a topic since `watch` was called. */
  watch(family: EventFamily): Promise<KafkaMessage[]>;
  call(
    method: 'GET' | 'POST',
    url: string,
    options?: { body?: unknown; claims?: TestTokenClaims; headers?: Record<string, string> },
  ): Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => Json; body: string }>;
  close(): Promise<void>;
};

// The event-loop check of load shedding measures the machine, not the code: on the shared cores
// of a CI runner it would shed the tests' own requests. Everything else stays as in production.
const testGuards = httpGuardsFromConfig({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0 });

/**
 * `logger` replaces the runtime's for the app and the relay, e.g. to read every line a test causes;
 * `monitorCommands` lets a test record the queries the service sends (kit testing/query-plans.ts).
 */
export async function startServiceUnderTest(
  label: string,
  options: { logger?: Logger; httpGuards?: HttpGuards; monitorCommands?: boolean } = {},
): Promise<ServiceUnderTest> {
  const runtime = await startTestRuntime(label, { monitorCommands: options.monitorCommands ?? false });
  const logger = options.logger ?? runtime.logger;
  const auth = await createTestAuth();
  const keyRing = generateKeyRing();
  const cipher = new FieldCipher(keyRing);
  const clock = { now: new Date() };
  const service = await buildService({
    // The sweeps run when a test calls them.
    settings: {
      FOLLOW_UP_SWEEP_INTERVAL_MS: 3_600_000,
      RETENTION_SWEEP_INTERVAL_MS: 3_600_000,
      RETENTION_DAYS: 1_825,
      // Nothing answers there: the documents' mediator names are asked for and not given (the
      // names themselves are mediator-training's, printed end to end in tools/e2e).
      MEDIATOR_TRAINING_URL: 'http://127.0.0.1:9',
    },
    connections: runtime.connections,
    logger,
    auth: auth.verifier,
    httpGuards: options.httpGuards ?? testGuards,
    cipher,
    clock: () => clock.now,
    relayPollIntervalMs: 200,
  });
  const { app, relay, cases, audit, mediators } = service;
  await app.ready();
  relay.start();
  const watchers: Array<{ disconnect(): Promise<void> }> = [];
  return {
    runtime,
    app,
    auth,
    cases,
    audit,
    mediators,
    cipher,
    keyRing,
    relay,
    service,
    clock,
    async watch(family) {
      const seen: KafkaMessage[] = [];
      const consumer = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}watch-${family}` });
      await consumer.connect();
      await consumer.subscribe({ topic: topicName(runtime.infra.topicPrefix, family), fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
      watchers.push(consumer);
      return seen;
    },
    async call(method, url, options = {}) {
      const response = await app.inject({
        method,
        url,
        headers: { ...(await auth.headers(options.claims)), ...options.headers },
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      return response as never;
    },
    async close() {
      for (const watcher of watchers) await watcher.disconnect();
      await service.stop();
      await runtime.close();
    },
  };
}

/** case-intake's `mediators` consumer on the test service's broker and database, as main.ts runs it. */
export function startTestMediatorsConsumer(
  service: ServiceUnderTest,
  logger: Logger = service.runtime.logger,
): Promise<RunningConsumer> {
  return service.service.startConsumer(logger);
}
