// case.escalated: an escalation signal, carrying the case's current urgency.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { HandlerDeps } from './handler-deps.ts';
import { causedBy } from './handler-deps.ts';
import { recomputeRegionRisk } from './recompute-region-risk.ts';

export async function onCaseEscalated(deps: HandlerDeps, event: EventOf<'case.escalated.v1'>): Promise<void> {
  const { data } = event;
  await deps.stores.caseSignals.record({
    eventId: event.id,
    caseId: data.caseId,
    region: data.region,
    district: data.district,
    kind: 'escalated',
    urgency: data.urgency,
    at: new Date(event.time),
  });
  await deps.stores.caseSignals.updateProfile(data.caseId, {
    region: data.region,
    district: data.district,
    category: data.category,
    urgency: data.urgency,
    status: data.status,
    updatedAt: new Date(event.time),
  });
  await recomputeRegionRisk(deps, data.region, causedBy(event, deps.clock));
}
