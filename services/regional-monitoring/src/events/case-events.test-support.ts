// Case events as case-intake publishes them, for the integration tests that feed the consumer:
// a registration (medium urgency) or an escalation to level 2 (critical) of a case in a district.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type KnownEvent } from '@kelisim/contracts/events/catalogue';
import { regionOf } from '@kelisim/contracts/reference/kato';

export type CaseEventType = 'case.escalated.v1' | 'case.registered.v1';

export function caseEvent(
  type: CaseEventType,
  caseId: string,
  district: string,
  category: 'group_conflict' | 'labour' | 'family' = 'group_conflict',
): KnownEvent {
  const region = regionOf(district);
  const escalated = type === 'case.escalated.v1';
  const base = {
    caseId,
    caseNumber: `EM-2026-${region.slice(0, 2)}-${caseId.replace(/\D/g, '') || '1'}`,
    region,
    district,
    status: escalated ? ('assigned' as const) : ('registered' as const),
    category,
    urgency: escalated ? ('critical' as const) : ('medium' as const),
    riskFlags: escalated ? ['violence_threatened' as const] : [],
  };
  const meta = {
    id: newEventId(),
    source: '/services/case-intake',
    subject: caseId,
    time: new Date().toISOString(),
    correlationid: `corr-${caseId}`,
    region,
  };
  if (escalated) {
    const data = {
      ...base,
      escalationLevel: 2 as const,
      previousLevel: 1 as const,
      reason: 'violence_threatened',
      mediatorId: null,
      escalatedBy: 'mediator-1',
    };
    return buildEvent(type, data, meta);
  }
  const data = {
    ...base,
    escalationLevel: 0 as const,
    partyCount: 2,
    partyLanguages: ['kk' as const],
    communityCodes: [],
    locality: null,
    registeredBy: 'mediator-1',
  };
  return buildEvent(type, data, meta);
}
