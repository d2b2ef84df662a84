// Bad input over HTTP (issue 10): schemathesis generates requests from each service's own OpenAPI
// document, sent with valid tokens of every role over the whole republic, so that requests get
// past authentication into validation and the rules. Every answer must be a documented status
// with a documented body, never a 5xx, and an error answer must leave the database as it was.
// CI runs a short budget; `pnpm --filter @kelisim/conformance deep` runs several hundred per operation.

import { type ServiceName, serviceNames } from '@kelisim/launcher/service-process';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemathesis } from './schemathesis.ts';
import { ServiceProcess } from './service-process.ts';
import { StateProbe } from './state-probe.ts';

// CI: the coverage phase, deterministic edge cases of every parameter and body member (about 50
// per operation, seconds per service). The deep run adds hypothesis fuzzing, which costs ~0.1 s a case.
const phases = process.env.KELISIM_CONFORMANCE_PHASES ?? 'examples,coverage';
const maxExamples = Number(process.env.KELISIM_CONFORMANCE_EXAMPLES ?? 5);
const probeReads = process.env.KELISIM_PROBE_READS === '1';
const infra = testInfrastructure('conformance');
const services = new Map<ServiceName, ServiceProcess>();
let auth: TestAuth;
let tokens: string[];

beforeAll(async () => {
  auth = await createTestAuth();
  // Fresh subjects in turn, so that the per-token limit (1,500 a minute) never answers for us.
  tokens = await Promise.all(
    Array.from({ length: 40 }, (_, index) =>
      auth.mint({
        sub: `conformance-${index}`,
        roles: ['admin', 'coordinator', 'supervisor', 'mediator', 'group_member'],
        regions: ['KZ'],
        expiresIn: '3h',
      }),
    ),
  );
  const kafka = createKafka({
    clientId: 'conformance',
    brokers: infra.kafkaBrokers,
    logger: pino({ level: 'silent' }),
  });
  // Created once here, so that four services starting together do not race to create them.
  await ensureTopics(kafka, { prefix: infra.topicPrefix, partitions: 2 });
  const started = await Promise.all(serviceNames.map((name) => ServiceProcess.start({ name, infra, auth })));
  for (const service of started) services.set(service.name, service);
}, 240_000);

afterAll(async () => {
  await Promise.all([...services.values()].map((service) => service.stop()));
});

// The four runs at once: each is one Python process and one service, mostly waiting on the other.
describe.concurrent('each service answers generated requests as its OpenAPI document says', () => {
  it.each(serviceNames)(
    '%s: no 5xx, only documented statuses and bodies, and no state change behind an error',
    async (name) => {
      const service = services.get(name)!;
      const probe = await StateProbe.start(service.mongoUrl, service.dbName);
      try {
        const result = await runSchemathesis({
          baseUrl: service.url,
          tokens,
          callsPerToken: 1_000,
          maxExamples,
          phases,
          probeUrl: probe.url,
          probeReads,
        });
        const perOperation = Object.values(result.casesPerOperation);
        process.stdout.write(
          `[conformance] ${name}: ${result.generated} cases over ${perOperation.length} operations ` +
            `(min ${Math.min(...perOperation)}, max ${Math.max(...perOperation)} per operation); ` +
            `${result.uniqueFailures} failures; state probed ${probe.tally.calls} times, ` +
            `${probe.tally.inconclusive} inconclusive, ${Math.round(probe.tally.probeMs / 1000)} s probing\n`,
        );
        expect(probe.tally.violations, 'error answers that changed state').toEqual([]);
        expect(result.uniqueFailures, result.output.slice(-20_000)).toBe(0);
        expect(result.errored, result.output.slice(-20_000)).toBe(0);
        expect(result.exitCode, result.output.slice(-5_000)).toBe(0);
        expect(service.alive, service.logs()).toBe(true);
      } finally {
        await probe.stop();
      }
    },
    // The deep run fuzzes for tens of minutes per service on a shared machine.
    phases.includes('fuzzing') ? 3 * 3_600_000 : 900_000,
  );
});
