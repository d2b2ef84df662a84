// The case events that only move a case along its lifecycle: they update the case's profile for
// the statistics (its status as the event states it, never re-derived here) and do not change the
// risk index. One handler for the lot, since each is one line.
import type { FamilyEvent } from '@kelisim/contracts/events/catalogue';
import type { HandlerDeps } from './handler-deps.ts';

export const progressEventTypes = [
  'case.consent-recorded.v1',
  'case.declined.v1',
  'case.referred-out.v1',
  'case.mediator-assigned.v1',
  'case.session-held.v1',
  'case.outcome-recorded.v1',
  'case.follow-up-due.v1',
  'case.followed-up.v1',
  'case.closed.v1',
  'case.withdrawn.v1',
  // A withdrawn consent may pause a running mediation: the case awaits consent again.
  'case.party-data-erased.v1',
] as const satisfies readonly FamilyEvent<'cases'>['type'][];

export type ProgressEventType = (typeof progressEventTypes)[number];

export async function onCaseProgressed(
  deps: HandlerDeps,
  event: Extract<FamilyEvent<'cases'>, { type: ProgressEventType }>,
): Promise<void> {
  const { data } = event;
  await deps.stores.caseSignals.updateProfile(data.caseId, {
    region: data.region,
    district: data.district,
    category: 'category' in data ? data.category : undefined,
    urgency: 'urgency' in data ? data.urgency : undefined,
    status: data.status,
    referralPartnerKind: 'partnerKind' in data ? (data.partnerKind ?? undefined) : undefined,
    // A reassignment replaces the kind: the case counts for the mediator now handling it.
    mediatorKind: 'mediatorKind' in data ? data.mediatorKind : undefined,
    updatedAt: new Date(event.time),
  });
  if (event.type === 'case.session-held.v1' && 'venueKind' in data && data.venueKind) {
    await deps.stores.caseSignals.recordSessionVenue({
      _id: data.sessionId,
      region: data.region,
      district: data.district,
      venueKind: data.venueKind,
    });
  }
  if (event.type === 'case.outcome-recorded.v1' && 'outcome' in data && data.outcome !== null) {
    await deps.stores.caseTrends.record({
      kind: 'outcome',
      caseId: data.caseId,
      region: data.region,
      district: data.district,
      at: new Date(event.time),
      outcome: data.outcome,
    });
  }
}
