// The service's consumers: one group on the `cases` topic, handlers per event type. Validation,
// dedupe by event id, retries and the dead-letter topic are the kit's (DESIGN.md §4).
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { type RunningConsumer, startConsumer } from '@kelisim/service-kit/consumer';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { PracticeStore } from '../store/practice-store.ts';
import { caseClosedHandler } from './case-closed.ts';

export type ConsumerDeps = {
  kafka: Kafka;
  producer: Producer;
  connection: Connection;
  logger: Logger;
  topicPrefix: string;
  /** The consumer group; instances of the service share it, so each event is handled once. */
  groupId: string;
  practice: PracticeStore;
  clock: () => Date;
};

export function startCaseConsumer(deps: ConsumerDeps): Promise<RunningConsumer> {
  const cases = topicName(deps.topicPrefix, 'cases');
  return startConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId,
    topics: [cases],
    handlers: { 'case.closed.v1': caseClosedHandler(deps.practice, deps.clock) },
    parse: (raw) => parseEnvelope(raw, { family: 'cases' }),
    deadLetterTopicOf: () => deadLetterTopicName(deps.topicPrefix, 'cases'),
    connection: deps.connection,
    producer: deps.producer,
    logger: deps.logger,
  });
}
