// Reading a topic as an operator: from the beginning up to the end as it is now (for dead-letter
// inspection), or following it live. A throwaway consumer group, so no service's offsets move.
import { randomUUID } from 'node:crypto';
import { createKafka } from '@kelisim/service-kit/kafka';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import type { RawMessage } from './event-format.ts';

export function operatorKafka(brokers: string[]): Kafka {
  return createKafka({
    clientId: 'kelisim-ops',
    brokers,
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
}

/** Every message of `topic` present now, in partition and offset order. */
export async function readAll(kafka: Kafka, topic: string): Promise<RawMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const pending = new Map(
    offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]),
  );
  const messages: RawMessage[] = [];
  if (pending.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `kelisim-ops-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            messages.push({ topic, partition, ...message });
            const high = pending.get(partition);
            if (high !== undefined && Number(message.offset) + 1 >= high) pending.delete(partition);
            if (pending.size === 0) done();
          },
        })
        .catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/** Calls `onMessage` for every new message until the process is interrupted. */
export async function follow(
  kafka: Kafka,
  topic: string,
  fromBeginning: boolean,
  onMessage: (message: RawMessage) => void,
): Promise<void> {
  const consumer = kafka.consumer({ groupId: `kelisim-ops-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning });
  await consumer.run({
    eachMessage: async ({ partition, message }) => onMessage({ topic, partition, ...message }),
  });
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await consumer.disconnect();
}
