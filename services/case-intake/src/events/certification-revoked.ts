// certification.revoked: never counts again (a new certification would be a new id).
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationRevoked(
  mediators: MediatorReadModel,
): EventHandler<'certification.revoked.v1'> {
  return async (event) => {
    const { mediatorId, certificationId } = event.data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'revoked' });
  };
}
