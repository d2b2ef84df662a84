// The service's consumer: `cases` events feed the case signals and the statistics; a few of its
// own `monitoring` events trigger a risk recomputation. Through the kit's runner: validated,
// deduplicated by event id, retried, poison to the dead-letter topic.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { type KnownEvent, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { type EventHandler, startConsumer } from '@kelisim/service-kit/consumer';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { onCaseEscalated } from './case-escalated.ts';
import { onCaseProgressed, type ProgressEventType, statusByEventType } from './case-progressed.ts';
import { onCaseRegistered } from './case-registered.ts';
import { onCaseReopened } from './case-reopened.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { onMonitoringChanged } from './monitoring-changed.ts';
import { RegionQueue } from './region-queue.ts';

export type ConsumerDeps = HandlerDeps & {
  kafka: Kafka;
  producer: Producer;
  connection: Connection;
  logger: Logger;
  topicPrefix: string;
  groupId: string;
};

// The runner hands over an envelope it validated with parseEnvelope: its type narrows its data.
// Handlers of one region take turns (RegionQueue).
export function eventHandlers(deps: HandlerDeps): Record<string, EventHandler> {
  const queue = new RegionQueue();
  const typed =
    <T extends KnownEvent['type']>(
      handle: (event: Extract<KnownEvent, { type: T }>) => Promise<void>,
    ): EventHandler =>
    (event: EventEnvelope) =>
      queue.run(event.region, () => handle(event as Extract<KnownEvent, { type: T }>));
  const progress = Object.fromEntries(
    (Object.keys(statusByEventType) as ProgressEventType[]).map((type) => [
      type,
      typed<ProgressEventType>((event) => onCaseProgressed(deps, event)),
    ]),
  );
  const monitoring = typed<'visit.reviewed.v1' | 'recommendation.overdue.v1' | 'recommendation.completed.v1'>(
    (event) => onMonitoringChanged(deps, event),
  );
  return {
    'case.registered.v1': typed<'case.registered.v1'>((event) => onCaseRegistered(deps, event)),
    'case.escalated.v1': typed<'case.escalated.v1'>((event) => onCaseEscalated(deps, event)),
    'case.reopened.v1': typed<'case.reopened.v1'>((event) => onCaseReopened(deps, event)),
    ...progress,
    'visit.reviewed.v1': monitoring,
    'recommendation.overdue.v1': monitoring,
    'recommendation.completed.v1': monitoring,
  };
}

export function startMonitoringConsumer(deps: ConsumerDeps) {
  const families = ['cases', 'monitoring'] as const;
  return startConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId,
    topics: families.map((family) => topicName(deps.topicPrefix, family)),
    handlers: eventHandlers(deps),
    parse: (raw) => parseEnvelope(raw),
    deadLetterTopicOf: (topic) => {
      const family = families.find((f) => topic === topicName(deps.topicPrefix, f));
      return family ? deadLetterTopicName(deps.topicPrefix, family) : `${topic}.dlq`;
    },
    // Each event waits on some ten database round trips: three partitions overlap them.
    partitionsConsumedConcurrently: 3,
    connection: deps.connection,
    producer: deps.producer,
    logger: deps.logger,
  });
}
