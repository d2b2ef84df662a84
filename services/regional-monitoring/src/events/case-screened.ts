// case.screened: screening may correct the case's urgency (raise it to critical, say), and the
// region's risk reads urgency from its signals, so the screening is a signal of its own.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { HandlerDeps } from './handler-deps.ts';
import { causedBy } from './handler-deps.ts';
import { recomputeRegionRisk } from './recompute-region-risk.ts';

export async function onCaseScreened(deps: HandlerDeps, event: EventOf<'case.screened.v1'>): Promise<void> {
  const { data } = event;
  await deps.stores.caseSignals.record({
    eventId: event.id,
    caseId: data.caseId,
    region: data.region,
    district: data.district,
    kind: 'other',
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
