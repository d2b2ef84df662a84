// The consumer of the `mediators` topic: the kit's runner (dedupe, retries, dead-letter topic)
// with one handler per event type this service needs.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { type RunningConsumer, startConsumer } from '@kelisim/service-kit/consumer';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { MediatorReadModel } from '../store/mediator-read-model.ts';
import { onCertificationExpired } from './certification-expired.ts';
import { onCertificationIssued } from './certification-issued.ts';
import { onCertificationReinstated } from './certification-reinstated.ts';
import { onCertificationRenewed } from './certification-renewed.ts';
import { onCertificationRevoked } from './certification-revoked.ts';
import { onCertificationSuspended } from './certification-suspended.ts';
import { onMediatorRegistered } from './mediator-registered.ts';
import { onMediatorUpdated } from './mediator-updated.ts';

export type MediatorsConsumerOptions = {
  kafka: Kafka;
  producer: Producer;
  connection: Connection;
  logger: Logger;
  topicPrefix: string;
  groupId: string;
  mediators: MediatorReadModel;
};

export function startMediatorsConsumer(options: MediatorsConsumerOptions): Promise<RunningConsumer> {
  const { mediators } = options;
  return startConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [topicName(options.topicPrefix, 'mediators')],
    handlers: {
      'mediator.registered.v1': onMediatorRegistered(mediators),
      'mediator.updated.v1': onMediatorUpdated(mediators),
      'certification.issued.v1': onCertificationIssued(mediators),
      'certification.renewed.v1': onCertificationRenewed(mediators),
      'certification.expired.v1': onCertificationExpired(mediators),
      'certification.suspended.v1': onCertificationSuspended(mediators),
      'certification.reinstated.v1': onCertificationReinstated(mediators),
      'certification.revoked.v1': onCertificationRevoked(mediators),
    },
    parse: (raw) => parseEnvelope(raw, { family: 'mediators' }),
    deadLetterTopicOf: () => deadLetterTopicName(options.topicPrefix, 'mediators'),
    connection: options.connection,
    producer: options.producer,
    logger: options.logger,
  });
}
