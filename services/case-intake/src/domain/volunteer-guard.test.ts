import type { Urgency } from '@kelisim/contracts/reference/case-vocabulary';
import { describe, expect, it } from 'vitest';
import { mediatorsForCase } from './assignment-guard.ts';
import { given, qualifiedMediator, testContext, toAwaitingConsent } from './case-fixtures.test-support.ts';
import { decide } from './decide.ts';
import type { MediatorEligibility } from './mediator-eligibility.ts';

// Volunteer mediators from the youth and student assemblies (issue 27): low and medium urgency
// only, and only with a certified mediator as supervisor on the case.

const volunteer: MediatorEligibility = {
  ...qualifiedMediator,
  mediatorId: 'vol-1',
  userId: 'u-vol-1',
  kind: 'volunteer',
  certifications: [],
};
const supervisor: MediatorEligibility = { ...qualifiedMediator, mediatorId: 'sup-1', userId: 'u-sup-1' };

const caseOf = (urgency: Urgency) => ({ ...given(toAwaitingConsent).state, urgency });

function assign(urgency: Urgency, supervisedBy: MediatorEligibility | null) {
  return decide(
    caseOf(urgency),
    {
      type: 'assign',
      mediatorId: volunteer.mediatorId,
      mediator: volunteer,
      supervisorId: supervisedBy?.mediatorId ?? null,
      supervisor: supervisedBy,
    },
    testContext(),
  );
}

function refusal(urgency: Urgency, supervisedBy: MediatorEligibility | null) {
  try {
    assign(urgency, supervisedBy);
  } catch (error) {
    return error as { code: string; extensions: { failedConditions: string[] } };
  }
  throw new Error('the assignment was not refused');
}

describe('assigning a volunteer mediator', () => {
  it('with a certified supervisor, a volunteer without a certification of their own takes a medium-urgency case', () => {
    const { state, events } = assign('medium', supervisor);
    expect(state).toMatchObject({ status: 'assigned', mediatorId: 'vol-1', supervisorId: 'sup-1' });
    // The event says a volunteer handles the case, so that statistics can count volunteers' cases.
    expect(events[0]?.data).toMatchObject({
      mediatorId: 'vol-1',
      supervisorId: 'sup-1',
      mediatorKind: 'volunteer',
    });
  });

  it('a low-urgency case is a volunteer’s as well', () => {
    expect(assign('low', supervisor).state.status).toBe('assigned');
  });

  it('when the case is of high or critical urgency, the refusal says a volunteer takes only low and medium', () => {
    for (const urgency of ['high', 'critical'] as const) {
      const refused = refusal(urgency, supervisor);
      expect(refused.code).toBe('assignment.refused');
      expect(refused.extensions.failedConditions).toEqual(['volunteer_urgency']);
    }
  });

  it('when no supervisor is named, the refusal asks for a certified supervisor', () => {
    expect(refusal('low', null).extensions.failedConditions).toEqual(['certified_supervisor']);
  });

  it('when the supervisor is a volunteer, or their certificate lapsed, or they work elsewhere, it is refused', () => {
    const unfit: MediatorEligibility[] = [
      { ...supervisor, kind: 'volunteer' },
      { ...supervisor, certifications: [] },
      { ...supervisor, status: 'inactive' },
      { ...supervisor, regions: ['710000000'] },
    ];
    for (const candidate of unfit) {
      expect(refusal('medium', candidate).extensions.failedConditions).toEqual(['certified_supervisor']);
    }
  });

  it('when both rules fail, the refusal names both', () => {
    expect(refusal('critical', null).extensions.failedConditions).toEqual([
      'volunteer_urgency',
      'certified_supervisor',
    ]);
  });

  it('a certified mediator needs no supervisor and keeps every urgency', () => {
    const { state, events } = decide(
      caseOf('critical'),
      { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator },
      testContext(),
    );
    expect(state).toMatchObject({ status: 'assigned', supervisorId: null });
    expect(events[0]?.data).toMatchObject({ supervisorId: null, mediatorKind: 'certified' });
  });

  it('the picker offers a volunteer for a medium case before a supervisor is named, and not for a high one', () => {
    expect(mediatorsForCase(caseOf('medium'), [volunteer], '2026-03-10').eligible).toEqual([
      { mediatorId: 'vol-1', kind: 'volunteer' },
    ]);
    expect(mediatorsForCase(caseOf('high'), [volunteer], '2026-03-10').notOffered).toEqual([
      { mediatorId: 'vol-1', reasons: ['volunteer_urgency'] },
    ]);
  });
});
