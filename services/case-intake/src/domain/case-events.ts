// Building the `cases` events from a case's state. Only ids, codes, counts and dates leave the
// service (DESIGN.md §3): names, contacts and texts stay sealed in the state.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import type { EventData, EventType } from '@kelisim/contracts/events/catalogue';
import type { Language } from '@kelisim/contracts/reference/people-vocabulary';
import { type DecisionContext, eventBuilder } from '@kelisim/service-kit/commands/decision';
import type { CaseState } from './case-types.ts';

export const eventSource = '/services/case-intake';

const eventOf = eventBuilder(eventSource);

/** An event about the case, in its region. */
export function caseEvent<T extends EventType>(
  type: T,
  state: CaseState,
  data: EventData<T>,
  ctx: DecisionContext,
): EventEnvelope {
  return eventOf(type, data, { subject: state.caseId, region: state.region }, ctx);
}

export function caseRef(state: CaseState) {
  return {
    caseId: state.caseId,
    caseNumber: state.caseNumber,
    region: state.region,
    district: state.district,
    status: state.status,
  };
}

export function caseProfile(state: CaseState) {
  return {
    category: state.category,
    urgency: state.urgency,
    riskFlags: [...state.riskFlags],
    escalationLevel: state.escalationLevel,
  };
}

export function partyLanguages(state: CaseState): Language[] {
  return [...new Set(state.parties.map((party) => party.language))];
}

/** Communities of parties who consented to their community being recorded, each once. */
export function communityCodes(state: CaseState): string[] {
  const codes = state.parties
    .filter((party) => party.consent?.communityConsent && party.community !== null)
    .map((party) => party.community as string);
  return [...new Set(codes)].sort();
}

export function partiesSummary(state: CaseState) {
  return {
    partyCount: state.parties.length,
    partyLanguages: partyLanguages(state),
    communityCodes: communityCodes(state),
  };
}
