// `case.closed` from case-intake: a case the mediator closed after an outcome was reached
// (agreement or partial) counts as practice for renewal. Cases closed without a mediator or
// without an outcome do not. Redeliveries are absorbed twice over: the consumer skips event ids it
// processed, and the practice store keeps one document per (mediator, case).
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { PracticeStore } from '../store/practice-store.ts';

export function caseClosedHandler(
  practice: PracticeStore,
  clock: () => Date,
): EventHandler<'case.closed.v1'> {
  return async ({ data }, { logger }) => {
    if (data.mediatorId === null || !data.outcomeReached) return;
    const counted = await practice.record(
      { mediatorId: data.mediatorId, caseId: data.caseId, region: data.region, closedOn: data.closedOn },
      clock(),
    );
    logger.info({ mediatorId: data.mediatorId, caseId: data.caseId, counted }, 'practice recorded');
  };
}
