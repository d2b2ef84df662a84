// Decisions from assignment to closure, and reopening.
import { dayOf } from '@kelisim/contracts/calendar';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { failedAssignmentConditions } from './assignment-guard.ts';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import { RuleViolationError } from './case-errors.ts';
import { caseEvent, caseProfile, caseRef, partyLanguages } from './case-events.ts';
import type { CaseState } from './case-types.ts';
import { referencedPartner } from './partner-reference.ts';

type Command<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideAssign(state: CaseState, command: Command<'assign'>, ctx: DecisionContext): Decision {
  const failed = failedAssignmentConditions(
    state,
    command.mediator,
    dayOf(ctx.now),
    command.supervisor ?? null,
  );
  if (failed.length > 0) {
    throw new RuleViolationError(
      'assignment.refused',
      `The mediator cannot be assigned: ${failed.join(', ')}.`,
      { failedConditions: failed },
    );
  }
  if (command.mediatorId === state.mediatorId) {
    throw new RuleViolationError('assignment.already_assigned', 'This mediator is already assigned.');
  }
  // A reassignment keeps a running mediation running.
  const next: CaseState = {
    ...state,
    status: state.status === 'in_mediation' ? 'in_mediation' : 'assigned',
    mediatorId: command.mediatorId,
    mediatorUserId: command.mediator?.userId ?? null,
    supervisorId: command.mediator?.kind === 'volunteer' ? (command.supervisorId ?? null) : null,
  };
  const data = {
    ...caseRef(next),
    ...caseProfile(next),
    mediatorId: command.mediatorId,
    previousMediatorId: state.mediatorId,
    supervisorId: next.supervisorId ?? null,
    // Assignment is refused above for a mediator the read model does not hold, so `mediator` is known.
    mediatorKind: command.mediator?.kind ?? 'certified',
    partyLanguages: partyLanguages(next),
    assignedBy: ctx.actor,
  };
  return { state: next, events: [caseEvent('case.mediator-assigned.v1', next, data, ctx)] };
}

export function decideRecordSession(
  state: CaseState,
  command: Command<'record-session'>,
  ctx: DecisionContext,
): Decision {
  const partyIds = new Set(state.parties.map((party) => party.partyId));
  const strangers = command.attendeePartyIds.filter((id) => !partyIds.has(id));
  if (strangers.length > 0) {
    throw new RuleViolationError('session.unknown_party', 'An attendee is not a party of the case.', {
      partyIds: strangers,
    });
  }
  if (command.heldOn > dayOf(ctx.now)) {
    throw new RuleViolationError('session.in_future', 'A session is recorded once it has been held.');
  }
  const partners = command.partners ?? new Map();
  const venue = command.venuePartnerId
    ? referencedPartner(partners, command.venuePartnerId, state.region, 'venuePartnerId')
    : null;
  const participants = (command.partnerParticipants ?? []).map(({ partnerId, count }, index) => ({
    partnerId,
    count,
    kind: referencedPartner(partners, partnerId, state.region, `partnerParticipants.${index}.partnerId`).kind,
  }));
  const mediatorId = state.mediatorId as string; // assigned and in_mediation always have one
  const session = {
    sessionId: ctx.newId(),
    number: state.sessions.length + 1,
    kind: command.kind,
    heldOn: command.heldOn,
    durationMinutes: command.durationMinutes,
    attendeePartyIds: [...new Set(command.attendeePartyIds)],
    otherAttendeeCount: command.otherAttendeeCount,
    notes: command.notes,
    mediatorId,
    venuePartnerId: venue?.partnerId ?? null,
    partnerParticipants: participants.map(({ partnerId, count }) => ({ partnerId, count })),
  };
  const next: CaseState = { ...state, status: 'in_mediation', sessions: [...state.sessions, session] };
  const data = {
    ...caseRef(next),
    mediatorId,
    sessionId: session.sessionId,
    sessionNumber: session.number,
    kind: session.kind,
    heldOn: session.heldOn,
    durationMinutes: session.durationMinutes,
    attendeeCount: session.attendeePartyIds.length + session.otherAttendeeCount,
    venuePartnerId: venue?.partnerId ?? null,
    venueKind: venue?.kind ?? null,
    partnerParticipants: participants,
  };
  return { state: next, events: [caseEvent('case.session-held.v1', next, data, ctx)] };
}

export function decideRecordOutcome(
  state: CaseState,
  command: Command<'record-outcome'>,
  ctx: DecisionContext,
): Decision {
  if (command.outcome === 'agreement' && command.agreement === null) {
    throw new RuleViolationError(
      'outcome.agreement_text_required',
      'An agreement outcome needs the written agreement.',
    );
  }
  const today = dayOf(ctx.now);
  if (command.followUpDue !== null && command.followUpDue <= today) {
    throw new RuleViolationError(
      'outcome.follow_up_not_in_future',
      'The follow-up date must be after today.',
    );
  }
  const next: CaseState = {
    ...state,
    status: 'outcome',
    outcome: { kind: command.outcome, agreement: command.agreement, recordedOn: today },
    followUpDue: command.followUpDue,
    followUpDueNotified: false,
  };
  const data = {
    ...caseRef(next),
    category: next.category,
    mediatorId: next.mediatorId as string,
    outcome: command.outcome,
    writtenAgreement: command.agreement !== null,
    sessionCount: next.sessions.length,
    followUpDue: command.followUpDue,
  };
  return { state: next, events: [caseEvent('case.outcome-recorded.v1', next, data, ctx)] };
}

export function decideFollowUp(
  state: CaseState,
  command: Command<'follow-up'>,
  ctx: DecisionContext,
): Decision {
  if (command.followedUpOn > dayOf(ctx.now)) {
    throw new RuleViolationError('follow_up.in_future', 'A follow-up is recorded once it has happened.');
  }
  const followUp = { followedUpOn: command.followedUpOn, result: command.result, notes: command.notes };
  const next: CaseState = { ...state, status: 'follow_up', followUp };
  const data = {
    ...caseRef(next),
    mediatorId: next.mediatorId,
    followedUpOn: command.followedUpOn,
    result: command.result,
  };
  return { state: next, events: [caseEvent('case.followed-up.v1', next, data, ctx)] };
}

export function decideClose(state: CaseState, ctx: DecisionContext): Decision {
  const closedOn = dayOf(ctx.now);
  const next: CaseState = { ...state, status: 'closed', closedOn };
  const outcome = next.outcome?.kind ?? null;
  const data = {
    ...caseRef(next),
    category: next.category,
    mediatorId: next.mediatorId,
    outcome,
    outcomeReached: outcome === 'agreement' || outcome === 'partial',
    sessionCount: next.sessions.length,
    closedOn,
  };
  return { state: next, events: [caseEvent('case.closed.v1', next, data, ctx)] };
}

/** A reopened case goes back to its mediator, or to screening when it never had one. */
export function decideReopen(state: CaseState, command: Command<'reopen'>, ctx: DecisionContext): Decision {
  const next: CaseState = {
    ...state,
    status: state.mediatorId ? 'in_mediation' : 'screening',
    outcome: null,
    followUpDue: null,
    followUpDueNotified: false,
    followUp: null,
    closedOn: null,
    closureReason: null,
  };
  const data = {
    ...caseRef(next),
    ...caseProfile(next),
    reason: command.reason,
    mediatorId: next.mediatorId,
    reopenedBy: ctx.actor,
  };
  return { state: next, events: [caseEvent('case.reopened.v1', next, data, ctx)] };
}
