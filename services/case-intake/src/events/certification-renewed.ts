// certification.renewed: valid again, with new dates.
import type { EventOf } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationRenewed(mediators: MediatorReadModel): EventHandler {
  return async (event) => {
    const { mediatorId, certificationId, validFrom, validUntil } = (
      event as EventOf<'certification.renewed.v1'>
    ).data;
    await mediators.changeCertification({
      mediatorId,
      certificationId,
      state: 'valid',
      validFrom,
      validUntil,
    });
  };
}
