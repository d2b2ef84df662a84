// What the event handlers share: the stores, the clock, and risk recomputation's settings.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { newEventId } from '@kelisim/contracts/envelope';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { RiskDeps } from './recompute-region-risk.ts';

export type HandlerDeps = RiskDeps & { clock: () => Date };

/** Events caused by a consumed event keep its correlation and name it as their cause. */
export function causedBy(event: EventEnvelope, clock: () => Date): DecisionContext {
  return {
    now: clock(),
    newId: newEventId,
    correlationId: event.correlationid,
    causationId: event.id,
    actor: 'risk-recomputation',
  };
}
