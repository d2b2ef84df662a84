// This service's events, built by the kit from the decision context the caller passes in (clock,
// ids, who and why), so that the domain stays pure and tests choose the time.
import { dayOf } from '@kelisim/contracts/calendar';
import { type DecisionContext, eventBuilder } from '@kelisim/service-kit/commands/decision';

/** An event of this service: subject is the aggregate id, region the mediator's home region. */
export const eventOf = eventBuilder('/services/mediator-training');

export function today(ctx: DecisionContext): string {
  return dayOf(ctx.now);
}
