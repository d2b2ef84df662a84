// certification.revoked: never counts again (a new certification would be a new id).
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationRevoked(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { mediatorId, certificationId } = (event as EventOf<'certification.revoked.v1'>).data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'revoked' });
  };
}
