import { describe, expect, it } from 'vitest';
import { type CaseSignal, summariseSignals } from './case-signals.ts';
import { type RegionRisk, scoreRegion } from './region-risk.ts';
import { bandThresholds, hysteresisMargin, nextBand, rawBand } from './risk-band.ts';
import { factorWeights, type RiskInputs, riskFactors, riskScore } from './risk-index.ts';
import { fixedContext } from './test-context.ts';

const quiet: RiskInputs = {
  signals: { cases: 0, urgentCases: 0, escalations: 0 },
  latestFindingsScore: null,
  overdueRecommendations: 0,
};
const region = '750000000';

describe('risk score', () => {
  it('weights sum to 1 and a quiet region scores 0', () => {
    expect(Object.values(factorWeights).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(riskScore(riskFactors(quiet))).toBe(0);
  });

  it('every factor saturated scores 100', () => {
    const loud: RiskInputs = {
      signals: { cases: 50, urgentCases: 9, escalations: 9 },
      latestFindingsScore: 100,
      overdueRecommendations: 7,
    };
    expect(riskScore(riskFactors(loud))).toBe(100);
  });

  it('escalated critical cases and poor findings push the score into the critical band', () => {
    const inputs: RiskInputs = {
      signals: { cases: 5, urgentCases: 5, escalations: 5 },
      latestFindingsScore: 90,
      overdueRecommendations: 0,
    };
    // 0.15 × 5/20 + 0.25 × 1 + 0.25 × 1 + 0.25 × 0.9 = 0.7625
    expect(riskScore(riskFactors(inputs))).toBe(76.3);
  });
});

describe('case signals over a sliding window', () => {
  const now = new Date('2026-05-10T08:00:00Z');
  const signal = (
    eventId: string,
    caseId: string,
    kind: CaseSignal['kind'],
    urgency: CaseSignal['urgency'],
    daysAgo: number,
  ): CaseSignal => ({
    eventId,
    caseId,
    region,
    district: '751710000',
    kind,
    urgency,
    at: new Date(now.getTime() - daysAgo * 86_400_000),
  });

  it('counts distinct cases, their highest urgency and escalations within the window only', () => {
    const summary = summariseSignals(
      [
        signal('e1', 'c1', 'registered', 'medium', 3),
        signal('e2', 'c1', 'escalated', 'critical', 2),
        signal('e3', 'c2', 'registered', 'high', 1),
        signal('e4', 'c3', 'escalated', 'critical', 45),
      ],
      now,
      30,
    );
    expect(summary).toEqual({ cases: 2, urgentCases: 1.5, escalations: 1 });
  });
});

describe('risk bands and hysteresis', () => {
  it('maps scores to bands at the thresholds', () => {
    expect(rawBand(0)).toBe('low');
    expect(rawBand(24.9)).toBe('low');
    expect(rawBand(25)).toBe('elevated');
    expect(rawBand(50)).toBe('high');
    expect(rawBand(75)).toBe('critical');
    expect(rawBand(100)).toBe('critical');
  });

  it('rises as soon as the threshold is reached, even across several bands', () => {
    expect(nextBand('low', 80)).toBe('critical');
    expect(nextBand('elevated', 50)).toBe('high');
  });

  it('falls only once the score is the margin below the threshold', () => {
    expect(nextBand('high', bandThresholds.high - 1)).toBe('high');
    expect(nextBand('high', bandThresholds.high - hysteresisMargin)).toBe('high');
    expect(nextBand('high', bandThresholds.high - hysteresisMargin - 0.1)).toBe('elevated');
    expect(nextBand('critical', 10)).toBe('low');
  });

  it('a score oscillating around a threshold changes band once', () => {
    let band = nextBand(null, 40);
    const changes: string[] = [];
    for (const score of [49, 50.5, 48, 51, 47, 50, 46, 52, 49.5]) {
      const next = nextBand(band, score);
      if (next !== band) changes.push(`${band}→${next}`);
      band = next;
    }
    expect(changes).toEqual(['elevated→high']);
  });
});

describe('scoring a region', () => {
  const ctx = fixedContext();
  const withEscalations = (n: number, findings: number | null) => ({
    signals: { cases: n, urgentCases: n, escalations: n },
    latestFindingsScore: findings,
    latestFindingsAt: findings === null ? null : '2026-01-10T09:00:00.000Z',
    overdueRecommendations: 0,
  });

  it('each recomputation publishes region.risk-scored; the first one above low also region.risk-changed', () => {
    const first = scoreRegion(null, region, withEscalations(0, 10), 30, ctx);
    expect(first.events.map((e) => e.type)).toEqual(['region.risk-scored.v1']);
    expect(first.state.band).toBe('low');

    const second = scoreRegion(first.state, region, withEscalations(5, 90), 30, ctx);
    expect(second.events.map((e) => e.type)).toEqual(['region.risk-scored.v1', 'region.risk-changed.v1']);
    const changed = second.events[1]!;
    if (changed.type !== 'region.risk-changed.v1') throw new Error('expected a change');
    expect(changed.data).toMatchObject({ previousBand: 'low', band: 'critical', direction: 'rising' });
    expect(changed.data.explanation.drivers.slice(0, 3).sort()).toEqual([
      'escalations',
      'urgent_cases',
      'visit_findings',
    ]);
    expect(second.state.lastChange?.drivers.find((d) => d.name === 'escalations')?.points).toBe(25);
  });

  it('when the counts that raised the band are all under 5, the change still names what moved it, with no points', () => {
    const quiet = scoreRegion(null, region, withEscalations(0, null), 30, ctx);
    const raised = scoreRegion(quiet.state, region, withEscalations(4, null), 30, ctx);
    expect(raised.state.band).not.toBe('low');
    const drivers = raised.state.lastChange?.drivers ?? [];
    expect(drivers.map((d) => d.name)).toEqual(expect.arrayContaining(['escalations', 'urgent_cases']));
    expect(drivers.every((d) => d.points === 0)).toBe(true);
  });

  it('explains a change against the scores when the band was entered, not just the last step', () => {
    let state: RegionRisk | null = null;
    const types: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const result = scoreRegion(state, region, withEscalations(n, 90), 30, ctx);
      types.push(
        ...result.events.filter((e) => e.type === 'region.risk-changed.v1').map((e) => e.data.band as string),
      );
      state = result.state;
    }
    expect(types).toEqual(['elevated', 'high', 'critical']);
    expect(state?.lastChange?.from).toBe('high');
  });

  it('a score that does not leave its band publishes no change', () => {
    const first = scoreRegion(null, region, withEscalations(3, 60), 30, ctx);
    const again = scoreRegion(first.state, region, withEscalations(3, 58), 30, ctx);
    expect(again.events.map((e) => e.type)).toEqual(['region.risk-scored.v1']);
    expect(again.events[0]?.data).toMatchObject({ previousBand: first.state.band });
  });
});
