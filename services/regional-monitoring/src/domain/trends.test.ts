import { describe, expect, it } from 'vitest';
import {
  type CaseFacts,
  monthsFrom,
  publishedMedian,
  type RecommendationFacts,
  regionTrends,
} from './trends.ts';

const region = '750000000';
const d1 = '751110000';
const d2 = '751310000';
const at = (iso: string) => new Date(iso);

let seq = 0;
function aCase(district: string, overrides: Partial<CaseFacts> = {}): CaseFacts {
  seq++;
  return {
    caseId: `c-${seq}`,
    region,
    district,
    category: 'labour',
    urgency: 'high',
    registeredAt: at('2026-03-01T10:00:00Z'),
    outcome: null,
    escalations: [],
    ...overrides,
  };
}
const outcomeAfter = (days: number, kind = 'agreement') => ({
  kind,
  at: new Date(at('2026-03-01T10:00:00Z').getTime() + days * 86_400_000 + 3_600_000),
});

// The known events, by hand:
// March, district 1: 7 cases registered (5 labour: 4 high + 1 critical; 2 religion high);
//   3 escalations. District 2: 4 neighbourhood cases, low, 2 escalations.
// April, district 1: 5 labour cases end in agreement after 31, 33, 40, 45, 50 days and one
//   religion case ends without after 35 days; 4 escalations.
const cases: CaseFacts[] = [
  aCase(d1, {
    outcome: outcomeAfter(31),
    escalations: [at('2026-03-05T00:00:00Z'), at('2026-04-02T00:00:00Z')],
  }),
  aCase(d1, {
    outcome: outcomeAfter(33),
    escalations: [at('2026-03-06T00:00:00Z'), at('2026-04-03T00:00:00Z')],
  }),
  aCase(d1, {
    outcome: outcomeAfter(40),
    escalations: [at('2026-03-07T00:00:00Z'), at('2026-04-04T00:00:00Z')],
  }),
  aCase(d1, { outcome: outcomeAfter(45), escalations: [at('2026-04-05T00:00:00Z')] }),
  aCase(d1, { outcome: outcomeAfter(50), urgency: 'critical' }),
  aCase(d1, { category: 'religion', outcome: outcomeAfter(35, 'none') }),
  aCase(d1, { category: 'religion' }),
  ...Array.from({ length: 4 }, (_, i) =>
    aCase(d2, {
      category: 'neighbourhood',
      urgency: 'low',
      escalations: i < 2 ? [at(`2026-03-1${i}T00:00:00Z`)] : [],
    }),
  ),
];

// Recommendations: due in March in district 1, 4 done on time, 1 done late, 1 still open (past
// due on 2026-05-10); one of the region as a whole due in March, done on time. Due in April in
// district 2, 5 still open.
const rec = (district: string | null, dueDate: string, completedOn: string | null): RecommendationFacts => ({
  region,
  district,
  dueDate,
  completedOn,
});
const recommendations: RecommendationFacts[] = [
  rec(d1, '2026-03-10', '2026-03-09'),
  rec(d1, '2026-03-10', '2026-03-10'),
  rec(d1, '2026-03-20', '2026-03-01'),
  rec(d1, '2026-03-31', '2026-03-30'),
  rec(d1, '2026-03-15', '2026-03-16'),
  rec(d1, '2026-03-25', null),
  rec(null, '2026-03-28', '2026-03-28'),
  ...Array.from({ length: 5 }, () => rec(d2, '2026-04-15', null)),
];

const bands = [
  { at: at('2026-02-20T08:00:00Z'), band: 'elevated' as const },
  { at: at('2026-04-10T08:00:00Z'), band: 'elevated' as const },
  { at: at('2026-03-31T23:00:00Z'), band: 'high' as const },
];

const trends = regionTrends({
  region,
  districts: [d1, d2],
  months: monthsFrom('2026-01', '2026-04'),
  cases,
  recommendations,
  bands,
  today: '2026-05-10',
});
const month = (figures: typeof trends.whole, m: string) => figures.months.find((f) => f.month === m);
const [district1, district2] = trends.districts;

describe('monthly trends over a known set of events', () => {
  it('lists every month asked for, the empty ones with every count hidden', () => {
    expect(monthsFrom('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(trends.whole.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(month(trends.whole, '2026-01')).toEqual({
      month: '2026-01',
      registered: { byCategory: { total: null, counts: {} }, byUrgency: { total: null, counts: {} } },
      outcomes: { total: null, counts: {} },
      medianDaysToOutcome: null,
      escalations: null,
      recommendations: { due: null, completedOnTime: null, overdue: null },
    });
  });

  it('cases registered in March, by category and urgency, each count in bands of five', () => {
    // Region: 11 cases; 5 labour, 2 religion, 4 neighbourhood.
    expect(month(trends.whole, '2026-03')?.registered).toEqual({
      byCategory: { total: 10, counts: { labour: 5, religion: null, neighbourhood: null } },
      // high: 4 labour + 2 religion = 6; critical 1; low 4.
      byUrgency: { total: 10, counts: { high: 5, critical: null, low: null } },
    });
    expect(month(district1 as typeof trends.whole, '2026-03')?.registered.byCategory).toEqual({
      total: 5,
      counts: { labour: 5, religion: null },
    });
    expect(month(district2 as typeof trends.whole, '2026-03')?.registered.byCategory).toEqual({
      total: null,
      counts: { neighbourhood: null },
    });
  });

  it('outcomes in April by kind, and the median days from registration to outcome', () => {
    const april = month(trends.whole, '2026-04');
    expect(april?.outcomes).toEqual({ total: 5, counts: { agreement: 5, none: null } });
    // 31, 33, 35, 40, 45, 50 days: the median of six is (35 + 40) / 2.
    expect(april?.medianDaysToOutcome).toBe(37.5);
    expect(month(district1 as typeof trends.whole, '2026-04')?.medianDaysToOutcome).toBe(37.5);
    expect(month(district2 as typeof trends.whole, '2026-04')?.medianDaysToOutcome).toBeNull();
    // March ended no case.
    expect(month(trends.whole, '2026-03')?.medianDaysToOutcome).toBeNull();
  });

  it('escalations per month: 5 in the region in March, which neither district shows alone', () => {
    expect(month(trends.whole, '2026-03')?.escalations).toBe(5);
    expect(month(district1 as typeof trends.whole, '2026-03')?.escalations).toBeNull(); // 3
    expect(month(district2 as typeof trends.whole, '2026-03')?.escalations).toBeNull(); // 2
    expect(month(trends.whole, '2026-04')?.escalations).toBeNull(); // 4
  });

  it('recommendations that fell due, completed on time or overdue', () => {
    // March, region: 7 due, 5 on time (4 + the region's own), 2 overdue (late, still open).
    expect(month(trends.whole, '2026-03')?.recommendations).toEqual({
      due: 5,
      completedOnTime: 5,
      overdue: null,
    });
    expect(month(district1 as typeof trends.whole, '2026-03')?.recommendations).toEqual({
      due: 5,
      completedOnTime: null,
      overdue: null,
    });
    // April, district 2: 5 due on the 15th, none done by 2026-05-10.
    expect(month(district2 as typeof trends.whole, '2026-04')?.recommendations).toEqual({
      due: 5,
      completedOnTime: null,
      overdue: 5,
    });
  });

  it('a recommendation still open before its due day is neither on time nor overdue', () => {
    const early = regionTrends({
      region,
      districts: [],
      months: ['2026-05'],
      cases: [],
      recommendations: Array.from({ length: 5 }, () => rec(d1, '2026-05-20', null)),
      bands: [],
      today: '2026-05-10',
    });
    expect(early.whole.months[0]?.recommendations).toEqual({ due: 5, completedOnTime: null, overdue: null });
  });

  it('the region’s risk band at each month’s end', () => {
    expect(trends.riskBands).toEqual([
      { month: '2026-01', band: null },
      { month: '2026-02', band: 'elevated' },
      { month: '2026-03', band: 'high' },
      { month: '2026-04', band: 'elevated' },
    ]);
  });

  it('a median over fewer than five outcomes is not shown', () => {
    expect(publishedMedian([3, 4, 5, 6])).toBeNull();
    expect(publishedMedian([1, 2, 3, 4, 100])).toBe(3);
  });
});
