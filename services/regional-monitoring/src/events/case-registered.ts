// case.registered: a new case in a region is a volume signal (and an urgency one when urgent).
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { HandlerDeps } from './handler-deps.ts';
import { causedBy } from './handler-deps.ts';
import { recomputeRegionRisk } from './recompute-region-risk.ts';

export async function onCaseRegistered(
  deps: HandlerDeps,
  event: EventOf<'case.registered.v1'>,
): Promise<void> {
  const { data } = event;
  await deps.stores.caseSignals.record({
    eventId: event.id,
    caseId: data.caseId,
    region: data.region,
    district: data.district,
    kind: 'registered',
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
