// certification.suspended: does not count until reinstated.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationSuspended(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { mediatorId, certificationId, validUntil } = (event as EventOf<'certification.suspended.v1'>).data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'suspended', validUntil });
  };
}
