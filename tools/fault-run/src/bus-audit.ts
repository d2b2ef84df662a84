// What the bus holds, read after the run: every message of the given topics up to their current
// end (a consumer group of its own, from the beginning), and the consumer groups' lag.
import { randomUUID } from 'node:crypto';
import type { Admin, IHeaders, Kafka } from 'kafkajs';

export type BusMessage = { topic: string; partition: number; value: Buffer | null; headers: IHeaders };

function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

export { headerText };

/** Calls `visit` for every message now on the topics; returns the number read. */
export async function readTopics(
  kafka: Kafka,
  topics: string[],
  visit: (message: BusMessage) => void,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return 0;
  const consumer = kafka.consumer({ groupId: `fault-run-audit-${randomUUID()}` });
  await consumer.connect();
  let read = 0;
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topics.join(',')} took over 5 minutes`)),
        300_000,
      );
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            for (const message of batch.messages) {
              visit({
                topic: batch.topic,
                partition: batch.partition,
                value: message.value,
                headers: message.headers ?? {},
              });
              read += 1;
              const end = ends.get(key);
              if (end !== undefined && BigInt(message.offset) + 1n >= end) ends.delete(key);
            }
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** Messages the group has not yet committed past, summed over its topics' partitions. */
export async function consumerLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  return (await consumerPosition(admin, groupId, topics)).lag;
}

/** A group's lag over its topics, and the sum of its committed offsets (which only grows). */
export async function consumerPosition(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<{ lag: number; committed: number }> {
  let lag = 0;
  let committedSum = 0;
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const at = mine.find((p) => p.partition === end.partition)?.offset ?? '-1';
      const from = at === '-1' ? BigInt(end.low) : BigInt(at);
      lag += Number(BigInt(end.high) - from);
      committedSum += Number(from);
    }
  }
  return { lag, committed: committedSum };
}

/** Messages on the topics so far (high minus low offsets), polled in the background. */
export class BusCounter {
  count = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  start(intervalMs = 2_000): void {
    this.timer = setInterval(() => void this.poll(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async poll(): Promise<number> {
    if (this.polling) return this.count;
    this.polling = true;
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      let total = 0;
      for (const topic of this.topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) total += Number(BigInt(p.high) - BigInt(p.low));
      }
      this.count = total;
    } catch {
      // The broker is restarting: keep the last count.
    } finally {
      this.polling = false;
      await admin.disconnect().catch(() => {});
    }
    return this.count;
  }
}
