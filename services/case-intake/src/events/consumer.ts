// What case-intake consumes: the `mediators` events that decide who may be assigned, into the
// eligibility read model. Topics, group and dead-letter topic are the kit's (service-consumer.ts).
import { onPartnerChanged, type PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import { defineConsumer } from '@kelisim/service-kit/service-consumer';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';
import { onCertificationExpired } from './certification-expired.ts';
import { onCertificationIssued } from './certification-issued.ts';
import { onCertificationReinstated } from './certification-reinstated.ts';
import { onCertificationRenewed } from './certification-renewed.ts';
import { onCertificationRevoked } from './certification-revoked.ts';
import { onCertificationSuspended } from './certification-suspended.ts';
import { onMediatorRegistered } from './mediator-registered.ts';
import { onMediatorUpdated } from './mediator-updated.ts';

export type ConsumerDeps = { mediators: MediatorReadModel; partners: PartnerReadModel };

export const caseIntakeConsumer = defineConsumer<ConsumerDeps>({
  service: 'case-intake',
  handlers: {
    'mediator.registered.v1': ({ mediators }) => onMediatorRegistered(mediators),
    'mediator.updated.v1': ({ mediators }) => onMediatorUpdated(mediators),
    'certification.issued.v1': ({ mediators }) => onCertificationIssued(mediators),
    'certification.renewed.v1': ({ mediators }) => onCertificationRenewed(mediators),
    'certification.expired.v1': ({ mediators }) => onCertificationExpired(mediators),
    'certification.suspended.v1': ({ mediators }) => onCertificationSuspended(mediators),
    'certification.reinstated.v1': ({ mediators }) => onCertificationReinstated(mediators),
    'certification.revoked.v1': ({ mediators }) => onCertificationRevoked(mediators),
    'partner.registered.v1': ({ partners }) => onPartnerChanged(partners),
    'partner.updated.v1': ({ partners }) => onPartnerChanged(partners),
  },
});
