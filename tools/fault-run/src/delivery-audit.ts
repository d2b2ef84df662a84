// Two audits of delivery after the run. Redeliveries: what the consumers skipped as already
// processed (the kit logs each batch's count at warn) plus events the relays published more than
// once (the same event id at two offsets). Dead letters: the DLQ topics must hold exactly the
// injected poison, once per consumer group reading its topic, and nothing else.
import { readFileSync } from 'node:fs';
import { deadLetterTopicName, eventFamilies, topicName } from '@kelisim/contracts/topics';
import type { Kafka } from 'kafkajs';
import { headerText, readTopics } from './bus-audit.ts';
import { expectedDeadLetters, type Poison, poisonHeader } from './poison.ts';

export type Redeliveries = {
  skippedByConsumers: number;
  republished: number;
  total: number;
  /** Messages read from the event topics, and the distinct event ids among them. */
  busEvents: number;
  distinctEvents: number;
};
export type DeadLetters = { expected: number; found: number; missing: string[]; unexpected: string[] };

const redeliveryLine = 'consumer: redelivered events skipped';

export function skippedInLog(text: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.includes(redeliveryLine)) continue;
    try {
      total += Number((JSON.parse(line) as { redelivered?: number }).redelivered ?? 0);
    } catch {
      // A line cut by a kill -9: its count is lost with it.
    }
  }
  return total;
}

/** `logFiles`: every service instance's log, where its consumer counts what it skipped. */
export async function countRedeliveries(
  kafka: Kafka,
  prefix: string,
  logFiles: string[],
): Promise<Redeliveries> {
  let skippedByConsumers = 0;
  for (const file of logFiles) skippedByConsumers += skippedInLog(readFileSync(file, 'utf8'));
  const seen = new Set<string>();
  let republished = 0;
  const busEvents = await readTopics(
    kafka,
    eventFamilies.map((family) => topicName(prefix, family)),
    (message) => {
      const id = eventIdOf(message.value);
      if (id === undefined) return;
      if (seen.has(id)) republished += 1;
      else seen.add(id);
    },
  );
  return {
    skippedByConsumers,
    republished,
    total: skippedByConsumers + republished,
    busEvents,
    distinctEvents: seen.size,
  };
}

/** The event's own fields from the message value (a structured-mode CloudEvent). */
function eventFieldOf(value: Buffer | null, field: 'id' | 'type'): string | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as Record<string, unknown>;
    return typeof parsed[field] === 'string' ? parsed[field] : undefined;
  } catch {
    return undefined;
  }
}
const eventIdOf = (value: Buffer | null) => eventFieldOf(value, 'id');
const eventTypeOf = (value: Buffer | null) => eventFieldOf(value, 'type');

export async function auditDeadLetters(kafka: Kafka, prefix: string, poison: Poison[]): Promise<DeadLetters> {
  const expected = expectedDeadLetters(poison, prefix);
  const found: string[] = [];
  const unexpected: string[] = [];
  await readTopics(
    kafka,
    eventFamilies.map((family) => deadLetterTopicName(prefix, family)),
    (message) => {
      const id = headerText(message.headers, poisonHeader);
      const group = headerText(message.headers, 'dlq-consumer-group');
      const reason = headerText(message.headers, 'dlq-reason');
      const key = `${id ?? `event ${eventTypeOf(message.value)} (${reason}: ${headerText(message.headers, 'dlq-detail')?.slice(0, 200)})`}@${group}`;
      if (id !== undefined && expected.has(key) && !found.includes(key)) found.push(key);
      else unexpected.push(key);
    },
  );
  const missing = [...expected].filter((key) => !found.includes(key));
  return { expected: expected.size, found: found.length + unexpected.length, missing, unexpected };
}
