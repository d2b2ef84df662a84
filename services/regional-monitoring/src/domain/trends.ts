// Monthly trends of a region and each of its districts (issue 26): cases registered by category
// and urgency, outcomes by kind, median days from registration to outcome, escalations,
// recommendations that fell due completed on time or overdue, and the region's risk band at each
// month's end. Every count is a published count (small-counts.ts, docs/adr/0011): a month of a
// district is a small group, and a region's month minus its district's must leave a band.
// The median is shown only over at least `minimumShownCount` outcomes: over fewer it would be one
// case's (or two cases') own duration.
import type { RiskBand } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { type Breakdown, minimumShownCount, publishedBreakdown, publishedCount } from './small-counts.ts';

export type CaseFacts = {
  caseId: string;
  region: string;
  district: string;
  category: string;
  urgency: string;
  /** Null when the case's registration came before these facts were kept: its later events still count. */
  registeredAt: Date | null;
  outcome: { kind: string; at: Date } | null;
  escalations: readonly Date[];
};

export type RecommendationFacts = {
  region: string;
  district: string | null;
  dueDate: string;
  /** The day it was marked done, null while it is not. */
  completedOn: string | null;
};

export type BandAt = { at: Date; band: RiskBand };

export type MonthFigures = {
  month: string;
  registered: { byCategory: Breakdown; byUrgency: Breakdown };
  outcomes: Breakdown;
  medianDaysToOutcome: number | null;
  escalations: number | null;
  recommendations: { due: number | null; completedOnTime: number | null; overdue: number | null };
};

export type TerritoryTrend = { territory: string; months: MonthFigures[] };

export type RegionTrends = {
  region: string;
  minimumShownCount: number;
  whole: TerritoryTrend;
  districts: TerritoryTrend[];
  /** The region's band at each month's end; null before it was first scored. */
  riskBands: { month: string; band: RiskBand | null }[];
};

const dayMs = 86_400_000;
const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** The months from `from` to `to` (`YYYY-MM`), both included. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  const [year, month] = from.split('-').map(Number) as [number, number];
  for (let cursor = new Date(Date.UTC(year, month - 1, 1)); monthOf(cursor) <= to; ) {
    months.push(monthOf(cursor));
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
  }
  return months;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** The median of whole days, to one decimal; null over fewer than the shown minimum. */
export function publishedMedian(days: readonly number[]): number | null {
  if (days.length < minimumShownCount) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(median * 10) / 10;
}

/**
 * A recommendation that fell due in the month counts as due; completed on or before its due day
 * it is on time, otherwise (completed late, or not completed by `today` once past due) overdue.
 * One still open whose due day is today or later is neither yet.
 */
function recommendationFigures(due: readonly RecommendationFacts[], today: string) {
  let onTime = 0;
  let overdue = 0;
  for (const r of due) {
    if (r.completedOn !== null && r.completedOn <= r.dueDate) onTime++;
    else if (r.completedOn !== null || r.dueDate < today) overdue++;
  }
  return {
    due: publishedCount(due.length),
    completedOnTime: publishedCount(onTime),
    overdue: publishedCount(overdue),
  };
}

function monthFigures(
  month: string,
  cases: readonly CaseFacts[],
  recommendations: readonly RecommendationFacts[],
  today: string,
): MonthFigures {
  const registered = cases.filter((c) => c.registeredAt !== null && monthOf(c.registeredAt) === month);
  const ended = cases.filter((c) => c.outcome !== null && monthOf(c.outcome.at) === month);
  const escalations = cases.reduce(
    (sum, c) => sum + c.escalations.filter((at) => monthOf(at) === month).length,
    0,
  );
  return {
    month,
    registered: {
      byCategory: publishedBreakdown(countBy(registered, (c) => c.category)),
      byUrgency: publishedBreakdown(countBy(registered, (c) => c.urgency)),
    },
    outcomes: publishedBreakdown(countBy(ended, (c) => c.outcome?.kind ?? '')),
    medianDaysToOutcome: publishedMedian(
      ended.flatMap(({ registeredAt, outcome }) =>
        registeredAt && outcome ? [Math.floor((outcome.at.getTime() - registeredAt.getTime()) / dayMs)] : [],
      ),
    ),
    escalations: publishedCount(escalations),
    recommendations: recommendationFigures(
      recommendations.filter((r) => r.dueDate.slice(0, 7) === month),
      today,
    ),
  };
}

function bandAtEndOf(month: string, changes: readonly BandAt[]): RiskBand | null {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const end = Date.UTC(year, m, 1);
  let band: RiskBand | null = null;
  for (const change of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (change.at.getTime() < end) band = change.band;
  }
  return band;
}

export function regionTrends(input: {
  region: string;
  districts: readonly string[];
  months: readonly string[];
  cases: readonly CaseFacts[];
  recommendations: readonly RecommendationFacts[];
  bands: readonly BandAt[];
  today: string;
}): RegionTrends {
  const { region, months, cases, recommendations, today } = input;
  const trend = (territory: string, c: readonly CaseFacts[], r: readonly RecommendationFacts[]) => ({
    territory,
    months: months.map((month) => monthFigures(month, c, r, today)),
  });
  return {
    region,
    minimumShownCount,
    whole: trend(region, cases, recommendations),
    districts: input.districts.map((district) =>
      trend(
        district,
        cases.filter((c) => c.district === district),
        recommendations.filter((r) => r.district === district),
      ),
    ),
    riskBands: months.map((month) => ({ month, band: bandAtEndOf(month, input.bands) })),
  };
}
