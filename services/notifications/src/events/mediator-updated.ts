import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';

// The update carries the whole profile: the regions replace what we held.
export function onMediatorUpdated(mediators: MediatorRegionsStore): EventHandler {
  return async (event) => {
    const data = event.data as EventData<'mediator.updated.v1'>;
    await mediators.put(data.mediatorId, data.regions, new Date(event.time));
  };
}
