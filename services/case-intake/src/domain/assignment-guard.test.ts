import { describe, expect, it } from 'vitest';
import { mediatorsForCase } from './assignment-guard.ts';
import type { CaseCommand } from './case-commands.ts';
import {
  consentOf,
  given,
  qualifiedMediator,
  testContext,
  toAwaitingConsent,
} from './case-fixtures.test-support.ts';
import { decide } from './decide.ts';
import type { MediatorEligibility } from './mediator-eligibility.ts';

const awaiting = () => given(toAwaitingConsent).state;

function refusedConditions(mediator: MediatorEligibility | null, before: CaseCommand[] = toAwaitingConsent) {
  try {
    decide(given(before).state, { type: 'assign', mediatorId: 'med-1', mediator }, testContext());
  } catch (error) {
    return (error as { extensions: { failedConditions: string[] } }).extensions.failedConditions;
  }
  return [];
}

const withCert = (state: 'valid' | 'suspended' | 'revoked' | 'expired', validUntil = '2027-12-31') => ({
  ...qualifiedMediator,
  certifications: [{ certificationId: 'cert-1', validFrom: '2025-01-01', validUntil, state }],
});

describe('assigning a mediator', () => {
  it('when every condition holds, assignment succeeds', () => {
    expect(refusedConditions(qualifiedMediator)).toEqual([]);
    expect(
      decide(awaiting(), { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator }, testContext())
        .state.status,
    ).toBe('assigned');
  });

  it('when a party has not consented, assignment is refused', () => {
    expect(refusedConditions(qualifiedMediator, [{ type: 'screen' }, consentOf('p-1')])).toEqual([
      'all_parties_consented',
    ]);
  });

  it('when a party refused consent, assignment is refused', () => {
    expect(
      refusedConditions(qualifiedMediator, [{ type: 'screen' }, consentOf('p-1'), consentOf('p-2', false)]),
    ).toEqual(['all_parties_consented']);
  });

  it('when the read model does not know the mediator, assignment is refused', () => {
    expect(refusedConditions(null)).toEqual(['mediator_known']);
  });

  it('when the mediator has no certification, assignment is refused', () => {
    expect(refusedConditions({ ...qualifiedMediator, certifications: [] })).toEqual(['valid_certification']);
  });

  it('when the mediator’s certificate expired by date, assignment is refused', () => {
    expect(refusedConditions(withCert('valid', '2026-03-09'))).toEqual(['valid_certification']);
  });

  it('when the certificate is valid until today, assignment succeeds', () => {
    expect(refusedConditions(withCert('valid', '2026-03-10'))).toEqual([]);
  });

  it.each(['expired', 'suspended', 'revoked'] as const)(
    'when the certificate was %s, assignment is refused',
    (state) => {
      expect(refusedConditions(withCert(state))).toEqual(['valid_certification']);
    },
  );

  it('when the certificate is not valid yet, assignment is refused', () => {
    const future = {
      ...qualifiedMediator,
      certifications: [
        { certificationId: 'c', validFrom: '2026-04-01', validUntil: '2029-01-01', state: 'valid' as const },
      ],
    };
    expect(refusedConditions(future)).toEqual(['valid_certification']);
  });

  it('when the mediator does not cover the case’s region, assignment is refused', () => {
    expect(refusedConditions({ ...qualifiedMediator, regions: ['710000000'] })).toEqual(['covers_region']);
  });

  it('when the mediator speaks no language of the parties, assignment is refused', () => {
    expect(refusedConditions({ ...qualifiedMediator, languages: ['other'] })).toEqual([
      'speaks_party_language',
    ]);
  });

  it('when the mediator is a party of the case, assignment is refused', () => {
    expect(refusedConditions({ ...qualifiedMediator, userId: 'u-party-2' })).toEqual(['not_a_party']);
  });

  it('when the mediator is inactive, assignment is refused', () => {
    expect(refusedConditions({ ...qualifiedMediator, status: 'inactive' })).toEqual(['mediator_active']);
  });

  it('when several conditions fail, the refusal names each of them', () => {
    const bad = { ...qualifiedMediator, regions: ['710000000'], languages: ['other'], certifications: [] };
    expect(refusedConditions(bad, [{ type: 'screen' }, consentOf('p-1')])).toEqual([
      'all_parties_consented',
      'valid_certification',
      'covers_region',
      'speaks_party_language',
    ]);
  });

  it('when the case is reassigned during mediation, mediation goes on with the new mediator', () => {
    const other = { ...qualifiedMediator, mediatorId: 'med-2', userId: 'u-med-2' };
    const { state } = given([
      ...toAwaitingConsent,
      { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator },
      {
        type: 'record-session',
        kind: 'caucus',
        heldOn: '2026-03-10',
        durationMinutes: 30,
        attendeePartyIds: ['p-1'],
        otherAttendeeCount: 0,
        notes: null,
      },
    ]);
    const decision = decide(state, { type: 'assign', mediatorId: 'med-2', mediator: other }, testContext());
    expect(decision.state).toMatchObject({ status: 'in_mediation', mediatorId: 'med-2' });
    expect(decision.events[0]?.data).toMatchObject({ previousMediatorId: 'med-1' });
  });

  it('when the same mediator is assigned again, it is refused', () => {
    const { state } = given([
      ...toAwaitingConsent,
      { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator },
    ]);
    expect(() =>
      decide(state, { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator }, testContext()),
    ).toThrow(/already assigned/);
  });
});

describe('the mediators offered for a case', () => {
  it('offers those who meet every condition and names what each of the others fails', () => {
    const offered = mediatorsForCase(
      given([{ type: 'screen' }]).state,
      [
        { ...qualifiedMediator, mediatorId: 'med-b' },
        { ...withCert('expired', '2025-06-30'), mediatorId: 'med-a', languages: ['en'] },
      ],
      '2026-01-05',
    );
    // Consent still missing is the case's matter, not a reason against a mediator.
    expect(offered).toEqual({
      eligible: [{ mediatorId: 'med-b', kind: 'certified' }],
      notOffered: [{ mediatorId: 'med-a', reasons: ['valid_certification', 'speaks_party_language'] }],
    });
  });
});
