import type { EventHandler } from '@kelisim/service-kit/consumer';
import { mediatorGroup } from '../domain/groups.ts';
import type { AlertingDeps } from './raise-alerts.ts';

// The update carries the whole profile: the regions replace what we held, and the personal
// inbox follows the mediator's user.
export function onMediatorUpdated(
  deps: Pick<AlertingDeps, 'mediators' | 'groups' | 'clock'>,
): EventHandler<'mediator.updated.v1'> {
  return async (event) => {
    const { data } = event;
    await deps.mediators.put(data.mediatorId, data.regions, new Date(event.time));
    await deps.groups.ensurePersonal(mediatorGroup(data), deps.clock());
  };
}
