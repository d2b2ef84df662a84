import type { EventHandler } from '@kelisim/service-kit/consumer';
import { mediatorGroup } from '../domain/groups.ts';
import type { AlertingDeps } from './raise-alerts.ts';

// Remembers which regions a new mediator covers (for expiring-certification alerts), and gives
// the mediator's user a personal inbox, so that notices about their certificate reach them.
export function onMediatorRegistered(
  deps: Pick<AlertingDeps, 'mediators' | 'groups' | 'clock'>,
): EventHandler<'mediator.registered.v1'> {
  return async (event) => {
    const { data } = event;
    await deps.mediators.put(data.mediatorId, data.regions, new Date(event.time));
    await deps.groups.ensurePersonal(mediatorGroup(data), deps.clock());
  };
}
