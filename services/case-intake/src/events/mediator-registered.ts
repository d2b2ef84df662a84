// mediator.registered: a new mediator's profile enters the eligibility read model.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onMediatorRegistered(mediators: MediatorReadModel): EventHandler<'mediator.registered.v1'> {
  return async (event) => {
    const { specialisations: _, ...profile } = event.data;
    await mediators.saveProfile(profile);
  };
}
