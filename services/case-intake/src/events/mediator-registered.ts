// mediator.registered: a new mediator's profile enters the eligibility read model.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onMediatorRegistered(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { specialisations: _, ...profile } = (event as EventOf<'mediator.registered.v1'>).data;
    await mediators.saveProfile(profile);
  };
}
