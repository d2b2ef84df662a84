// Givens for the domain's tests: a registered case, a mediator who qualifies, a fixed clock.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import type { CaseState, Sealed } from './case-types.ts';
import { decide } from './decide.ts';
import type { MediatorEligibility } from './mediator-eligibility.ts';
import { registerCase } from './register-case.ts';

export const sealed = (label: string): Sealed => ({ k: 'k1', iv: 'iv', ct: label, tag: 'tag' });

let counter = 0;
export function testContext(now = new Date('2026-03-10T09:00:00.000Z')): DecisionContext {
  return {
    now,
    actor: 'u-mediator-1',
    newId: () => `0195570a-6b00-7a11-9c3e-${String(++counter).padStart(12, '0')}`,
    correlationId: 'corr-1',
  };
}

export const qualifiedMediator: MediatorEligibility = {
  mediatorId: 'med-1',
  userId: 'u-med-1',
  regions: ['750000000'],
  languages: ['kk', 'ru'],
  status: 'active',
  kind: 'certified',
  certifications: [
    { certificationId: 'cert-1', validFrom: '2025-01-01', validUntil: '2027-12-31', state: 'valid' },
  ],
};

export function registeredCase(ctx = testContext()): Decision {
  return registerCase(
    {
      caseId: 'case-1',
      caseNumber: 'EM-2026-75-000001',
      region: '750000000',
      district: '751310000',
      locality: null,
      category: 'neighbourhood',
      urgency: 'high',
      riskFlags: ['large_group'],
      description: sealed('description'),
      parties: [
        {
          partyId: 'p-1',
          kind: 'individual',
          role: 'claimant',
          language: 'kk',
          userId: null,
          name: sealed('a'),
          nameHash: 'h-a',
          contacts: null,
        },
        {
          partyId: 'p-2',
          kind: 'group',
          role: 'respondent',
          language: 'ru',
          userId: 'u-party-2',
          name: sealed('b'),
          nameHash: 'h-b',
          contacts: sealed('c'),
        },
      ],
      duplicates: [],
    },
    ctx,
  );
}

/** Runs commands in order from a registered case; returns every decision's state and all events. */
export function given(commands: CaseCommand[], ctx = testContext()): Decision {
  let { state, events } = registeredCase(ctx);
  for (const command of commands) {
    const decision = decide(state, command, ctx);
    state = decision.state;
    events = [...events, ...decision.events];
  }
  return { state, events };
}

export const consentOf = (partyId: string, consented = true): CaseCommand => ({
  type: 'record-consent',
  partyId,
  consented,
  communityConsent: false,
  community: null,
});

export const toAwaitingConsent: CaseCommand[] = [{ type: 'screen' }, consentOf('p-1'), consentOf('p-2')];
export const toAssigned: CaseCommand[] = [
  ...toAwaitingConsent,
  { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator },
];
export const session: CaseCommand = {
  type: 'record-session',
  kind: 'joint',
  heldOn: '2026-03-09',
  durationMinutes: 90,
  attendeePartyIds: ['p-1', 'p-2'],
  otherAttendeeCount: 1,
  notes: sealed('notes'),
};
export const toInMediation: CaseCommand[] = [...toAssigned, session];
export const agreement: CaseCommand = {
  type: 'record-outcome',
  outcome: 'agreement',
  agreement: sealed('agreement'),
  followUpDue: '2026-04-10',
};
export const toOutcome: CaseCommand[] = [...toInMediation, agreement];
export const toFollowUp: CaseCommand[] = [
  ...toOutcome,
  { type: 'follow-up', followedUpOn: '2026-03-10', result: 'holding', notes: null },
];
export const toClosed: CaseCommand[] = [...toFollowUp, { type: 'close' }];

export function stateOf(commands: CaseCommand[]): CaseState {
  return given(commands).state;
}

/** Every event must satisfy its contract. */
export function expectValidEvents(decision: Decision): void {
  for (const event of decision.events) {
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(event)), { family: 'cases' });
    if (!parsed.ok) throw new Error(`${event.type}: ${parsed.message} ${JSON.stringify(parsed.issues)}`);
  }
}
