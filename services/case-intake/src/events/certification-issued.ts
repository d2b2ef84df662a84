// certification.issued: the mediator holds a valid certification between its dates.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationIssued(mediators: MediatorReadModel): EventHandler<'certification.issued.v1'> {
  return async (event) => {
    const { mediatorId, certificationId, validFrom, validUntil } = event.data;
    await mediators.changeCertification({
      mediatorId,
      certificationId,
      state: 'valid',
      validFrom,
      validUntil,
    });
  };
}
