// mediator.updated carries the whole profile after the change: it replaces what we hold.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onMediatorUpdated(mediators: MediatorReadModel): EventHandler<'mediator.updated.v1'> {
  return async (event) => {
    const { specialisations: _, ...profile } = event.data;
    await mediators.saveProfile(profile);
  };
}
