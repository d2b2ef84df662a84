// Small counts (docs/adr/0011-small-count-suppression.md): a count of cases, visits or
// recommendations leaves the service only as a published count. Under 5 it is hidden (null:
// "fewer than 5", zero included); from 5 it is the multiple of 5 at or below it, so a shown 5 means
// "5 to 9". Totals are published counts of their own, never the exact sum. Every shown figure
// stands for a band of five counts, so subtracting shown figures (a total minus its other cells, a
// region minus a district) leaves a band, not a count. Risk factors made of counts are published
// from published counts, and the score shown is the score of those factors.
import { contribution, type FactorName, type FactorValue, riskScore, saturation } from './risk-index.ts';

export const minimumShownCount = 5;

export type Breakdown = { total: number | null; counts: Record<string, number | null> };

export function publishedCount(count: number): number | null {
  return count < minimumShownCount ? null : Math.floor(count / minimumShownCount) * minimumShownCount;
}

/** Every cell of a breakdown and its total, each published on its own. */
export function publishedBreakdown(counts: Readonly<Record<string, number>>): Breakdown {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const shown: Record<string, number | null> = {};
  for (const [key, count] of Object.entries(counts)) shown[key] = publishedCount(count);
  return { total: publishedCount(total), counts: shown };
}

/** The count at which each factor saturates; null: the factor is not a count (a findings score). */
const countAtFullValue: Readonly<Record<FactorName, number | null>> = {
  case_volume: saturation.cases,
  urgent_cases: saturation.urgentCases,
  escalations: saturation.escalations,
  visit_findings: null,
  overdue_recommendations: saturation.overdueRecommendations,
};

/** A factor's value as computed from the published count behind it (a hidden count as 0). */
export function publishedFactorValue(factor: Pick<FactorValue, 'name' | 'value'>): number {
  const full = countAtFullValue[factor.name];
  if (full === null || factor.value >= 1) return factor.value;
  // Counts are whole, or halves for urgent cases; the value was rounded to 4 places.
  const count = Math.round(factor.value * full * 2) / 2;
  return Math.min(1, (publishedCount(count) ?? 0) / full);
}

export function publishedFactors<F extends FactorValue>(factors: readonly F[]): F[] {
  return factors.map((factor) => ({ ...factor, value: publishedFactorValue(factor) }));
}

/** The score of the published factors: the one a reader sees beside the band. */
export function publishedScore(factors: readonly FactorValue[]): number {
  return riskScore(publishedFactors(factors));
}

/** Points of the score a published factor contributes, to one decimal. */
export function publishedPoints(factor: FactorValue): number {
  return Math.round(contribution({ ...factor, value: publishedFactorValue(factor) }) * 10) / 10;
}
