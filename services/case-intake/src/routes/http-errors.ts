// The domain's and the writer's refusals as the kit's HTTP errors (problem+json in one handler).
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '@kelisim/service-kit/errors';
import { IllegalCommandError, RuleViolationError } from '../domain/case-errors.ts';
import { CaseMissingError, StaleVersionError } from '../store/case-writer.ts';

export function caseNotFound(caseId: string): NotFoundError {
  return new NotFoundError(`Case ${caseId} was not found.`, { code: 'case.not_found' });
}

export function toHttpError(error: unknown, caseId: string): unknown {
  if (error instanceof IllegalCommandError) {
    return new ConflictError(`The case is ${error.currentState}: ${error.command} does not apply.`, {
      code: 'case.illegal_command',
      currentState: error.currentState,
      allowedCommands: error.allowedCommands,
    });
  }
  if (error instanceof RuleViolationError)
    return new UnprocessableError(error.code, error.detail, error.extensions);
  if (error instanceof StaleVersionError) {
    return new PreconditionFailedError(undefined, {
      currentVersion: error.currentVersion,
      code: 'case.stale_version',
    });
  }
  if (error instanceof CaseMissingError) return caseNotFound(caseId);
  return error;
}
