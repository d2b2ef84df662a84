// CORS and rate limits as the environment sets them (issue 9): the variables are parsed by the
// kit's config and handed to the app exactly as main.ts does.
import { baseServiceConfig, httpGuardsFromConfig, parseConfig } from '@kelisim/service-kit/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediatorUser } from './routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

let service: ServiceUnderTest;
const consoleOrigin = 'https://console.kelisim.kz';

beforeAll(async () => {
  const config = parseConfig(baseServiceConfig, {
    SERVICE_NAME: 'case-intake',
    PORT: '0',
    MONGO_URL: 'mongodb://127.0.0.1:27017',
    MONGO_DB: 'unused',
    KAFKA_BROKERS: '127.0.0.1:9092',
    JWT_ISSUER: 'unused',
    JWT_AUDIENCE: 'unused',
    JWKS_URL: 'https://id.kelisim.kz/jwks',
    CORS_ORIGINS: consoleOrigin,
    RATE_LIMIT_PER_TOKEN: '5',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', // see test-app.test-support.ts
  });
  service = await startServiceUnderTest('http-guards', { httpGuards: httpGuardsFromConfig(config) });
});
afterAll(async () => service?.close());

const preflight = (origin: string) =>
  service.app.inject({
    method: 'OPTIONS',
    url: '/cases',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    },
  });

describe('CORS_ORIGINS', () => {
  it('lets the listed console call the API from a browser, and no other site', async () => {
    const allowed = await preflight(consoleOrigin);
    expect(allowed.statusCode).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe(consoleOrigin);
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('RATE_LIMIT_PER_TOKEN', () => {
  it('answers 429 with Retry-After once a token spent its budget, while another token goes on', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ServiceUnderTest['call']>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await service.call('GET', '/cases', { claims: mediatorUser });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.headers['content-type']).toMatch(/problem\+json/);
    const other = await service.call('GET', '/cases', { claims: { ...mediatorUser, sub: 'u-med-2' } });
    expect(other.statusCode).toBe(200);
  });
});
