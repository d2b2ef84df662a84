// certification.reinstated: a suspension lifted; valid again until its end date.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationReinstated(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { mediatorId, certificationId, validUntil } = (event as EventOf<'certification.reinstated.v1'>)
      .data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'valid', validUntil });
  };
}
