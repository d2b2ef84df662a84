// Recomputes a region's risk from what the service knows now and commits the result with its
// events (region.risk-scored, and region.risk-changed when the band moves) in one append. Two
// recomputations racing on one region: the loser reloads and decides again.
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { summariseSignals } from '../domain/case-signals.ts';
import type { EventContext } from '../domain/event-context.ts';
import { type RegionRisk, scoreRegion } from '../domain/region-risk.ts';
import { latestCommitted } from '../store/commits.ts';
import type { Stores } from '../store/stores.ts';

export type RiskDeps = { stores: Stores; windowDays: number; wakeRelay: () => void };

const maxAttempts = 5;

export type RecomputeOptions = {
  /** Skip (answer null) when the region was scored at or after this instant: someone else just did. */
  onlyIfScoredBefore?: string;
};

export async function recomputeRegionRisk(
  deps: RiskDeps,
  region: string,
  ctx: EventContext,
  options: RecomputeOptions = {},
): Promise<RegionRisk | null> {
  const { stores, windowDays } = deps;
  for (let attempt = 1; ; attempt++) {
    const [signals, latest, overdue, current] = await Promise.all([
      stores.caseSignals.inWindow(region, ctx.now, windowDays),
      stores.visits.latestApproved(region),
      stores.recommendations.countOverdue(region),
      // From the commits: another instance's projection may lag its commit.
      latestCommitted(stores.risks.log, region),
    ]);
    if (options.onlyIfScoredBefore && current && current.state.scoredAt >= options.onlyIfScoredBefore)
      return null;
    const decision = scoreRegion(
      current?.state ?? null,
      region,
      {
        signals: summariseSignals(signals, ctx.now, windowDays),
        latestFindingsScore: latest?.findingsScore ?? null,
        overdueRecommendations: overdue,
      },
      windowDays,
      ctx,
    );
    try {
      await stores.risks.log.append({
        streamId: region,
        expectedVersion: current?.version ?? 0,
        events: decision.events,
        state: decision.state,
        now: ctx.now,
      });
      deps.wakeRelay();
      return decision.state;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= maxAttempts) throw error;
    }
  }
}
