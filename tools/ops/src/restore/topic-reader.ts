// The event ids a topic holds from a point in time on: each partition is read from the first
// offset at or after that time (Kafka's offsets-for-times) up to its end as it is now. The value
// is the whole CloudEvent (structured mode, packages/service-kit/src/relay.ts), so its `id` is the
// event id the relay published.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';

export type EventIdsOnKafka = { ids: Set<string>; messages: number };

type Range = { topic: string; partition: number; from: bigint; end: bigint };

async function rangesSince(admin: Admin, topics: string[], since: Date): Promise<Range[]> {
  const ranges: Range[] = [];
  for (const topic of topics) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
    for (const { partition, offset } of await admin.fetchTopicOffsetsByTimestamp(topic, since.getTime())) {
      const end = ends.get(partition) ?? 0n;
      if (BigInt(offset) < end) ranges.push({ topic, partition, from: BigInt(offset), end });
    }
  }
  return ranges;
}

export async function eventIdsSince(
  kafka: Kafka,
  topics: string[],
  since: Date,
  timeoutMs = 300_000,
): Promise<EventIdsOnKafka> {
  const admin = kafka.admin();
  await admin.connect();
  const ranges = await rangesSince(admin, topics, since).finally(() => admin.disconnect());
  const found: EventIdsOnKafka = { ids: new Set(), messages: 0 };
  if (ranges.length === 0) return found;
  const left = new Map(ranges.map((r) => [`${r.topic}:${r.partition}`, r.end]));
  // A group of its own that commits nothing: no service's offsets move.
  const consumer = kafka.consumer({ groupId: `kelisim-ops-restore-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))], fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topics.join(', ')} took over ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            for (const message of batch.messages) {
              found.messages += 1;
              const id = eventIdOf(message.value);
              if (id !== undefined) found.ids.add(id);
              const end = left.get(key);
              if (end !== undefined && BigInt(message.offset) + 1n >= end) left.delete(key);
            }
            if (left.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    // kafkajs applies a seek once the consumer runs; messages read before it (from the beginning)
    // are on Kafka as well, so counting them does no harm.
    for (const r of ranges) consumer.seek({ topic: r.topic, partition: r.partition, offset: String(r.from) });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return found;
}

function eventIdOf(value: Buffer | null): string | undefined {
  if (!value) return undefined;
  try {
    const event = JSON.parse(value.toString('utf8')) as { id?: unknown };
    return typeof event.id === 'string' ? event.id : undefined;
  } catch {
    return undefined;
  }
}
