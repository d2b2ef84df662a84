// The regional risk index (README "Risk index"): a pure function of recent case signals, the
// latest approved findings and overdue recommendations → a score 0..100 made of named factors.
import type { SignalSummary } from './case-signals.ts';

export type RiskInputs = {
  signals: SignalSummary;
  /** The findings score (0..100) of the region's latest approved visit; null when none. */
  latestFindingsScore: number | null;
  overdueRecommendations: number;
};

export type FactorName =
  | 'case_volume'
  | 'urgent_cases'
  | 'escalations'
  | 'visit_findings'
  | 'overdue_recommendations';

export type FactorValue = { name: FactorName; value: number; weight: number };

/** Weights sum to 1, so the score is 100 × Σ value × weight. */
export const factorWeights: Readonly<Record<FactorName, number>> = {
  case_volume: 0.15,
  urgent_cases: 0.25,
  escalations: 0.25,
  visit_findings: 0.25,
  overdue_recommendations: 0.1,
};

/** The count at which a factor saturates (value 1). */
export const saturation = { cases: 20, urgentCases: 5, escalations: 5, overdueRecommendations: 3 } as const;

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;
const share = (count: number, full: number) => round(Math.min(1, count / full));

export function riskFactors(inputs: RiskInputs): FactorValue[] {
  const values: Record<FactorName, number> = {
    case_volume: share(inputs.signals.cases, saturation.cases),
    urgent_cases: share(inputs.signals.urgentCases, saturation.urgentCases),
    escalations: share(inputs.signals.escalations, saturation.escalations),
    visit_findings: share(inputs.latestFindingsScore ?? 0, 100),
    overdue_recommendations: share(inputs.overdueRecommendations, saturation.overdueRecommendations),
  };
  return (Object.keys(factorWeights) as FactorName[]).map((name) => ({
    name,
    value: values[name],
    weight: factorWeights[name],
  }));
}

export function riskScore(factors: readonly FactorValue[]): number {
  return round(
    Math.min(
      100,
      factors.reduce((sum, factor) => sum + 100 * factor.value * factor.weight, 0),
    ),
    1,
  );
}

/** Points of the score a factor contributes. */
export function contribution(factor: Pick<FactorValue, 'value' | 'weight'>): number {
  return 100 * factor.value * factor.weight;
}
