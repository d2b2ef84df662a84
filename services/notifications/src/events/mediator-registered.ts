import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';

// Remembers which regions a new mediator covers (for expiring-certification alerts).
export function onMediatorRegistered(
  mediators: MediatorRegionsStore,
): EventHandler<'mediator.registered.v1'> {
  return async (event) => {
    const { data } = event;
    await mediators.put(data.mediatorId, data.regions, new Date(event.time));
  };
}
