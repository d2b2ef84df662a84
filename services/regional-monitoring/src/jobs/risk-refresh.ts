// Case signals age out of the sliding window even when no new event arrives, so a region's risk
// must fall without one. This job rescores regions not scored for a while and above calm. Safe on
// several instances: a region rescored by another instance since the job looked is skipped, and
// two rescoring at once meet on the commit's version.
import { newEventId } from '@kelisim/contracts/envelope';
import type { Logger } from 'pino';
import { type RiskDeps, recomputeRegionRisk } from '../events/recompute-region-risk.ts';

export type RefreshDeps = RiskDeps & { clock: () => Date; logger: Logger };

export async function refreshStaleRisks(deps: RefreshDeps, staleAfterMs: number): Promise<number> {
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - staleAfterMs).toISOString();
  const stale = await deps.stores.risks.staleRegions(cutoff);
  const correlationId = `risk-refresh:${now.toISOString()}`;
  let rescored = 0;
  for (const region of stale) {
    const ctx = { now, newId: newEventId, correlationId, causationId: null, actor: 'risk-refresh' };
    if (await recomputeRegionRisk(deps, region, ctx, { onlyIfScoredBefore: cutoff })) rescored += 1;
  }
  if (rescored > 0) deps.logger.info({ rescored }, 'risk refresh: stale regions rescored');
  return rescored;
}
