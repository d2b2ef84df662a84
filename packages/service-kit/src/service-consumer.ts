// A service's consumer, declared by the event types it handles: the kit derives the rest, the
// same way for every service. Topics are the families of the handled types (the contracts'
// catalogue), the group is `${TOPIC_PREFIX}${service}` (instances of a service share it, so each
// event is handled once), and a message that cannot be handled goes to its topic's dead-letter
// twin. The declaration holds no connection, so that tools can read it (the AsyncAPI document's
// consumer list is generated from the declarations).
import {
  type EventType,
  eventFamilyOf,
  type KnownEvent,
  parseEnvelope,
} from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, type EventFamily, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { type ConsumerOptions, type EventHandler, type RunningConsumer, startConsumer } from './consumer.ts';
import { KeyedQueue } from './keyed-queue.ts';

/** For each handled type, how to build its handler from the service's dependencies. */
export type HandlerFactories<D> = { readonly [T in EventType]?: (deps: D) => EventHandler<T> };

export type ConsumerDeclaration<D> = {
  /** The service's name: its consumer group, and the AsyncAPI document's name for it. */
  readonly service: string;
  readonly handlers: HandlerFactories<D>;
  /**
   * Events with the same key are handled one at a time in this process, across partitions. For
   * a handler that must see the effects of the event before it when that event came on another
   * partition (a case's events are keyed by case; a region's risk reads all of its cases).
   */
  readonly oneAtATimePer?: (event: KnownEvent) => string;
  /** Partitions handled at once; order holds within each (see ConsumerOptions). */
  readonly partitionsConsumedConcurrently?: number;
};

export type ServiceConsumer<D> = ConsumerDeclaration<D> & {
  /** The handled types by the family (topic) they are read from, in catalogue order of families. */
  readonly consumes: Partial<Record<EventFamily, readonly EventType[]>>;
};

export function defineConsumer<D>(declaration: ConsumerDeclaration<D>): ServiceConsumer<D> {
  const consumes: Partial<Record<EventFamily, EventType[]>> = {};
  for (const type of Object.keys(declaration.handlers) as EventType[]) {
    const family = eventFamilyOf(type);
    if (!family) throw new Error(`${declaration.service} handles ${type}, which is not in the catalogue`);
    consumes[family] = [...(consumes[family] ?? []), type];
  }
  return { ...declaration, consumes };
}

export function consumerGroupId(topicPrefix: string, service: string): string {
  return `${topicPrefix}${service}`;
}

/** What a declared consumer runs on; the options the runner exposes for tests may be set too. */
export type ConsumerConnections = Pick<
  ConsumerOptions,
  'kafka' | 'producer' | 'connection' | 'logger' | 'retryBaseMs' | 'maxAttempts' | 'fromBeginning'
> & { topicPrefix: string };

export function startServiceConsumer<D>(
  declared: ServiceConsumer<D>,
  deps: D,
  connections: ConsumerConnections,
): Promise<RunningConsumer> {
  const { topicPrefix, ...runtime } = connections;
  const families = eventFamilies.filter((family) => declared.consumes[family]);
  const familyOfTopic = new Map(families.map((family) => [topicName(topicPrefix, family), family]));
  const [soleFamily] = families.length === 1 ? families : [];
  const queue = declared.oneAtATimePer ? new KeyedQueue() : null;
  const orderedBy = declared.oneAtATimePer;

  const handlers: Record<string, EventHandler> = {};
  for (const [type, build] of Object.entries(declared.handlers) as [EventType, (deps: D) => EventHandler][]) {
    const handle = build(deps);
    handlers[type] =
      queue && orderedBy
        ? (event, context) => queue.run(orderedBy(event), () => handle(event, context))
        : handle;
  }

  return startConsumer({
    ...runtime,
    groupId: consumerGroupId(topicPrefix, declared.service),
    topics: [...familyOfTopic.keys()],
    handlers,
    // One family: a known type of another family on its topic is dead-lettered as misrouted.
    parse: (raw) => parseEnvelope(raw, soleFamily ? { family: soleFamily } : {}),
    deadLetterTopicOf: (topic) => {
      const family = familyOfTopic.get(topic);
      if (!family) throw new Error(`${topic} is not a topic of ${declared.service}'s consumer`);
      return deadLetterTopicName(topicPrefix, family);
    },
    ...(declared.partitionsConsumedConcurrently === undefined
      ? {}
      : { partitionsConsumedConcurrently: declared.partitionsConsumedConcurrently }),
  });
}
