// certification.expired: no longer counts for new assignments (DESIGN.md §6 flow 5).
import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';

export function onCertificationExpired(
  mediators: MediatorReadModel,
): EventHandler<'certification.expired.v1'> {
  return async (event) => {
    const { mediatorId, certificationId, validUntil } = event.data;
    await mediators.changeCertification({ mediatorId, certificationId, state: 'expired', validUntil });
  };
}
