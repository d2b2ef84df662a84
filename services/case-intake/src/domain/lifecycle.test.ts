import { describe, expect, it } from 'vitest';
import type { CaseCommand } from './case-commands.ts';
import { IllegalCommandError, RuleViolationError } from './case-errors.ts';
import {
  agreement,
  consentOf,
  expectValidEvents,
  given,
  qualifiedMediator,
  registeredCase,
  session,
  stateOf,
  testContext,
  toAssigned,
  toAwaitingConsent,
  toClosed,
  toFollowUp,
  toInMediation,
  toOutcome,
} from './case-fixtures.test-support.ts';
import { decide } from './decide.ts';
import { allowedCommands } from './lifecycle.ts';

function when(before: CaseCommand[], command: CaseCommand) {
  const decision = decide(stateOf(before), command, testContext());
  expectValidEvents(decision);
  return decision;
}

function refusal(before: CaseCommand[], command: CaseCommand): unknown {
  try {
    decide(stateOf(before), command, testContext());
  } catch (error) {
    return error;
  }
  throw new Error('the command was accepted');
}

describe('a case moves through its lifecycle', () => {
  it('when registered, it is in the registered state with one case.registered event', () => {
    const decision = registeredCase();
    expectValidEvents(decision);
    expect(decision.state.status).toBe('registered');
    expect(decision.events.map((event) => event.type)).toEqual(['case.registered.v1']);
  });

  it('when screened, it moves to screening and screening may correct urgency and category', () => {
    const { state, events } = when([], {
      type: 'screen',
      urgency: 'critical',
      category: 'land_and_property',
    });
    expect(state).toMatchObject({ status: 'screening', urgency: 'critical', category: 'land_and_property' });
    expect(events[0]?.type).toBe('case.screened.v1');
  });

  it('when declined at screening, it is declined with the reason', () => {
    const { state, events } = when([{ type: 'screen' }], { type: 'decline', reason: 'not_interethnic' });
    expect(state.status).toBe('declined');
    expect(events[0]?.type).toBe('case.declined.v1');
  });

  it('when referred out at screening, it is referred out', () => {
    const { state, events } = when([{ type: 'screen' }], {
      type: 'refer-out',
      reason: 'state_body_is_party',
      referredTo: 'akimat',
    });
    expect(state.status).toBe('referred_out');
    expect(events[0]?.type).toBe('case.referred-out.v1');
  });

  it('when a party consents at screening, the case awaits the consent of the others', () => {
    const { state, events } = when([{ type: 'screen' }], consentOf('p-1'));
    expect(state.status).toBe('awaiting_consent');
    expect(events[0]?.data).toMatchObject({ consentedCount: 1, partyCount: 2, allPartiesConsented: false });
  });

  it('when every party consented and a qualified mediator is assigned, the case is assigned', () => {
    const { state, events } = when(toAwaitingConsent, {
      type: 'assign',
      mediatorId: 'med-1',
      mediator: qualifiedMediator,
    });
    expect(state).toMatchObject({ status: 'assigned', mediatorId: 'med-1', mediatorUserId: 'u-med-1' });
    expect(events[0]?.data).toMatchObject({ mediatorId: 'med-1', previousMediatorId: null });
  });

  it('when a session is held, mediation is under way and sessions are numbered', () => {
    const first = when(toAssigned, session);
    expect(first.state.status).toBe('in_mediation');
    const second = decide(first.state, session, testContext());
    expect(second.events[0]?.data).toMatchObject({ sessionNumber: 2, attendeeCount: 3 });
  });

  it('when an agreement is recorded with its text, the case has an outcome and a follow-up date', () => {
    const { state, events } = when(toInMediation, agreement);
    expect(state).toMatchObject({ status: 'outcome', followUpDue: '2026-04-10' });
    expect(events[0]?.data).toMatchObject({ outcome: 'agreement', writtenAgreement: true, sessionCount: 1 });
  });

  it('when the follow-up is recorded, the case is in follow-up', () => {
    expect(stateOf(toFollowUp)).toMatchObject({ status: 'follow_up', followUp: { result: 'holding' } });
  });

  it('when closed after follow-up, it is closed and says an outcome was reached', () => {
    const { state, events } = when(toFollowUp, { type: 'close' });
    expect(state).toMatchObject({ status: 'closed', closedOn: '2026-03-10' });
    expect(events[0]?.data).toMatchObject({ outcomeReached: true, mediatorId: 'med-1', sessionCount: 1 });
  });

  it('when there was no agreement, the case may be closed straight from its outcome', () => {
    const noAgreement: CaseCommand = {
      type: 'record-outcome',
      outcome: 'none',
      agreement: null,
      followUpDue: null,
    };
    const { state, events } = when([...toInMediation, noAgreement], { type: 'close' });
    expect(state.status).toBe('closed');
    expect(events[0]?.data).toMatchObject({ outcome: 'none', outcomeReached: false });
  });

  it('when reopened, a closed case returns to its mediator and forgets the old outcome', () => {
    const { state, events } = when(toClosed, { type: 'reopen', reason: 'agreement_breached' });
    expect(state).toMatchObject({ status: 'in_mediation', outcome: null, followUpDue: null, closedOn: null });
    expect(events[0]?.type).toBe('case.reopened.v1');
  });

  it.each([
    ['registered', []],
    ['screening', [{ type: 'screen' }]],
    ['awaiting_consent', toAwaitingConsent],
    ['assigned', toAssigned],
    ['in_mediation', toInMediation],
    ['outcome', toOutcome],
    ['follow_up', toFollowUp],
  ] as [string, CaseCommand[]][])(
    'when withdrawn while %s, it is withdrawn and remembers from where',
    (status, before) => {
      const { state, events } = when(before, { type: 'withdraw', reason: 'settled_by_parties' });
      expect(state.status).toBe('withdrawn');
      expect(events[0]?.data).toMatchObject({ previousStatus: status });
    },
  );

  it('when escalated to a higher level, the level and reason are kept', () => {
    const { state, events } = when(toAssigned, { type: 'escalate', level: 2, reason: 'violence_risk' });
    expect(state).toMatchObject({
      escalationLevel: 2,
      escalationReason: 'violence_risk',
      status: 'assigned',
    });
    expect(events[0]?.data).toMatchObject({ previousLevel: 0, escalationLevel: 2 });
  });
});

describe('every case event says the status the case is in once it happened', () => {
  const journeys: [string, CaseCommand[], CaseCommand][] = [
    ['screened', [], { type: 'screen', urgency: 'critical' }],
    ['declined', [{ type: 'screen' }], { type: 'decline', reason: 'not_interethnic' }],
    ['consent recorded', [{ type: 'screen' }], consentOf('p-1')],
    ['mediator assigned', toAwaitingConsent, toAssigned.at(-1) as CaseCommand],
    ['session held', toAssigned, session],
    ['escalated', toAssigned, { type: 'escalate', level: 2, reason: 'violence_risk' }],
    ['outcome recorded', toInMediation, agreement],
    ['followed up', toOutcome, toFollowUp.at(-1) as CaseCommand],
    ['closed', toFollowUp, { type: 'close' }],
    ['reopened', toClosed, { type: 'reopen', reason: 'agreement_breached' }],
    ['withdrawn', toInMediation, { type: 'withdraw', reason: 'settled_by_parties' }],
  ];

  it.each(journeys)('when %s, the event carries the status of the case after it', (_, before, command) => {
    const { state, events } = when(before, command);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.data).toMatchObject({ status: state.status });
  });

  it('when the follow-up falls due, the event says the case still awaits it in its outcome', () => {
    const dueDay = testContext(new Date('2026-04-10T09:00:00.000Z'));
    const { state, events } = decide(stateOf(toOutcome), { type: 'mark-follow-up-due' }, dueDay);
    expect(state.status).toBe('outcome');
    expect(events[0]?.data).toMatchObject({ status: 'outcome' });
  });

  it('when registered, and when a duplicate is suspected, the events say registered', () => {
    const decision = registeredCase();
    for (const event of decision.events) expect(event.data).toMatchObject({ status: 'registered' });
  });
});

describe('consent withdrawn during mediation', () => {
  const withdrawal: CaseCommand = { type: 'withdraw-consent', partyId: 'p-2' };

  it('when a party withdraws consent during mediation, the case awaits consent and the event says mediation paused', () => {
    const { state, events } = when(toInMediation, withdrawal);
    expect(state.status).toBe('awaiting_consent');
    expect(events[0]?.data).toMatchObject({ status: 'awaiting_consent', mediationPaused: true });
    expect(allowedCommands(state.status)).not.toContain('record-session');
    expect(refusal([...toInMediation, withdrawal], session)).toBeInstanceOf(IllegalCommandError);
  });

  it('when the party consents again, the paused mediation resumes where it was', () => {
    const { state } = when([...toInMediation, withdrawal], consentOf('p-2'));
    expect(state).toMatchObject({ status: 'in_mediation', mediatorId: 'med-1' });
    const assignedOnly = when([...toAssigned, withdrawal, consentOf('p-2')], session);
    expect(assignedOnly.state.status).toBe('in_mediation');
  });

  it('when consent is withdrawn before any mediator is assigned, or after the outcome, the status stays', () => {
    expect(when(toAwaitingConsent, withdrawal).state.status).toBe('awaiting_consent');
    const afterOutcome = when(toOutcome, withdrawal);
    expect(afterOutcome.state.status).toBe('outcome');
    expect(afterOutcome.events[0]?.data).toMatchObject({ mediationPaused: false });
  });
});

describe('commands that do not apply to the current state are refused', () => {
  it.each([
    ['registered', [], { type: 'assign', mediatorId: 'med-1', mediator: qualifiedMediator }],
    ['registered', [], { type: 'decline', reason: 'other' }],
    ['screening', [{ type: 'screen' }], { type: 'close' }],
    ['awaiting_consent', toAwaitingConsent, session],
    ['assigned', toAssigned, agreement],
    ['in_mediation', toInMediation, { type: 'reopen', reason: 'other' }],
    ['outcome', toOutcome, session],
    ['closed', toClosed, { type: 'withdraw', reason: 'other' }],
  ] as [string, CaseCommand[], CaseCommand][])(
    'when %s, %j is refused with the state and allowed commands',
    (status, before, command) => {
      const error = refusal(before, command);
      expect(error).toBeInstanceOf(IllegalCommandError);
      expect(error).toMatchObject({
        currentState: status,
        allowedCommands: allowedCommands(status as never),
      });
    },
  );

  it.each([
    ['declined', [{ type: 'screen' }, { type: 'decline', reason: 'other' }]],
    [
      'referred_out',
      [{ type: 'screen' }, { type: 'refer-out', reason: 'court_proceedings', referredTo: 'court' }],
    ],
    ['withdrawn', [{ type: 'withdraw', reason: 'other' }]],
  ] as [string, CaseCommand[]][])('when %s, nothing more is allowed', (_status, before) => {
    const error = refusal(before, { type: 'reopen', reason: 'other' });
    expect(error).toMatchObject({ allowedCommands: [] });
  });
});

describe('business rules', () => {
  it('when an agreement outcome has no written agreement, it is refused', () => {
    const error = refusal(toInMediation, {
      type: 'record-outcome',
      outcome: 'agreement',
      agreement: null,
      followUpDue: null,
    });
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error).toMatchObject({ code: 'outcome.agreement_text_required' });
  });

  it('when a partial agreement has no text, it is accepted', () => {
    const { state } = when(toInMediation, {
      type: 'record-outcome',
      outcome: 'partial',
      agreement: null,
      followUpDue: null,
    });
    expect(state.outcome?.kind).toBe('partial');
  });

  it('when escalation does not go higher, it is refused', () => {
    const error = refusal([{ type: 'escalate', level: 2, reason: 'other' }], {
      type: 'escalate',
      level: 1,
      reason: 'other',
    });
    expect(error).toMatchObject({ code: 'escalation.not_higher' });
  });

  it('when consent names a party the case does not have, it is refused', () => {
    expect(refusal([{ type: 'screen' }], consentOf('p-9'))).toMatchObject({ code: 'consent.unknown_party' });
  });

  it('when a community is given without the party consenting to it, it is refused', () => {
    const command: CaseCommand = {
      type: 'record-consent',
      partyId: 'p-1',
      consented: true,
      communityConsent: false,
      community: 'kazakh',
    };
    expect(refusal([{ type: 'screen' }], command)).toMatchObject({
      code: 'consent.community_without_consent',
    });
  });

  it('when a party consents to their community, it is recorded and counted in the profile', () => {
    const command: CaseCommand = {
      type: 'record-consent',
      partyId: 'p-1',
      consented: true,
      communityConsent: true,
      community: 'kazakh',
    };
    const { state } = given([{ type: 'screen' }, command, { type: 'withdraw', reason: 'other' }]);
    expect(state.parties[0]?.community).toBe('kazakh');
    expect(state.parties[1]?.community).toBeNull();
  });

  it('when a session lists someone who is not a party, it is refused', () => {
    const command: CaseCommand = { ...session, attendeePartyIds: ['p-1', 'p-7'] } as CaseCommand;
    expect(refusal(toAssigned, command)).toMatchObject({ code: 'session.unknown_party' });
  });

  it('when a session is dated in the future, it is refused', () => {
    const command: CaseCommand = { ...session, heldOn: '2026-03-11' } as CaseCommand;
    expect(refusal(toAssigned, command)).toMatchObject({ code: 'session.in_future' });
  });

  it('when the follow-up date is not after today, the outcome is refused', () => {
    expect(refusal(toInMediation, { ...agreement, followUpDue: '2026-03-10' } as CaseCommand)).toMatchObject({
      code: 'outcome.follow_up_not_in_future',
    });
  });

  it('when a follow-up is dated in the future, it is refused', () => {
    const command: CaseCommand = {
      type: 'follow-up',
      followedUpOn: '2026-03-12',
      result: 'holding',
      notes: null,
    };
    expect(refusal(toOutcome, command)).toMatchObject({ code: 'follow_up.in_future' });
  });

  it('when a case with no mediator is reopened, it goes back to screening', () => {
    const closedWithout = { ...stateOf(toClosed), mediatorId: null };
    expect(decide(closedWithout, { type: 'reopen', reason: 'other' }, testContext()).state.status).toBe(
      'screening',
    );
  });
});
