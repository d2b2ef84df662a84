// The case aggregate's one entry point: (state, command, context) → new state and its events.
// Pure: time, ids and the mediator's eligibility come from the caller.

import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import { IllegalCommandError } from './case-errors.ts';
import type { CaseState } from './case-types.ts';
import { decideEraseAfterRetention, decideWithdrawConsent } from './erasure-decisions.ts';
import {
  decideDecline,
  decideEscalate,
  decideRecordConsent,
  decideReferOut,
  decideScreen,
  decideWithdraw,
} from './intake-decisions.ts';
import { allowedCommands, type CommandName, isAllowed } from './lifecycle.ts';
import {
  decideAssign,
  decideClose,
  decideFollowUp,
  decideRecordOutcome,
  decideRecordSession,
  decideReopen,
} from './mediation-decisions.ts';
import { decideMarkFollowUpDue, decideNoteDuplicate } from './system-decisions.ts';

const unconditional = new Set<CaseCommand['type']>([
  'mark-follow-up-due',
  'note-duplicate',
  'withdraw-consent',
  'erase-after-retention',
]);

export function decide(state: CaseState, command: CaseCommand, ctx: DecisionContext): Decision {
  // The system's own commands and erasure apply in any state: privacy does not wait for a status.
  if (!unconditional.has(command.type)) {
    if (!isAllowed(state.status, command.type as CommandName)) {
      throw new IllegalCommandError(command.type, state.status, allowedCommands(state.status));
    }
  }
  const touched = { ...state, updatedAt: ctx.now.toISOString() };
  switch (command.type) {
    case 'screen':
      return decideScreen(touched, command, ctx);
    case 'decline':
      return decideDecline(touched, command, ctx);
    case 'refer-out':
      return decideReferOut(touched, command, ctx);
    case 'record-consent':
      return decideRecordConsent(touched, command, ctx);
    case 'escalate':
      return decideEscalate(touched, command, ctx);
    case 'withdraw':
      return decideWithdraw(touched, command, ctx);
    case 'assign':
      return decideAssign(touched, command, ctx);
    case 'record-session':
      return decideRecordSession(touched, command, ctx);
    case 'record-outcome':
      return decideRecordOutcome(touched, command, ctx);
    case 'follow-up':
      return decideFollowUp(touched, command, ctx);
    case 'close':
      return decideClose(touched, ctx);
    case 'reopen':
      return decideReopen(touched, command, ctx);
    case 'mark-follow-up-due':
      return decideMarkFollowUpDue(touched, ctx);
    case 'note-duplicate':
      return decideNoteDuplicate(touched, command, ctx);
    case 'withdraw-consent':
      return decideWithdrawConsent(touched, command, ctx);
    case 'erase-after-retention':
      return decideEraseAfterRetention(touched, command, ctx);
  }
}
