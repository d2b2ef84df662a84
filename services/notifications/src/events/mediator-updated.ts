import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';

// The update carries the whole profile: the regions replace what we held.
export function onMediatorUpdated(mediators: MediatorRegionsStore): EventHandler<'mediator.updated.v1'> {
  return async (event) => {
    const { data } = event;
    await mediators.put(data.mediatorId, data.regions, new Date(event.time));
  };
}
