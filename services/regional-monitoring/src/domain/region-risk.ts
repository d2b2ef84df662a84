// A region's risk over time: each recomputation scores it (`region.risk-scored`), and when the band
// moves (with hysteresis) `region.risk-changed` says which factors moved it since the band was
// entered, and by how many points. The band is decided on the exact counts; every number and
// driver that leaves the service (events, the last change) is made of published counts
// (small-counts.ts), so none gives back a count under 5.
import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { type RiskBand, riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { type Decision, eventOf } from './decision.ts';
import { nextBand } from './risk-band.ts';
import {
  contribution,
  type FactorName,
  type FactorValue,
  type RiskInputs,
  riskFactors,
  riskScore,
} from './risk-index.ts';
import { publishedFactors, publishedScore } from './small-counts.ts';

export type Driver = { name: FactorName; points: number };

/** A band change as readers see it: scores and driver points of published factors. */
export type BandChange = {
  from: RiskBand;
  to: RiskBand;
  fromScore: number;
  toScore: number;
  direction: 'rising' | 'falling';
  drivers: Driver[];
  at: string;
};

export type RegionRisk = {
  region: string;
  score: number;
  band: RiskBand;
  factors: FactorValue[];
  /** The factors when the current band was entered: the baseline a change is explained against. */
  bandFactors: FactorValue[];
  windowDays: number;
  scoredAt: string;
  lastChange: BandChange | null;
  /**
   * The findings score of the latest approved visit the factors were computed from (null: none).
   * Kept so that a case event's recomputation need not look for that visit again, which on
   * FerretDB is a scan of every visit (docs/adr/0007); absent from states scored before.
   */
  latestFindingsScore?: number | null;
  /**
   * When that visit was approved (null: none). With it, an approved visit's own event says
   * whether it is newer than the one kept, so no recomputation looks for the latest visit; absent
   * from states scored before.
   */
  latestFindingsAt?: string | null;
};

const round = (value: number) => Math.round(value * 10) / 10;

function movedSince(
  factors: readonly FactorValue[],
  baseline: readonly FactorValue[],
  direction: 'rising' | 'falling',
): Driver[] {
  const before = new Map(baseline.map((factor) => [factor.name, contribution(factor)]));
  const sign = direction === 'rising' ? 1 : -1;
  return factors
    .map((factor) => ({
      name: factor.name,
      points: round(contribution(factor) - (before.get(factor.name) ?? 0)),
    }))
    .filter((d) => d.points * sign > 0)
    .sort((a, b) => (b.points - a.points) * sign);
}

/**
 * Factors whose contribution moved in the band's direction since the baseline, largest first, in
 * published figures. When the counts that moved are all hidden (under 5), the factors that moved
 * the band are still named, with the points a reader may see (none): the band itself leaves the
 * service, and which factor moved it says no count (docs/adr/0011).
 */
export function driversOf(
  factors: readonly FactorValue[],
  baseline: readonly FactorValue[],
  direction: 'rising' | 'falling',
  exact?: { factors: readonly FactorValue[]; baseline: readonly FactorValue[] },
): Driver[] {
  const drivers = movedSince(factors, baseline, direction);
  if (drivers.length > 0) return drivers;
  const hidden = exact ? movedSince(exact.factors, exact.baseline, direction) : [];
  if (hidden.length > 0) return hidden.map(({ name }) => ({ name, points: 0 }));
  // The weights changed under an unchanged input: name the largest contributor.
  const largest = [...factors].sort((a, b) => contribution(b) - contribution(a))[0]!;
  return [{ name: largest.name, points: 0 }];
}

/** A region before its first score: low, every factor at zero. */
export function calmRegion(region: string, windowDays: number): RegionRisk {
  const factors = riskFactors({
    signals: { cases: 0, urgentCases: 0, escalations: 0 },
    latestFindingsScore: null,
    overdueRecommendations: 0,
  });
  return {
    region,
    score: 0,
    band: 'low',
    factors,
    bandFactors: factors,
    windowDays,
    scoredAt: new Date(0).toISOString(),
    lastChange: null,
  };
}

export function scoreRegion(
  previous: RegionRisk | null,
  region: string,
  inputs: RiskInputs & { latestFindingsAt: string | null },
  windowDays: number,
  ctx: DecisionContext,
): Decision<RegionRisk> {
  const factors = riskFactors(inputs);
  const score = riskScore(factors);
  // A region never scored before starts from calm: a first score above low is a change.
  const base = previous ?? calmRegion(region, windowDays);
  const band = nextBand(base.band, score);
  const shownFactors = publishedFactors(factors);
  const shownScore = riskScore(shownFactors);
  const previousValues = new Map(publishedFactors(base.factors).map((f) => [f.name, f.value]));
  const eventFactors = shownFactors.map((f) => ({
    ...f,
    delta: Math.max(-1, Math.min(1, Math.round((f.value - (previousValues.get(f.name) ?? 0)) * 1e4) / 1e4)),
  }));
  const changed = base.band !== band;
  const direction =
    riskBands.rank(band) > riskBands.rank(base.band) ? ('rising' as const) : ('falling' as const);
  const change: BandChange | null = changed
    ? {
        from: base.band,
        to: band,
        fromScore: publishedScore(base.factors),
        toScore: shownScore,
        direction,
        drivers: driversOf(shownFactors, publishedFactors(base.bandFactors), direction, {
          factors,
          baseline: base.bandFactors,
        }),
        at: ctx.now.toISOString(),
      }
    : null;
  const state: RegionRisk = {
    region,
    score,
    band,
    factors,
    bandFactors: changed ? factors : base.bandFactors,
    windowDays,
    scoredAt: ctx.now.toISOString(),
    lastChange: change ?? base.lastChange,
    latestFindingsScore: inputs.latestFindingsScore,
    latestFindingsAt: inputs.latestFindingsAt,
  };
  const common = { region, score: shownScore, band, factors: eventFactors, windowDays };
  const events: KnownEvent[] = [
    eventOf(
      'region.risk-scored.v1',
      { ...common, previousBand: previous?.band ?? null },
      { subject: region, region },
      ctx,
    ),
  ];
  if (change) {
    events.push(
      eventOf(
        'region.risk-changed.v1',
        {
          ...common,
          previousBand: change.from,
          previousScore: change.fromScore,
          direction: change.direction,
          explanation: { drivers: change.drivers.map((d) => d.name) },
        },
        { subject: region, region },
        ctx,
      ),
    );
  }
  return { state, events };
}
