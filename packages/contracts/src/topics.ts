// Kafka topics: one per event family, each with a dead-letter twin (DESIGN.md §3).
// Names are prefixed by configuration so that tests and environments never share topics.

export const eventFamilies = ['cases', 'mediators', 'monitoring', 'alerts'] as const;
export type EventFamily = (typeof eventFamilies)[number];

export function topicName(prefix: string, family: EventFamily): string {
  return `${prefix}${family}`;
}

export function deadLetterTopicName(prefix: string, family: EventFamily): string {
  return `${prefix}${family}.dlq`;
}
