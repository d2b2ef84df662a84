// The AsyncAPI 3 document of every topic and message, generated from the contracts' catalogue
// (zod 4's toJSONSchema of each event's data inside the CloudEvents envelope), so that the
// document cannot drift from what producers write and consumers parse.

import { caseIntakeConsumer } from '@kelisim/case-intake/src/events/consumer.ts';
import { eventEnvelopeSchema } from '@kelisim/contracts/envelope';
import {
  type EventType,
  eventDataSchema,
  eventFamilyOf,
  eventTypes,
} from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, type EventFamily, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { mediatorTrainingConsumer } from '@kelisim/mediator-training/src/events/consumer.ts';
import { liveFeedConsumer } from '@kelisim/notifications/src/delivery/live-stream.ts';
import { notificationsConsumer } from '@kelisim/notifications/src/events/consumer.ts';
import { regionalMonitoringConsumer } from '@kelisim/regional-monitoring/src/events/consumer.ts';
import { consumerGroupId, type ServiceConsumer } from '@kelisim/service-kit/service-consumer';
import { z } from 'zod';

type Service = 'case-intake' | 'mediator-training' | 'regional-monitoring' | 'notifications';

export const producers: Record<EventFamily, Service> = {
  cases: 'case-intake',
  mediators: 'mediator-training',
  monitoring: 'regional-monitoring',
  alerts: 'notifications',
};

/** The broadcast consumers the services run: every instance reads every event listed. */
export const broadcasts: readonly {
  service: Service;
  name: string;
  family: EventFamily;
  types: readonly EventType[];
}[] = [{ service: 'notifications', ...liveFeedConsumer }];

/** What each service's consumer handles: read from the consumer declarations the services run. */
export const consumers: readonly ServiceConsumer<never>[] = [
  caseIntakeConsumer,
  mediatorTrainingConsumer,
  regionalMonitoringConsumer,
  notificationsConsumer,
];

const jsonSchema = (schema: z.ZodType) =>
  // `input`: what a consumer accepts; refinements have no JSON Schema form and are left out.
  withoutMeta(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

function withoutMeta(schema: Record<string, unknown>) {
  const { $schema: _, ...rest } = schema;
  return rest;
}

const messageRef = (family: EventFamily, type: string) => ({ $ref: `#/channels/${family}/messages/${type}` });

export function buildAsyncApi(): Record<string, unknown> {
  const typesOf = (family: EventFamily) => eventTypes.filter((type) => eventFamilyOf(type) === family);
  const envelope = jsonSchema(eventEnvelopeSchema.omit({ data: true }));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { envelope };
  for (const family of eventFamilies) {
    channels[family] = {
      address: topicName('', family),
      title: `${family} (prefixed by TOPIC_PREFIX)`,
      description: `Events of the ${family} family, keyed by their subject (the aggregate id), published by ${producers[family]} through its outbox relay.`,
      messages: Object.fromEntries(
        typesOf(family).map((type) => [type, { $ref: `#/components/messages/${type}` }]),
      ),
    };
    channels[`${family}-dlq`] = {
      address: deadLetterTopicName('', family),
      title: `${family} dead letters`,
      description:
        'Messages a consumer could not handle, unchanged, with headers dlq-reason, dlq-detail, dlq-original-topic, dlq-original-partition, dlq-original-offset, dlq-consumer-group and dlq-failed-at. `pnpm ops dlq list|redrive` reads and redrives them.',
      messages: Object.fromEntries(
        typesOf(family).map((type) => [type, { $ref: `#/components/messages/${type}` }]),
      ),
    };
    operations[`${producers[family]}.publishes.${family}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${family}` },
      messages: typesOf(family).map((type) => messageRef(family, type)),
    };
    for (const type of typesOf(family)) {
      schemas[type] = {
        allOf: [
          { $ref: '#/components/schemas/envelope' },
          {
            type: 'object',
            required: ['type', 'data'],
            properties: { type: { const: type }, data: jsonSchema(eventDataSchema(type)) },
          },
        ],
      };
      messages[type] = {
        name: type,
        title: type,
        contentType: 'application/cloudevents+json',
        payload: { $ref: `#/components/schemas/${type}` },
        bindings: { kafka: { key: { type: 'string', description: 'the event subject (aggregate id)' } } },
      };
    }
  }
  for (const { service, consumes } of consumers) {
    for (const [family, types] of Object.entries(consumes) as [EventFamily, EventType[]][]) {
      operations[`${service}.consumes.${family}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${family}` },
        bindings: { kafka: { groupId: { type: 'string', const: consumerGroupId('', service) } } },
        messages: types.map((type) => messageRef(family, type)),
      };
    }
  }
  // A broadcast consumer (service-kit's broadcast-consumer.ts): a group of its own per process,
  // from the latest offset, committing nothing, so every instance sees every event.
  for (const { service, name, family, types } of broadcasts) {
    operations[`${service}.broadcast.${family}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${family}` },
      description: `Every instance of ${service} reads these events for itself (${name}): a consumer group of its own per process, from the latest offset, no offsets committed.`,
      bindings: {
        kafka: {
          groupId: { type: 'string', description: `<topic prefix>${name}.<a UUID per process start>` },
        },
      },
      messages: types.map((type) => messageRef(family, type)),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Kelisim events',
      version: '1.0.0',
      description:
        'Every Kafka topic and event of Kelisim: CloudEvents 1.0 envelopes (structured JSON) with the extensions correlationid, causationid and region. Generated from packages/contracts by `pnpm --filter @kelisim/ops asyncapi`; do not edit by hand.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      development: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'npm start (infra/local or docker compose)',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
