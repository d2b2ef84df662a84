// certification.renewed: valid again, with new dates.
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationRenewed(
  mediators: MediatorReadModel,
): EventHandler<'certification.renewed.v1'> {
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
