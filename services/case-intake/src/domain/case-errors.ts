// The two ways the domain refuses a command. Routes map them to problem+json: an illegal command
// for the current state is a 409 (with the state and what is allowed from it), a broken business
// rule a 422 naming the rule and, for assignment, every condition that failed.
import type { CaseStatus } from '@kelisim/contracts/reference/case-vocabulary';
import type { CommandName } from './lifecycle.ts';

export class IllegalCommandError extends Error {
  override name = 'IllegalCommandError';

  constructor(
    readonly command: string,
    readonly currentState: CaseStatus,
    readonly allowedCommands: readonly CommandName[],
  ) {
    super(`${command} is not allowed while the case is ${currentState}`);
  }
}

export class RuleViolationError extends Error {
  override name = 'RuleViolationError';

  constructor(
    /** A stable code such as `assignment.refused` or `outcome.agreement_text_required`. */
    readonly code: string,
    readonly detail: string,
    /** Extra, non-personal members for the problem document, e.g. `failedConditions`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
