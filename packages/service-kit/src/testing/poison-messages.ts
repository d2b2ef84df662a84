// Bad input on the bus (issue 10), one scenario for every consumer: random bytes, JSON that is not
// an envelope, a valid envelope with invalid data, an unknown event type, an oversize message and
// a redelivered event id. Each must be dead-lettered with its reason (or skipped as a duplicate),
// nothing may be written for any of them, and a valid event after them must still be processed.
// Services call `deliverPoison` from their own `src/events/poison-messages.int.test.ts`.
import { createHash, randomBytes } from 'node:crypto';
import { type EventEnvelope, newEventId } from '@kelisim/contracts/envelope';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { defaultMaxMessageBytes, type RunningConsumer } from '../consumer.ts';
import { waitFor } from './wait-for.ts';

export type PoisonMessage = { label: string; value: Buffer; reason: string | null };

/** The six bad deliveries, built from one valid event of the consumed family (already delivered). */
export function poisonMessages(delivered: EventEnvelope): PoisonMessage[] {
  const fresh = () => ({ ...delivered, id: newEventId() });
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  // Every member of the payload replaced by a value of no type any contract accepts.
  const wrongData = Object.fromEntries(Object.keys(delivered.data as object).map((key) => [key, { no: [] }]));
  const [aggregate] = delivered.type.split('.');
  return [
    // 0xff never starts valid UTF-8, so these bytes can never parse as JSON by chance.
    {
      label: 'random bytes',
      value: Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(200)]),
      reason: 'invalid-json',
    },
    {
      label: 'JSON that is not an envelope',
      value: json({ hello: 'world', items: [1, 2, 3] }),
      reason: 'invalid_envelope',
    },
    {
      label: 'valid envelope, invalid data',
      value: json({ ...fresh(), data: wrongData }),
      reason: 'invalid_payload',
    },
    {
      label: 'unknown event type',
      value: json({ ...fresh(), type: `${aggregate}.teleported.v1` }),
      reason: 'unknown_type',
    },
    {
      label: 'oversize message',
      value: json({
        ...fresh(),
        data: { ...(delivered.data as object), padding: 'x'.repeat(defaultMaxMessageBytes) },
      }),
      reason: 'oversize',
    },
    { label: 'known event id redelivered', value: json(delivered), reason: null },
  ];
}

/** Every document of every collection, hashed: equal before and after means nothing was written. */
export async function databaseFingerprint(connection: Connection): Promise<Record<string, string>> {
  const db = connection.getClient().db(connection.name);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
      return [name, createHash('sha256').update(JSON.stringify(docs)).digest('hex')] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export type PoisonScenario = {
  kafka: Kafka;
  producer: Producer;
  connection: Connection;
  consumer: RunningConsumer;
  topic: string;
  deadLetterTopic: string;
  /** A valid event the consumer handles; delivered first, then redelivered among the bad ones. */
  valid: EventEnvelope;
  /** Another valid event, delivered after the bad ones: the consumer must still process it. */
  next: EventEnvelope;
};

export type PoisonOutcome = {
  /** Dead-letter reason header by label of the bad message, in the order they arrived. */
  reasons: Record<string, string>;
  deadLetters: KafkaMessage[];
  /** Collections whose content changed while the bad messages were handled (must be none). */
  changed: string[];
  skippedDuplicates: number;
};

export async function deliverPoison(scenario: PoisonScenario): Promise<PoisonOutcome> {
  const { consumer, producer, topic } = scenario;
  const { stats } = consumer;
  // One key for all: one partition, so the consumer meets them in this order.
  const key = scenario.valid.subject;
  const send = (value: Buffer) => producer.send({ topic, messages: [{ key, value }] });
  const deadLetters: KafkaMessage[] = [];
  const watcher = scenario.kafka.consumer({ groupId: `${scenario.deadLetterTopic}.watch-${newEventId()}` });
  await watcher.connect();
  await watcher.subscribe({ topic: scenario.deadLetterTopic, fromBeginning: true });
  await watcher.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });
  try {
    const processed = stats.processed;
    await send(Buffer.from(JSON.stringify(scenario.valid)));
    await waitFor(() => expectAtLeast(stats.processed, processed + 1, 'the first valid event processed'));

    // The valid event's own after-effects (a relay marking commits published, a projection) settle first.
    const before = await settledFingerprint(scenario.connection);
    const dead = stats.deadLettered;
    const duplicates = stats.skippedDuplicates;
    const poison = poisonMessages(scenario.valid);
    for (const message of poison) await send(message.value);
    const bad = poison.filter((message) => message.reason !== null).length;
    await waitFor(() => expectAtLeast(stats.deadLettered, dead + bad, 'bad messages dead-lettered'));
    await waitFor(() => expectAtLeast(stats.skippedDuplicates, duplicates + 1, 'the redelivery skipped'));
    const after = await databaseFingerprint(scenario.connection);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (name) => before[name] !== after[name],
    );

    await send(Buffer.from(JSON.stringify(scenario.next)));
    await waitFor(() =>
      expectAtLeast(stats.processed, processed + 2, 'the valid event after them processed'),
    );
    await waitFor(() => expectAtLeast(deadLetters.length, bad, 'dead letters on the topic'));

    const labels = poison.filter((message) => message.reason !== null).map((message) => message.label);
    const reasons = Object.fromEntries(
      deadLetters.map((message, index) => [
        labels[index] ?? `extra ${index}`,
        String(message.headers?.['dlq-reason']),
      ]),
    );
    return { reasons, deadLetters, changed, skippedDuplicates: stats.skippedDuplicates - duplicates };
  } finally {
    await watcher.disconnect();
  }
}

async function settledFingerprint(connection: Connection): Promise<Record<string, string>> {
  let last = JSON.stringify(await databaseFingerprint(connection));
  for (let round = 0; round < 40; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = JSON.stringify(await databaseFingerprint(connection));
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as Record<string, string>;
}

function expectAtLeast(actual: number, wanted: number, what: string): void {
  if (actual < wanted) throw new Error(`${what}: ${actual} of ${wanted}`);
}

/** What every consumer must show for the six: reasons by label. */
export const expectedReasons: Record<string, string> = Object.fromEntries(
  poisonMessages({
    specversion: '1.0',
    id: 'x',
    type: 'x.y.v1',
    source: 'x',
    subject: 'x',
    time: '2025-01-01T00:00:00Z',
    correlationid: 'x',
    causationid: null,
    region: '750000000',
    data: {},
  } as unknown as EventEnvelope)
    .filter((message) => message.reason !== null)
    .map((message) => [message.label, message.reason as string]),
);
