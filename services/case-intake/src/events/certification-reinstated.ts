// certification.reinstated: a suspension lifted; valid again until its end date.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationReinstated(
  mediators: MediatorReadModel,
): EventHandler<'certification.reinstated.v1'> {
  return async (event) => {
    const { mediatorId, certificationId, validUntil } = event.data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'valid', validUntil });
  };
}
