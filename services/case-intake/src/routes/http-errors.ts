// The domain's refusals as the kit's HTTP errors (problem+json in one handler).
import { ConflictError, UnprocessableError } from '@kelisim/service-kit/errors';
import { IllegalCommandError, RuleViolationError } from '../domain/case-errors.ts';

export function toHttpError(error: unknown): unknown {
  if (error instanceof IllegalCommandError) {
    return new ConflictError(`The case is ${error.currentState}: ${error.command} does not apply.`, {
      code: 'case.illegal_command',
      currentState: error.currentState,
      allowedCommands: error.allowedCommands,
    });
  }
  if (error instanceof RuleViolationError)
    return new UnprocessableError(error.code, error.detail, error.extensions);
  return error;
}
