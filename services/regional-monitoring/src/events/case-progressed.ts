// The case events that only move a case along its lifecycle: they update the case's profile for
// the statistics and do not change the risk index. One handler for the lot, since each is one line.
import type { FamilyEvent } from '@kelisim/contracts/events/catalogue';
import type { CaseStatus } from '@kelisim/contracts/reference/case-vocabulary';
import type { HandlerDeps } from './handler-deps.ts';

export const statusByEventType = {
  'case.screened.v1': 'awaiting_consent',
  'case.declined.v1': 'declined',
  'case.referred-out.v1': 'referred_out',
  'case.mediator-assigned.v1': 'assigned',
  'case.session-held.v1': 'in_mediation',
  'case.outcome-recorded.v1': 'outcome',
  'case.follow-up-due.v1': 'follow_up',
  'case.followed-up.v1': 'follow_up',
  'case.closed.v1': 'closed',
  'case.withdrawn.v1': 'withdrawn',
} as const satisfies Partial<Record<FamilyEvent<'cases'>['type'], CaseStatus>>;

export type ProgressEventType = keyof typeof statusByEventType;

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
    status: statusByEventType[event.type],
    updatedAt: new Date(event.time),
  });
}
