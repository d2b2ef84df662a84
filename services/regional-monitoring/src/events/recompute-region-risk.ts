// Recomputes a region's risk from what the service knows now and commits the result with its
// events (region.risk-scored, and region.risk-changed when the band moves) in one append. Two
// recomputations racing on one region (partitions are consumed concurrently): the loser reloads
// and decides again. An event scores its region once, even when it is delivered again after its
// recomputation committed (see RiskStore.scoredBy).
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { summariseSignals } from '../domain/case-signals.ts';
import { type RegionRisk, scoreRegion } from '../domain/region-risk.ts';
import type { Stores } from '../store/stores.ts';

export type RiskDeps = { stores: Stores; windowDays: number; wakeRelay: () => void };

// Each attempt is a few `_id` reads; a region under a burst of events may lose several races.
const maxAttempts = 20;

export type RecomputeOptions = {
  /** Skip (answer null) when the region was scored at or after this instant: someone else just did. */
  onlyIfScoredBefore?: string;
  /** A visit was just approved (its event's score and time): kept if newer than the state's. */
  approvedFindings?: Findings;
};

/** The findings of a region's latest approved visit: its score and when it was approved. */
type Findings = { score: number | null; at: string | null };

/**
 * The latest approved findings: the state's, or the approved visit's when newer. Only a region
 * never scored, or scored before `latestFindingsAt` existed, looks for its latest approved
 * visit, which on FerretDB scans every visit (docs/adr/0007).
 */
async function latestFindings(
  stores: Stores,
  region: string,
  kept: RegionRisk | undefined,
  approved: Findings | undefined,
): Promise<Findings> {
  let known: Findings;
  if (kept?.latestFindingsAt === undefined) {
    const visit = await stores.visits.latestApproved(region);
    known = { score: visit?.findingsScore ?? null, at: visit?.review?.reviewedAt ?? null };
  } else {
    known = { score: kept.latestFindingsScore ?? null, at: kept.latestFindingsAt };
  }
  if (!approved?.at) return known;
  // Two approvals consumed out of order (partitions run concurrently): the later one wins.
  return known.at === null || approved.at >= known.at ? approved : known;
}

export async function recomputeRegionRisk(
  deps: RiskDeps,
  region: string,
  ctx: DecisionContext,
  options: RecomputeOptions = {},
): Promise<RegionRisk | null> {
  const { stores, windowDays } = deps;
  // Not the runner's `run`: a region never scored has no stream yet, its state is read from the
  // commits (another instance's projection may lag its commit), and a lost race is decided again
  // up to `maxAttempts` times with fresh signals.
  const runner = new CommandRunner(stores.risks.log, { wake: deps.wakeRelay });
  const cause = ctx.causationId ?? null;
  if (cause) {
    const earlier = await stores.risks.scoredBy(cause);
    if (earlier) return earlier.state;
  }
  for (let attempt = 1; ; attempt++) {
    const current = await stores.risks.log.latest(region);
    const [signals, findings, overdue] = await Promise.all([
      stores.caseSignals.windowAt(region, current?.version ?? 0, ctx.now, windowDays),
      latestFindings(stores, region, current?.state, options.approvedFindings),
      stores.recommendations.countOverdue(region),
    ]);
    if (options.onlyIfScoredBefore && current && current.state.scoredAt >= options.onlyIfScoredBefore)
      return null;
    const decision = scoreRegion(
      current?.state ?? null,
      region,
      {
        signals: summariseSignals(signals, ctx.now, windowDays),
        latestFindingsScore: findings.score,
        latestFindingsAt: findings.at,
        overdueRecommendations: overdue,
      },
      windowDays,
      ctx,
    );
    try {
      if (cause) await stores.risks.markCause(cause, region, (current?.version ?? 0) + 1);
      await runner.append(region, current?.version ?? 0, decision, ctx.now);
      stores.caseSignals.keepWindow(region, (current?.version ?? 0) + 1, signals, ctx.now, windowDays);
      return decision.state;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= maxAttempts) throw error;
    }
  }
}
