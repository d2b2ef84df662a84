// The trends through the broker and HTTP against the real FerretDB: case events in, the month's
// published figures out, for a district reader of the region.
import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvent } from '../events/case-events.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const auezov = '751310000';

let h: ServiceUnderTest;
let member: Record<string, string>;

beforeAll(async () => {
  h = await startServiceUnderTest('rm-trends');
  member = await h.auth.headers({ sub: 'member-almaly', roles: ['group_member'], regions: [almaly] });
  const send = (events: KnownEvent[]) =>
    h.runtime.producer.send({
      topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
      messages: events.map(toKafkaMessage),
    });
  // This month: 6 labour cases registered in Almaly; 3 in Auezov, each escalated.
  await send([1, 2, 3, 4, 5, 6].map((n) => caseEvent('case.registered.v1', `case-${n}`, almaly, 'labour')));
  await send([7, 8, 9].map((n) => caseEvent('case.registered.v1', `case-${n}`, auezov, 'family')));
  await send([7, 8, 9].map((n) => caseEvent('case.escalated.v1', `case-${n}`, auezov, 'family')));
  await waitFor(async () => {
    const facts = await h.stores.caseTrends.ofRegion(almaty);
    expect(facts.filter((c) => c.registeredAt !== null)).toHaveLength(9);
    expect(facts.flatMap((c) => c.escalations)).toHaveLength(3);
  });
});
afterAll(async () => h?.close());

describe('regional trends over HTTP', () => {
  it('this month’s cases in bands of five, the small district and its escalations hidden', async () => {
    const response = await h.app.inject({ method: 'GET', url: `/regions/${almaty}/trends`, headers: member });
    expect(response.statusCode, response.body).toBe(200);
    const trends = response.json();
    const month = new Date().toISOString().slice(0, 7);
    expect(trends.whole.months).toHaveLength(12);
    const now = trends.whole.months.at(-1);
    expect(now.month).toBe(month);
    expect(now.registered.byCategory).toEqual({ total: 5, counts: { labour: 5, family: null } });
    expect(now.escalations).toBeNull();
    const districts = new Map(trends.districts.map((d: { territory: string }) => [d.territory, d]));
    const auezovNow = (districts.get(auezov) as { months: Array<{ registered: unknown }> }).months.at(-1);
    expect(auezovNow?.registered).toEqual({
      byCategory: { total: null, counts: { family: null } },
      byUrgency: { total: null, counts: { medium: null } },
    });
    expect(JSON.stringify(trends)).not.toMatch(/:\s*[1-4][,}]/);
  });

  it('answers 404 for a region outside the reader’s territory, 400 for a bad month', async () => {
    const far = await h.app.inject({ method: 'GET', url: '/regions/710000000/trends', headers: member });
    expect(far.statusCode).toBe(404);
    const bad = await h.app.inject({
      method: 'GET',
      url: `/regions/${almaty}/trends?from=2026-13`,
      headers: member,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
  });
});
