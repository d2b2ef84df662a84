// The follow-up sweep: a case whose follow-up date has come gets `case.follow-up-due` once.
// Safe on several instances at once: each flag is a commit at the version the sweep loaded, so
// when two instances race on a case the unique (streamId, version) lets exactly one win, and
// the loser, reloading, finds the case already flagged.
import { dayOf } from '@kelisim/contracts/calendar';
import { ConflictError } from '@kelisim/service-kit/errors';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import type { Logger } from 'pino';
import { RuleViolationError } from '../domain/case-errors.ts';
import { systemStamp } from '../store/case-audit.ts';
import { type CaseRunner, runCaseCommand } from '../store/case-command-runner.ts';
import type { CaseStore } from '../store/case-store.ts';

export type FollowUpSweepDeps = {
  cases: CaseStore;
  runner: CaseRunner;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
};

/** One pass; answers how many cases it flagged. */
export async function sweepFollowUpsDue(deps: FollowUpSweepDeps, batchSize = 200): Promise<number> {
  const now = deps.clock();
  const due = await deps.cases.followUpsDue(dayOf(now), batchSize);
  let flagged = 0;
  for (const caseId of due) {
    const ctx = { now, actor: 'system:follow-up-sweep', newId: deps.newId, correlationId: deps.newId() };
    try {
      await runCaseCommand(deps.runner, {
        caseId,
        ctx,
        command: () => ({ type: 'mark-follow-up-due' }),
        audit: systemStamp('follow-up-sweep'),
      });
      flagged += 1;
    } catch (error) {
      // Another instance flagged it first, or the case moved on: nothing left to do.
      if (error instanceof RuleViolationError || error instanceof ConflictError) continue;
      throw error;
    }
  }
  if (flagged > 0) deps.logger.info({ flagged }, 'follow-ups due flagged');
  return flagged;
}

/** Runs the sweep every `intervalMs` (see the kit's interval job); `stop` waits for a pass in progress. */
export function startFollowUpSweep(deps: FollowUpSweepDeps, intervalMs: number): IntervalJob {
  return startIntervalJob('follow-up-sweep', intervalMs, () => sweepFollowUpsDue(deps), deps.logger);
}
