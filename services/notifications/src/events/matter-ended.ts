import type { EventHandler, EventOfType } from '@kelisim/service-kit/consumer';
import type { MatterEndingType } from '../domain/matter.ts';
import type { AlertingDeps } from './raise-alerts.ts';
import { resolveMatter } from './resolve-alerts.ts';

type Ending = Exclude<MatterEndingType, 'region.risk-changed.v1'>;

// A case closed, declined, referred out or withdrawn, a certificate renewed or reinstated, a
// recommendation completed: the matter needs no one's attention any more, so its open alerts are
// resolved with the ending's code (domain/matter.ts).
export function onMatterEnded<T extends Ending>(deps: AlertingDeps): EventHandler<T> {
  return async (event: EventOfType<Ending>, { logger }) => {
    const resolved = await resolveMatter(event, deps);
    logger.info({ subject: event.subject, resolved }, 'matter ended: alerts resolved');
  };
}
