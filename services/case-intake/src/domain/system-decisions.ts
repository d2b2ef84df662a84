// The system's own decisions on a case: they add facts without changing its status.
import { dayOf } from '@kelisim/contracts/calendar';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import { RuleViolationError } from './case-errors.ts';
import { caseEvent, caseRef } from './case-events.ts';
import type { CaseState } from './case-types.ts';

/** Once per outcome: a follow-up date that has come (the sweep's question). */
export function isFollowUpDue(state: CaseState, day: string): boolean {
  return (
    state.status === 'outcome' &&
    state.followUpDue !== null &&
    state.followUpDue <= day &&
    !state.followUpDueNotified
  );
}

export function decideMarkFollowUpDue(state: CaseState, ctx: DecisionContext): Decision {
  if (!isFollowUpDue(state, dayOf(ctx.now))) {
    throw new RuleViolationError('follow_up.not_due', 'The case has no follow-up due now.');
  }
  const next: CaseState = { ...state, followUpDueNotified: true };
  const data = { ...caseRef(next), mediatorId: next.mediatorId, dueOn: state.followUpDue as string };
  return { state: next, events: [caseEvent('case.follow-up-due.v1', next, data, ctx)] };
}

/** Notes on an earlier case that a newer one may duplicate it, so that both show it. */
export function decideNoteDuplicate(
  state: CaseState,
  command: Extract<CaseCommand, { type: 'note-duplicate' }>,
  ctx: DecisionContext,
): Decision {
  const known = new Set(state.duplicateSuspicions.map((suspicion) => suspicion.caseId));
  const fresh = command.matches.filter((match) => !known.has(match.caseId) && match.caseId !== state.caseId);
  if (fresh.length === 0) return { state, events: [] };
  const next: CaseState = { ...state, duplicateSuspicions: [...state.duplicateSuspicions, ...fresh] };
  const data = {
    ...caseRef(next),
    matches: fresh.map(({ caseId, caseNumber, overlappingParties }) => ({
      caseId,
      caseNumber,
      overlappingParties,
    })),
    windowDays: command.windowDays,
  };
  return { state: next, events: [caseEvent('case.duplicate-suspected.v1', next, data, ctx)] };
}
