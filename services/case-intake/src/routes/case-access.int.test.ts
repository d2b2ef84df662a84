// Access and privacy through HTTP against the real broker and FerretDB: scope (404 outside it),
// lists, no plaintext personal data at rest or on the bus, and bad input refused with nothing written.
import { dayOf } from '@kelisim/contracts/calendar';
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { lintOpenApi } from '@kelisim/service-kit/testing/openapi-lint';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import {
  caseRequests,
  mediatorUser,
  names,
  newCase,
  region,
  seedQualifiedMediator,
} from './case-requests.test-support.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;
let day: string;
let published: KafkaMessage[];
const register = (...args: Parameters<typeof requests.register>) => requests.register(...args);

beforeAll(async () => {
  service = await startServiceUnderTest('case-access');
  published = await service.watch('cases');
  requests = caseRequests(service, published);
  day = dayOf(service.clock.now);
  await seedQualifiedMediator(service);
});
afterAll(async () => service?.close());

describe('scope', () => {
  it('answers 404 to a group member of another region and to another mediator, and lists nothing of theirs', async () => {
    const { caseId } = await register();
    for (const claims of [
      { sub: 'u-astana', roles: ['group_member' as const], regions: ['710000000'] },
      { sub: 'u-med-2', roles: ['mediator' as const], regions: [region] },
    ]) {
      const response = await service.call('GET', `/cases/${caseId}`, { claims });
      expect(response.statusCode).toBe(404);
      expect((await service.call('POST', `/cases/${caseId}/screen`, { body: {}, claims })).statusCode).toBe(
        404,
      );
      const list = await service.call('GET', '/cases', { claims });
      expect(list.json().items).toEqual([]);
    }
  });

  it('shows the region’s cases to its group, with personal data, and hides it from supervisors', async () => {
    const { caseId } = await register();
    const group = await service.call('GET', `/cases/${caseId}`, {
      claims: { sub: 'u-g', roles: ['group_member'], regions: [region] },
    });
    expect(group.json().parties[0].name).toBe(names[0]);
    const supervisor = await service.call('GET', `/cases/${caseId}`, {
      claims: { sub: 'u-s', roles: ['supervisor'], regions: ['KZ'] },
    });
    expect(supervisor.statusCode).toBe(200);
    expect(supervisor.json()).toMatchObject({ personalData: false, description: null });
    expect(supervisor.json().parties[0].name).toBeNull();
  });
});

describe('lists', () => {
  it('filters by status, urgency, category and date and pages by cursor', async () => {
    for (let i = 0; i < 3; i++) await register(newCase({ category: 'religion', urgency: 'medium' }));
    const claims = { sub: 'u-g', roles: ['group_member' as const], regions: [region] };
    const first = await service.call(
      'GET',
      `/cases?category=religion&urgency=medium&status=registered&from=${day}&to=${day}&limit=2`,
      { claims },
    );
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    const second = await service.call(
      'GET',
      `/cases?category=religion&urgency=medium&limit=2&cursor=${page1.nextCursor}`,
      { claims },
    );
    const page2 = second.json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((item: { caseId: string }) => item.caseId);
    expect(new Set(ids).size).toBe(3);
    const none = await service.call('GET', '/cases?category=religion&from=2000-01-01&to=2000-01-02', {
      claims,
    });
    expect(none.json().items).toEqual([]);
    const byMediator = await service.call('GET', '/cases?mediator=med-1', { claims });
    expect(byMediator.json().items.every((item: { mediatorId: string }) => item.mediatorId === 'med-1')).toBe(
      true,
    );
  });
});

describe('personal data at rest and on the bus', () => {
  it('leaves no plaintext party name in any MongoDB document or Kafka message', async () => {
    await register();
    await waitFor(async () => expect(await service.cases.log.countUnpublished()).toBe(0));
    const db = service.runtime.connection.getClient().db(service.runtime.infra.dbName);
    const collections = await db.listCollections().toArray();
    let documents = 0;
    for (const { name } of collections) {
      const raw = JSON.stringify(await db.collection(name).find({}).toArray());
      documents += raw.length;
      for (const secret of [...names, '+7 701 000 00 01', 'shared yard']) expect(raw).not.toContain(secret);
    }
    expect(documents).toBeGreaterThan(0);
    expect(published.length).toBeGreaterThan(0);
    for (const message of published) {
      const text = String(message.value);
      for (const secret of names) expect(text).not.toContain(secret);
      expect(parseEnvelope(JSON.parse(text), { family: 'cases' }).ok).toBe(true);
    }
  });
});

describe('bad input answers 400 problem+json and writes nothing', () => {
  const long = 'x'.repeat(5_000);
  const cases: Array<[string, object]> = [
    ['a wrong type', newCase({ urgency: 3 })],
    ['an unknown region', newCase({ region: '990000000' })],
    ['an unknown district', newCase({ district: '759999000' })],
    ['a district outside the region', newCase({ district: '711110000' })],
    ['an unknown field', newCase({ secretField: true })],
    [
      'an unknown field in a party',
      newCase({ parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'A', iin: '1' }] }),
    ],
    ['an oversize description', newCase({ description: long })],
    [
      'an oversize party name',
      newCase({ parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: long }] }),
    ],
    ['no parties', newCase({ parties: [] })],
    ['a locality outside the district', newCase({ locality: '711110100' })],
  ];

  it(`registration with ${cases.map(([name]) => name).join(', ')}`, async () => {
    const before = await service.cases.log.commits.countDocuments({});
    for (const [name, body] of cases) {
      const response = await service.call('POST', '/cases', { body, claims: mediatorUser });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().errors.length, name).toBeGreaterThan(0);
    }
    expect(await service.cases.log.commits.countDocuments({})).toBe(before);
  });

  it('a command with a date in the wrong format, a wrong type or an unknown field', async () => {
    const { caseId } = await register();
    const before = await service.cases.log.commits.countDocuments({});
    for (const [command, body] of [
      ['record-session', { kind: 'joint', heldOn: '10.03.2026', durationMinutes: 30 }],
      ['record-outcome', { outcome: 'none', followUpDue: '2026-13-45' }],
      ['escalate', { level: '2', reason: 'violence_risk' }],
      ['screen', { urgency: 'high', priority: 1 }],
      ['withdraw', { reason: 'because I said so' }],
    ] as const) {
      const response = await service.call('POST', `/cases/${caseId}/${command}`, {
        body,
        claims: mediatorUser,
      });
      expect(response.statusCode, `${command}: ${response.body}`).toBe(400);
    }
    expect(await service.cases.log.commits.countDocuments({})).toBe(before);
  });
});

describe('documentation', () => {
  it('serves an OpenAPI document listing every command route', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toContain('/cases/{caseId}/record-outcome');
    expect(paths).toContain('/cases/{caseId}/history');
  });

  it('its OpenAPI document passes a standard linter with no error, so clients can be generated from it', async () => {
    const document = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect((await lintOpenApi(document)).errors).toEqual([]);
  });
});
