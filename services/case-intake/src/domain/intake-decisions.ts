import { dayOf } from '@kelisim/contracts/calendar';
// Decisions before mediation starts (screening, consent) and those open to any open state
// (escalation, withdrawal). Each returns the new state and the events it causes.

import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import { RuleViolationError } from './case-errors.ts';
import { caseEvent, caseProfile, caseRef, partiesSummary } from './case-events.ts';
import type { CaseState } from './case-types.ts';
import { referencedPartner } from './partner-reference.ts';

type Command<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideScreen(state: CaseState, command: Command<'screen'>, ctx: DecisionContext): Decision {
  // Screening may correct what intake guessed: category, urgency, risk flags.
  const next: CaseState = {
    ...state,
    status: 'screening',
    category: command.category ?? state.category,
    urgency: command.urgency ?? state.urgency,
    riskFlags: command.riskFlags ? [...new Set(command.riskFlags)] : state.riskFlags,
  };
  const data = { ...caseRef(next), ...caseProfile(next), ...partiesSummary(next), screenedBy: ctx.actor };
  return { state: next, events: [caseEvent('case.screened.v1', next, data, ctx)] };
}

export function decideDecline(state: CaseState, command: Command<'decline'>, ctx: DecisionContext): Decision {
  const next: CaseState = { ...state, status: 'declined', closureReason: command.reason };
  const data = { ...caseRef(next), category: next.category, reason: command.reason, declinedBy: ctx.actor };
  return { state: next, events: [caseEvent('case.declined.v1', next, data, ctx)] };
}

export function decideReferOut(
  state: CaseState,
  command: Command<'refer-out'>,
  ctx: DecisionContext,
): Decision {
  const partner = command.partnerId
    ? referencedPartner(command.partners ?? new Map(), command.partnerId, state.region, 'partnerId')
    : null;
  const next: CaseState = {
    ...state,
    status: 'referred_out',
    closureReason: command.reason,
    referralPartnerId: partner?.partnerId ?? null,
  };
  const data = {
    ...caseRef(next),
    category: next.category,
    reason: command.reason,
    referredTo: command.referredTo,
    referredBy: ctx.actor,
    partnerId: partner?.partnerId ?? null,
    partnerKind: partner?.kind ?? null,
  };
  return { state: next, events: [caseEvent('case.referred-out.v1', next, data, ctx)] };
}

/** Screening accepts a case for mediation by seeking the parties' consent: the first consent moves it on. */
export function decideRecordConsent(
  state: CaseState,
  command: Command<'record-consent'>,
  ctx: DecisionContext,
): Decision {
  if (!state.parties.some((party) => party.partyId === command.partyId)) {
    throw new RuleViolationError('consent.unknown_party', 'The case has no party with this id.', {
      partyId: command.partyId,
    });
  }
  if (command.community !== null && !command.communityConsent) {
    throw new RuleViolationError(
      'consent.community_without_consent',
      'A community is recorded only when the party consents to it.',
    );
  }
  const consent = {
    consented: command.consented,
    communityConsent: command.communityConsent,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor,
  };
  const parties = state.parties.map((party) =>
    party.partyId === command.partyId
      ? { ...party, consent, community: command.communityConsent ? command.community : null }
      : party,
  );
  const consentedCount = parties.filter((party) => party.consent?.consented).length;
  // A mediation paused by a withdrawn consent (a mediator is still assigned) resumes once every
  // party consents again; before any assignment the case goes on awaiting consent.
  const resumed = consentedCount === parties.length && state.mediatorId !== null;
  const status = !resumed ? 'awaiting_consent' : state.sessions.length > 0 ? 'in_mediation' : 'assigned';
  const next: CaseState = { ...state, status, parties };
  const data = {
    ...caseRef(next),
    partyId: command.partyId,
    consented: command.consented,
    communityConsent: command.communityConsent,
    consentedCount,
    partyCount: parties.length,
    allPartiesConsented: consentedCount === parties.length,
  };
  return { state: next, events: [caseEvent('case.consent-recorded.v1', next, data, ctx)] };
}

export function decideEscalate(
  state: CaseState,
  command: Command<'escalate'>,
  ctx: DecisionContext,
): Decision {
  if (command.level <= state.escalationLevel) {
    throw new RuleViolationError(
      'escalation.not_higher',
      `The case is already at escalation level ${state.escalationLevel}; escalate to a higher level.`,
      { currentLevel: state.escalationLevel },
    );
  }
  const next: CaseState = {
    ...state,
    escalationLevel: command.level,
    escalationReason: command.reason,
    escalatedOn: [...(state.escalatedOn ?? []), dayOf(ctx.now)],
  };
  const data = {
    ...caseRef(next),
    ...caseProfile(next),
    previousLevel: state.escalationLevel,
    reason: command.reason,
    mediatorId: next.mediatorId,
    escalatedBy: ctx.actor,
  };
  return { state: next, events: [caseEvent('case.escalated.v1', next, data, ctx)] };
}

export function decideWithdraw(
  state: CaseState,
  command: Command<'withdraw'>,
  ctx: DecisionContext,
): Decision {
  const next: CaseState = { ...state, status: 'withdrawn', closureReason: command.reason };
  const data = {
    ...caseRef(next),
    previousStatus: state.status,
    reason: command.reason,
    mediatorId: next.mediatorId,
  };
  return { state: next, events: [caseEvent('case.withdrawn.v1', next, data, ctx)] };
}
