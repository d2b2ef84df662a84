// The retention sweep (issue 9): once a case has ended (closed, declined, referred out, withdrawn)
// longer than RETENTION_DAYS ago, its parties' personal fields and its free texts are erased and
// `case.party-data-erased` says so. Safe on several instances at once, like the follow-up sweep:
// each erasure is a commit at the version loaded, so of two instances racing on a case exactly one
// wins, and the other, reloading, finds it erased (`erasure.not_due`) and moves on.
import { addDays, dayOf } from '@kelisim/contracts/calendar';
import { ConflictError } from '@kelisim/service-kit/errors';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import type { JobTurns } from '@kelisim/service-kit/job-turns';
import type { Logger } from 'pino';
import { RuleViolationError } from '../domain/case-errors.ts';
import { systemStamp } from '../store/case-audit.ts';
import type { CaseRunner } from '../store/case-command-runner.ts';
import { eraseCaseData } from '../store/case-erasure.ts';
import type { CaseStore } from '../store/case-store.ts';

export type RetentionSweepDeps = {
  cases: CaseStore;
  runner: CaseRunner;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  retentionDays: number;
};

/** One pass over at most `batchSize` due cases; answers how many it erased. */
export async function sweepRetention(deps: RetentionSweepDeps, batchSize = 100): Promise<number> {
  const now = deps.clock();
  const cutoff = addDays(dayOf(now), -deps.retentionDays);
  const due = await deps.cases.retentionDue(cutoff, batchSize);
  let erased = 0;
  for (const caseId of due) {
    const ctx = { now, actor: 'system:retention-sweep', newId: deps.newId, correlationId: deps.newId() };
    try {
      await eraseCaseData(deps, caseId, ctx, {
        command: { type: 'erase-after-retention', retentionDays: deps.retentionDays },
        audit: { ...systemStamp('retention-sweep'), action: 'erase:retention_expired' },
      });
      erased += 1;
    } catch (error) {
      // Erased by another instance first, or reopened since: nothing left to do here.
      if (error instanceof RuleViolationError || error instanceof ConflictError) continue;
      throw error;
    }
  }
  if (erased > 0) deps.logger.info({ erased, retentionDays: deps.retentionDays }, 'retention: cases erased');
  return erased;
}

/** Runs the sweep every `intervalMs`, once per period across the instances (see the kit's interval job); `stop` waits for a pass in progress. */
export function startRetentionSweep(
  deps: RetentionSweepDeps,
  intervalMs: number,
  turns: JobTurns,
): IntervalJob {
  return startIntervalJob('retention-sweep', intervalMs, () => sweepRetention(deps), deps.logger, { turns });
}
