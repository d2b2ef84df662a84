// partner.registered and partner.updated carry the whole snapshot: it replaces what we hold.
import type { EventHandler, EventOfType } from '@kelisim/service-kit/consumer';
import type { PartnerReadModel } from '../store/partner-read-model.ts';

export function onPartnerChanged<T extends 'partner.registered.v1' | 'partner.updated.v1'>(
  partners: PartnerReadModel,
): EventHandler<T> {
  return async (event) => {
    await partners.save((event as EventOfType<'partner.registered.v1' | 'partner.updated.v1'>).data);
  };
}
