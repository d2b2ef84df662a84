// A new case: its first state and events. A duplicate suspicion found before the commit travels in
// the same commit, so the new case shows it from its first version.
import type { CaseCategory, RiskFlag, Urgency } from '@kelisim/contracts/reference/case-vocabulary';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { Decision } from './case-decision.ts';
import { caseEvent, caseProfile, caseRef, partiesSummary } from './case-events.ts';
import type { CaseState, DuplicateSuspicion, Party, Sealed } from './case-types.ts';
import { duplicateWindowDays } from './duplicates.ts';

export type NewParty = Omit<Party, 'consent' | 'community' | 'erasedAt' | 'name' | 'nameHash'> & {
  name: Sealed;
  nameHash: string;
};

export type RegisterCase = {
  caseId: string;
  caseNumber: string;
  region: string;
  district: string;
  locality: string | null;
  category: CaseCategory;
  urgency: Urgency;
  riskFlags: RiskFlag[];
  description: Sealed | null;
  parties: NewParty[];
  /** Earlier cases this one may duplicate, found by the store. */
  duplicates: DuplicateSuspicion[];
};

export function registerCase(input: RegisterCase, ctx: DecisionContext): Decision {
  const at = ctx.now.toISOString();
  const parties: Party[] = input.parties.map((party) => ({ ...party, community: null, consent: null }));
  const state: CaseState = {
    caseId: input.caseId,
    caseNumber: input.caseNumber,
    status: 'registered',
    region: input.region,
    district: input.district,
    locality: input.locality,
    category: input.category,
    urgency: input.urgency,
    riskFlags: [...new Set(input.riskFlags)],
    description: input.description,
    parties,
    partyNameHashes: [...new Set(input.parties.map((party) => party.nameHash))],
    sessions: [],
    mediatorId: null,
    mediatorUserId: null,
    outcome: null,
    followUpDue: null,
    followUpDueNotified: false,
    followUp: null,
    escalationLevel: 0,
    escalationReason: null,
    closureReason: null,
    duplicateSuspicions: input.duplicates,
    registeredAt: at,
    registeredBy: ctx.actor,
    updatedAt: at,
    closedOn: null,
  };
  const events = [
    caseEvent(
      'case.registered.v1',
      state,
      {
        ...caseRef(state),
        ...caseProfile(state),
        ...partiesSummary(state),
        locality: state.locality,
        registeredBy: ctx.actor,
      },
      ctx,
    ),
  ];
  if (input.duplicates.length > 0) {
    events.push(
      caseEvent(
        'case.duplicate-suspected.v1',
        state,
        {
          ...caseRef(state),
          matches: input.duplicates.map(({ caseId, caseNumber, overlappingParties }) => ({
            caseId,
            caseNumber,
            overlappingParties,
          })),
          windowDays: duplicateWindowDays,
        },
        ctx,
      ),
    );
  }
  return { state, events };
}
