// The overdue sweep: every recommendation past its due date and not done gets
// `recommendation.overdue` exactly once. Safe on several instances at once: marking is an append
// at the version the sweep read, so of two instances claiming the same recommendation one commit
// wins and the other gets a version conflict and moves on.
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { CommandRunner, stateOf } from '@kelisim/service-kit/commands/run-command';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import type { Logger } from 'pino';
import { markOverdue } from '../domain/recommendation.ts';
import type { Stores } from '../store/stores.ts';

export type SweepDeps = { stores: Stores; clock: () => Date; wakeRelay: () => void; logger: Logger };

export type SweepResult = { marked: number; claimedElsewhere: number };

export async function sweepOverdue(deps: SweepDeps, batchSize = 200): Promise<SweepResult> {
  const now = deps.clock();
  const result: SweepResult = { marked: 0, claimedElsewhere: 0 };
  const correlationId = `overdue-sweep:${now.toISOString()}`;
  const runner = new CommandRunner(deps.stores.recommendations.log, { wake: deps.wakeRelay });
  for (const doc of await deps.stores.recommendations.dueForOverdue(dayOf(now), batchSize)) {
    const decision = markOverdue(stateOf(doc), {
      now,
      newId: newEventId,
      correlationId,
      causationId: null,
      actor: 'overdue-sweep',
    });
    if (!decision) continue;
    try {
      await runner.append(doc._id, doc.version, decision, now);
      result.marked += 1;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      result.claimedElsewhere += 1;
    }
  }
  if (result.marked > 0) {
    deps.logger.info(result, 'overdue sweep: recommendations marked overdue');
  }
  return result;
}
