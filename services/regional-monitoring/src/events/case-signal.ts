// The case events that are risk signals: each is recorded by event id (so a redelivery counts
// once) with the case's urgency, updates the case's profile for the statistics, and recomputes
// the region's risk.
// - registered: a new case is a volume signal (and an urgency one when urgent);
// - escalated: an escalation signal, carrying the case's current urgency;
// - reopened: a closed conflict flared up again; it counts like a new case in the window;
// - screened: screening may correct the urgency (raise it to critical, say).
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { SignalKind } from '../domain/case-signals.ts';
import { causedBy, type HandlerDeps } from './handler-deps.ts';
import { recomputeRegionRisk } from './recompute-region-risk.ts';

export const signalKindByType = {
  'case.registered.v1': 'registered',
  'case.escalated.v1': 'escalated',
  'case.reopened.v1': 'reopened',
  'case.screened.v1': 'other',
} as const satisfies Record<string, SignalKind>;

export type SignalEventType = keyof typeof signalKindByType;

export async function onCaseSignal(deps: HandlerDeps, event: EventOf<SignalEventType>): Promise<void> {
  const { data } = event;
  await deps.stores.caseSignals.record({
    eventId: event.id,
    caseId: data.caseId,
    region: data.region,
    district: data.district,
    kind: signalKindByType[event.type],
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
  const kind = signalKindByType[event.type];
  if (kind !== 'reopened') {
    const place = {
      caseId: data.caseId,
      region: data.region,
      district: data.district,
      at: new Date(event.time),
    };
    const profile = { category: data.category, urgency: data.urgency };
    await deps.stores.caseTrends.record(
      kind === 'escalated'
        ? { ...place, ...profile, kind, eventId: event.id }
        : { ...place, ...profile, kind: kind === 'registered' ? 'registered' : 'screened' },
    );
  }
  await recomputeRegionRisk(deps, data.region, causedBy(event, deps.clock));
}
