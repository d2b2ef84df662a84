// certification.suspended: does not count until reinstated.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationSuspended(
  mediators: MediatorReadModel,
): EventHandler<'certification.suspended.v1'> {
  return async (event) => {
    const { mediatorId, certificationId, validUntil } = event.data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'suspended', validUntil });
  };
}
