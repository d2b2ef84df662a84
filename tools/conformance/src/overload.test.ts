// Overload (issue 10): one service process driven at twice the rate it sustains answers 2xx, 429
// or 503 (the last two with Retry-After), never an error, a reset or a timeout; its memory stays
// bounded; and once the load drops it answers 2xx again. The service runs as in production, with
// its limits from the environment: rate limits high enough that the load reaches the process, and
// an in-flight limit of a small instance.

import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceProcess } from './service-process.ts';

const infra = testInfrastructure('overload');
const maxInFlight = 32;
let service: ServiceProcess;
let authorization: string;

type Tally = { statuses: Record<string, number>; withoutRetryAfter: number };

async function drive(options: { seconds: number; connections: number; rate?: number }, tally?: Tally) {
  const result = await autocannon({
    url: `${service.url}/mediators?limit=50`,
    headers: { authorization },
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    requests: [
      {
        onResponse: (status: number, _body: string, _context: unknown, headers: Record<string, unknown>) => {
          if (!tally) return;
          tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
          const retryAfter = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
          if ((status === 429 || status === 503) && !retryAfter) tally.withoutRetryAfter += 1;
        },
      } as autocannon.Request,
    ],
  });
  return {
    rate: result['2xx'] / result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
  };
}

beforeAll(async () => {
  const auth = await createTestAuth();
  authorization = `Bearer ${await auth.mint({ sub: 'overload', roles: ['coordinator'], regions: ['KZ'] })}`;
  const kafka = createKafka({
    clientId: 'overload',
    brokers: infra.kafkaBrokers,
    logger: pino({ level: 'silent' }),
  });
  await ensureTopics(kafka, { prefix: infra.topicPrefix, partitions: 2 });
  service = await ServiceProcess.start({
    name: 'mediator-training',
    infra,
    auth,
    env: {
      RATE_LIMIT_PER_ADDRESS: '10000000',
      RATE_LIMIT_PER_TOKEN: '10000000',
      OVERLOAD_MAX_IN_FLIGHT: String(maxInFlight),
      OVERLOAD_RETRY_AFTER_SECONDS: '2',
    },
  });
}, 180_000);

afterAll(async () => {
  await service?.stop();
});

describe('mediator-training at twice the rate it sustains', () => {
  it('sheds with 429/503 and Retry-After, keeps its memory bounded, and recovers when the load drops', async () => {
    await drive({ seconds: 2, connections: 4 }); // warm-up: JIT, connection pool
    const sustained = await drive({ seconds: 6, connections: 8 });
    const idleRss = service.rssBytes();

    const tally: Tally = { statuses: {}, withoutRetryAfter: 0 };
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, service.rssBytes());
    }, 200);
    const overload = await drive(
      { seconds: 15, connections: 256, rate: Math.ceil(sustained.rate * 2) },
      tally,
    ).finally(() => clearInterval(sampler));

    // Recovery: once the load is gone the service answers at once, and a moderate load is all 2xx.
    await waitFor(async () => {
      const response = await fetch(`${service.url}/mediators?limit=50`, { headers: { authorization } });
      expect(response.status).toBe(200);
    });
    const after: Tally = { statuses: {}, withoutRetryAfter: 0 };
    const recovered = await drive({ seconds: 3, connections: 4, rate: Math.ceil(sustained.rate / 2) }, after);

    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    process.stdout.write(
      `[overload] sustained ${Math.round(sustained.rate)} req/s; offered ${Math.ceil(sustained.rate * 2)} req/s ` +
        `over 256 connections: ${JSON.stringify(tally.statuses)}, ${Math.round(overload.rate)} 2xx/s; ` +
        `RSS idle ${mb(idleRss)} MB, peak ${mb(peakRss)} MB; after: ${JSON.stringify(after.statuses)}\n`,
    );
    const statuses = Object.keys(tally.statuses).map(Number);
    expect(
      statuses.every((status) => (status >= 200 && status < 300) || status === 429 || status === 503),
    ).toBe(true);
    expect(tally.statuses[503] ?? 0, 'the load went past the in-flight limit').toBeGreaterThan(0);
    expect(tally.withoutRetryAfter).toBe(0);
    expect({ errors: overload.errors, timeouts: overload.timeouts }).toEqual({ errors: 0, timeouts: 0 });
    expect(service.alive, service.logs()).toBe(true);
    expect(peakRss).toBeLessThan(idleRss + 256 * 1024 * 1024);
    expect(Object.keys(after.statuses)).toEqual(['200']);
    expect(recovered.errors).toBe(0);
  }, 120_000);
});
