// mediator.updated carries the whole profile after the change: it replaces what we hold.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onMediatorUpdated(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { specialisations: _, ...profile } = (event as EventOf<'mediator.updated.v1'>).data;
    await mediators.saveProfile(profile);
  };
}
