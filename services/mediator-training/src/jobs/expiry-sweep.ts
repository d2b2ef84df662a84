// The certification expiry sweep: `certification.expiring` 60 days before a certificate's last
// day, `certification.expired` the day after it, and suspensions lifted after their end date. Safe on several instances at once: each
// transition is appended at the version the sweep read, and the commit log's unique
// (streamId, version) lets exactly one instance win; the losers skip, and the winner's new state
// leaves nothing due for the next sweep. Time comes from the injected clock.

import { addDays, dayOf } from '@kelisim/contracts/calendar';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { CommandRunner, stateOf } from '@kelisim/service-kit/commands/run-command';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { type IntervalJob, startIntervalJob } from '@kelisim/service-kit/interval-job';
import type { JobTurns } from '@kelisim/service-kit/job-turns';
import type { Logger } from 'pino';
import { expiringNoticeDays, expiryTransition } from '../domain/certification.ts';
import type { EnrolmentState } from '../domain/training-state.ts';
import type { AggregateStore } from '../store/aggregate-store.ts';

export type SweepDeps = {
  enrolments: AggregateStore<EnrolmentState>;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** Called when the sweep committed something, so that the relay publishes at once. */
  wake: () => void;
};

export type SweepResult = { expiring: number; expired: number; reinstated: number; lostRaces: number };

const pageSize = 200;

export async function sweepExpiries(deps: SweepDeps): Promise<SweepResult> {
  const now = deps.clock();
  const horizon = addDays(dayOf(now), expiringNoticeDays);
  const result: SweepResult = { expiring: 0, expired: 0, reinstated: 0, lostRaces: 0 };
  const sweepId = deps.newId();
  // Each transition is appended at the version read (not reloaded and decided again as a request's
  // command is): a lost race means another instance or a command changed it first.
  const runner = new CommandRunner(deps.enrolments.log, { wake: deps.wake });
  const ctx: DecisionContext = { now, newId: deps.newId, correlationId: sweepId, actor: 'expiry-sweep' };
  let cursor: string | undefined;
  do {
    const page = await deps.enrolments.page(
      {
        $or: [
          {
            'certification.status': { $in: ['valid', 'suspended'] },
            'certification.validUntil': { $lte: horizon },
          },
          { 'certification.status': 'suspended', 'certification.suspendedUntil': { $lt: dayOf(now) } },
        ],
      },
      { cursor, limit: pageSize },
    );
    for (const enrolment of page.items) {
      const decision = expiryTransition(stateOf(enrolment), ctx);
      if (!decision) continue;
      try {
        await runner.append(enrolment._id, enrolment.version, decision, now);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        result.lostRaces += 1; // another instance (or a command) got there first
        continue;
      }
      const type = decision.events[0]?.type;
      if (type === 'certification.expired.v1') result.expired += 1;
      else if (type === 'certification.reinstated.v1') result.reinstated += 1;
      else result.expiring += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (result.expired + result.expiring + result.reinstated > 0) {
    deps.logger.info({ ...result, sweepId }, 'expiry sweep committed transitions');
  }
  return result;
}

/** Runs the sweep now and then every `intervalMs`, once per period across the instances (see the kit's interval job); stop() waits for a running sweep. */
export function scheduleExpirySweep(deps: SweepDeps, intervalMs: number, turns: JobTurns): IntervalJob {
  return startIntervalJob('expiry-sweep', intervalMs, () => sweepExpiries(deps), deps.logger, {
    runAtStart: true,
    turns,
  });
}
