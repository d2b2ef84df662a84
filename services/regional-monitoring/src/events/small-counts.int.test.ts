import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saturation } from '../domain/risk-index.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { caseEvent } from './case-events.test-support.ts';

const almaty = '750000000';
const almaly = '751110000';
const auezov = '751310000';

const countFactors = {
  case_volume: saturation.cases,
  urgent_cases: saturation.urgentCases,
  escalations: saturation.escalations,
  overdue_recommendations: saturation.overdueRecommendations,
} as Record<string, number>;

/** The count behind each count-made factor a reader was given (value × saturation). */
function countsBehind(factors: Array<{ name: string; value: number; delta?: number }>): number[] {
  return factors.flatMap((factor) => {
    const full = countFactors[factor.name];
    if (full === undefined) return [];
    const counts = [factor.value * full];
    if (factor.delta !== undefined) counts.push(Math.abs(factor.delta * full));
    return counts.map((count) => Math.round(count * 1000) / 1000);
  });
}

/** Shown counts are hidden, zero or a multiple of 5: never 1 to 4, never off the grid. */
const isPublishable = (count: number) => count === 0 || (count >= 5 && count % 5 === 0);

describe('small counts reach no reader', () => {
  let h: ServiceUnderTest;
  let almalyMember: { authorization: string };

  beforeAll(async () => {
    h = await startServiceUnderTest('rm-small-counts');
    almalyMember = await h.auth.headers({
      sub: 'member-almaly',
      roles: ['group_member'],
      regions: [almaly],
    });
    // Almaly: 6 labour cases of medium urgency. Auezov (outside the reader's district): 3 family
    // cases, critical and escalated. Exact risk: volume 9/20, urgent 3/5, escalations 3/5 → 36.8.
    // The escalations follow the registrations, so the band rises at the eighth case.
    const send = (events: KnownEvent[]) =>
      h.runtime.producer.send({
        topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
        messages: events.map(toKafkaMessage),
      });
    await send([1, 2, 3, 4, 5, 6].map((n) => caseEvent('case.registered.v1', `case-${n}`, almaly, 'labour')));
    await waitFor(async () => expect((await h.stores.risks.load(almaty))?.score).toBe(4.5));
    await send([7, 8, 9].map((n) => caseEvent('case.escalated.v1', `case-${n}`, auezov, 'family')));
    await waitFor(async () => {
      const risk = await h.stores.risks.load(almaty);
      expect(risk?.score).toBe(36.8);
      expect(risk?.band).toBe('elevated');
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the risk factors, score and explanation read over HTTP give back no count under 5', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/regions/${almaty}/risk`,
      headers: almalyMember,
    });
    expect(response.statusCode).toBe(200);
    const risk = response.json();
    // The band is decided on the exact counts; every number beside it on the published ones.
    expect(risk.band).toBe('elevated');
    const behind = countsBehind(risk.factors);
    expect(behind.length).toBeGreaterThan(0);
    expect(behind.every(isPublishable), JSON.stringify(risk.factors)).toBe(true);
    const factor = (name: string) => risk.factors.find((f: { name: string }) => f.name === name);
    // 3 escalations and 3 urgent cases read 0, 9 cases read 5.
    expect(factor('escalations')).toMatchObject({ value: 0, points: 0 });
    expect(factor('urgent_cases')).toMatchObject({ value: 0, points: 0 });
    expect(factor('case_volume')).toMatchObject({ value: 0.25, points: 3.8 });
    expect(risk.score).toBe(3.8);
    // The explanation: the change's scores and each driver's points are the published ones (the
    // band rose on escalations still hidden; what a reader sees moved since low is the volume).
    expect(risk.lastChange).toMatchObject({ from: 'low', to: 'elevated', fromScore: 3.8, toScore: 3.8 });
    expect(risk.lastChange.drivers).toEqual([{ name: 'case_volume', points: 3.8 }]);

    const list = await h.app.inject({ method: 'GET', url: '/risk', headers: almalyMember });
    expect(list.json().items.map((item: { region: string }) => item.region)).toEqual([almaty]);
    expect(list.json().items[0]).toMatchObject({ score: 3.8, factors: risk.factors });
  });

  it('region.risk-scored and region.risk-changed on the bus carry only published counts', async () => {
    await waitFor(() =>
      expect(
        h.published.filter((e) => e.type === 'region.risk-changed.v1' && e.subject === almaty),
      ).toHaveLength(1),
    );
    const risk = h.published.filter(
      (e): e is Extract<KnownEvent, { type: 'region.risk-scored.v1' | 'region.risk-changed.v1' }> =>
        (e.type === 'region.risk-scored.v1' || e.type === 'region.risk-changed.v1') && e.subject === almaty,
    );
    expect(risk.length).toBeGreaterThan(1);
    for (const event of risk) {
      expect(countsBehind(event.data.factors).every(isPublishable), JSON.stringify(event.data)).toBe(true);
      // No score on the bus is the exact one of any count of cases here (0.75 a case, 5 an escalation).
      expect([0, 3.8]).toContain(event.data.score);
    }
    const [change] = risk.filter((e) => e.type === 'region.risk-changed.v1') as Array<
      Extract<KnownEvent, { type: 'region.risk-changed.v1' }>
    >;
    expect(change?.data).toMatchObject({
      band: 'elevated',
      previousBand: 'low',
      score: 3.8,
      previousScore: 3.8,
    });
    expect(change?.data.explanation.drivers).toEqual(['case_volume']);
  });

  it('the statistics show no count under 5, and no shown total minus shown cells gives a hidden one', async () => {
    const statistics = async (query = '') =>
      (
        await h.app.inject({
          method: 'GET',
          url: `/regions/${almaty}/statistics${query}`,
          headers: almalyMember,
        })
      ).json();
    const region = await statistics();
    // 6 in Almaly read 5, 3 in Auezov are hidden; 9 in all read 5.
    expect(region.cases.byDistrict).toEqual({ total: 5, counts: { [almaly]: 5, [auezov]: null } });
    expect(region.cases.byCategory).toEqual({ total: 5, counts: { labour: 5, family: null } });
    expect(region.cases.byUrgency).toEqual({ total: 5, counts: { medium: 5, critical: null } });
    for (const breakdown of Object.values(region.cases) as Array<{
      total: number | null;
      counts: Record<string, number | null>;
    }>) {
      const shown = Object.values(breakdown.counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      // The hidden 3 is not what the total leaves.
      expect((breakdown.total ?? 0) - shown).not.toBe(3);
    }
    // The region minus the reader's own district does not give Auezov's 3 either.
    const own = await statistics(`?district=${almaly}`);
    expect(own.cases.byDistrict).toEqual({ total: 5, counts: { [almaly]: 5 } });
    expect(region.cases.byDistrict.total - own.cases.byDistrict.total).not.toBe(3);

    const numbers: number[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (key === 'riskHistory' || key === 'minimumShownCount') return;
      if (typeof value === 'number') numbers.push(value);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(region);
    walk(own);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every(isPublishable)).toBe(true);
  });
});
