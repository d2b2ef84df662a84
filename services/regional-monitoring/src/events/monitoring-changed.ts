// This service's own events that move a region's risk: an approved visit (new findings, and the
// recommendations drafted on it issued), a recommendation gone overdue, or one completed. Consumed
// from the bus rather than handled in the request, so that the drafts are issued and the risk
// recomputed even if the instance that committed the review died.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import type { HandlerDeps } from './handler-deps.ts';
import { causedBy } from './handler-deps.ts';
import { issueDrafts } from './issue-drafts.ts';
import { recomputeRegionRisk } from './recompute-region-risk.ts';

type RiskMovingEvent =
  | EventOf<'visit.reviewed.v1'>
  | EventOf<'recommendation.overdue.v1'>
  | EventOf<'recommendation.completed.v1'>;

export async function onMonitoringChanged(deps: HandlerDeps, event: RiskMovingEvent): Promise<void> {
  if (event.type === 'visit.reviewed.v1') {
    if (event.data.decision !== 'approved') return;
    const runner = new CommandRunner(deps.stores.recommendations.log, { wake: deps.wakeRelay });
    await issueDrafts(runner, deps.stores.recommendations, event.data, {
      ...causedBy(event, deps.clock),
      actor: 'visit-review',
    });
  }
  await recomputeRegionRisk(
    deps,
    event.data.region,
    causedBy(event, deps.clock),
    // The event is the approval: its score and time, so the latest visit need not be looked up.
    event.type === 'visit.reviewed.v1'
      ? { approvedFindings: { score: event.data.findingsScore, at: event.time } }
      : {},
  );
}
