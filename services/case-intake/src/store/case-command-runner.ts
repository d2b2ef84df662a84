// Commands on a case go through the kit's pipeline (load, authorise, If-Match, decide, append,
// retry a lost race, wake the relay: DESIGN.md §4, §5). What is the case's own: its 404, who may
// change it, and the audit record every commit carries (who, from where, which fields changed).
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { CommandRunner, stateOf } from '@kelisim/service-kit/commands/run-command';
import { ForbiddenError, NotFoundError } from '@kelisim/service-kit/errors';
import type { Principal } from '@kelisim/service-kit/principal';
import type { CaseCommand } from '../domain/case-commands.ts';
import type { Decision } from '../domain/case-decision.ts';
import type { CaseState } from '../domain/case-types.ts';
import { changedFields } from '../domain/changed-fields.ts';
import { decide } from '../domain/decide.ts';
import type { AuditRecord, AuditStamp } from './case-audit.ts';
import { canAccessCase, canCommand } from './case-scope.ts';
import type { CaseStore, StoredCase } from './case-store.ts';

export type CaseRunner = CommandRunner<CaseState>;

export function caseNotFound(caseId: string): NotFoundError {
  return new NotFoundError(`Case ${caseId} was not found.`, { code: 'case.not_found' });
}

export function caseRunner(cases: CaseStore, relay: { wake(): void }): CaseRunner {
  return new CommandRunner<CaseState>(cases.log, relay, { notFound: caseNotFound });
}

/** Refuses a case outside the caller's territory (404, as if it did not exist) or one they may only read (403). */
export function mayChange(principal: Principal): (current: StoredCase) => void {
  return (current) => {
    if (!canAccessCase(principal, current)) throw caseNotFound(current._id);
    if (!canCommand(principal, current))
      throw new ForbiddenError('You may read this case but not change it.');
  };
}

/** The commit's audit record: the stamp, and the names of the fields the decision changed. */
export function changeAudit(stamp: AuditStamp | ((current: StoredCase) => AuditStamp)) {
  return (current: StoredCase, decision: Decision): AuditRecord => ({
    ...(typeof stamp === 'function' ? stamp(current) : stamp),
    fields: changedFields(stateOf(current), decision.state),
  });
}

export type CaseCommandRun = {
  caseId: string;
  /** From If-Match; undefined for an unconditional write. */
  expectedVersion?: number | undefined;
  ctx: DecisionContext;
  authorise?: (current: StoredCase) => void;
  /** Builds the command from the loaded case (e.g. looking up the mediator to assign). */
  command: (current: StoredCase) => CaseCommand | Promise<CaseCommand>;
  audit: AuditStamp | ((current: StoredCase) => AuditStamp);
  beforeCommit?: (current: StoredCase, decision: Decision) => Promise<void>;
};

/** One command on a case: the kit's runner, deciding with the case's `decide`. */
export function runCaseCommand(runner: CaseRunner, run: CaseCommandRun): Promise<StoredCase> {
  return runner.run({
    id: run.caseId,
    expectedVersion: run.expectedVersion,
    now: run.ctx.now,
    authorise: run.authorise,
    decide: async (state, current) => {
      const decision = decide(state, await run.command(current), run.ctx);
      // Every change to a case has its event: one without (a duplicate already noted) changes nothing.
      return decision.events.length === 0 ? { state, events: [] } : decision;
    },
    audit: changeAudit(run.audit),
    beforeCommit: run.beforeCommit,
  });
}
