// The follow-up sweep: a case whose follow-up date has come gets `case.follow-up-due` once.
// Safe on several instances at once: each flag is a commit at the version the sweep loaded, so
// when two instances race on a case the unique (streamId, version) lets exactly one win, and
// the loser, reloading, finds the case already flagged.
//
// A pass reads only the days that can hold something due: from the day its last completed pass
// read through (kept in the store, so a service stopped for days misses none of them) up to
// today, one indexed query per day. That day is read again, not skipped, so an outcome committed
// around midnight, or by an instance whose clock runs a little behind, is still found. The very
// first pass, or one whose kept day lies after today (a clock set back), looks back
// `firstPassLookbackDays`. A follow-up date is always after the day its outcome was recorded, so
// a case is due on its own day and stays unflagged until a pass reads that day.
import { addDays, dayOf, daysBetween } from '@kelisim/contracts/calendar';
import { ConflictError } from '@kelisim/service-kit/errors';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import type { JobTurns } from '@kelisim/service-kit/job-turns';
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

/**
 * How many days the first pass reads back from today: a store whose sweep ran before (reading
 * every date up to today) holds nothing unflagged older than its last pass, and a service stopped
 * for longer than this on its first run would miss follow-ups more than a year overdue.
 */
export const firstPassLookbackDays = 400;

const job = 'follow-up-sweep';
/** Days read at once. */
const dayConcurrency = 8;

/** One pass; answers how many cases it flagged. */
export async function sweepFollowUpsDue(deps: FollowUpSweepDeps, batchSize = 200): Promise<number> {
  const now = deps.clock();
  const today = dayOf(now);
  const kept = await deps.cases.jobMark(job);
  const from = kept !== null && kept <= today ? kept : addDays(today, -firstPassLookbackDays);
  const days = Array.from({ length: daysBetween(from, today) + 1 }, (_, i) => addDays(from, i));
  const due: string[] = [];
  // The day the next pass starts from: today, or the first day this pass left unread or unfinished.
  let readThrough = today;
  reading: for (let start = 0; start < days.length; start += dayConcurrency) {
    const chunk = days.slice(start, start + dayConcurrency);
    const found = await Promise.all(chunk.map((day) => deps.cases.followUpsDueOn(day, batchSize)));
    for (const [i, ids] of found.entries()) {
      const room = batchSize - due.length;
      due.push(...ids.slice(0, room));
      if (ids.length >= room) {
        readThrough = chunk[i] as string;
        break reading;
      }
    }
  }
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
  await deps.cases.setJobMark(job, readThrough);
  if (flagged > 0) deps.logger.info({ flagged }, 'follow-ups due flagged');
  return flagged;
}

/** Runs the sweep every `intervalMs`, once per period across the instances (see the kit's interval job); `stop` waits for a pass in progress. */
export function startFollowUpSweep(
  deps: FollowUpSweepDeps,
  intervalMs: number,
  turns: JobTurns,
): IntervalJob {
  return startIntervalJob('follow-up-sweep', intervalMs, () => sweepFollowUpsDue(deps), deps.logger, {
    turns,
  });
}
