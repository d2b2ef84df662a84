import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';

// Remembers which regions a new mediator covers (for expiring-certification alerts).
export function onMediatorRegistered(mediators: MediatorRegionsStore): EventHandler {
  return async (event) => {
    const data = event.data as EventData<'mediator.registered.v1'>;
    await mediators.put(data.mediatorId, data.regions, new Date(event.time));
  };
}
