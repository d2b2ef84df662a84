// A known set of poison messages, published straight onto the consumed topics: bytes that are not
// JSON, JSON that is not an envelope, and an envelope of a known type whose data is invalid. Each
// consumer group reading the topic must dead-letter each of them once and move on; the header
// `fault-run-poison` (copied to the dead letter with the original headers) names them.
import { randomBytes, randomUUID } from 'node:crypto';
import { newEventId } from '@kelisim/contracts/envelope';
import { topicName } from '@kelisim/contracts/topics';
import type { Kafka } from 'kafkajs';
import { consumersOf } from './service-processes.ts';

export type PoisonFamily = keyof typeof consumersOf;
export type Poison = { id: string; family: PoisonFamily; shape: string };

const knownTypeOf: Record<PoisonFamily, string> = {
  cases: 'case.registered.v1',
  mediators: 'mediator.registered.v1',
  monitoring: 'visit.reviewed.v1',
};

export const poisonHeader = 'fault-run-poison';

function poisonValue(shape: string, family: PoisonFamily): Buffer {
  if (shape === 'bytes') return randomBytes(64);
  if (shape === 'not-envelope') return Buffer.from(JSON.stringify({ hello: 'world', family }));
  const id = newEventId();
  return Buffer.from(
    JSON.stringify({
      specversion: '1.0',
      id,
      type: knownTypeOf[family],
      source: '/fault-run',
      subject: randomUUID(),
      time: new Date().toISOString(),
      correlationid: id,
      causationid: id,
      region: '750000000',
      data: { invalid: true },
    }),
  );
}

/** Publishes one message of each shape to each consumed family's topic; answers what was sent. */
export async function injectPoison(kafka: Kafka, prefix: string, batch: string): Promise<Poison[]> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const sent: Poison[] = [];
  try {
    for (const family of Object.keys(consumersOf) as PoisonFamily[]) {
      const messages = ['bytes', 'not-envelope', 'invalid-data'].map((shape) => {
        const poison = { id: `${batch}-${family}-${shape}`, family, shape };
        sent.push(poison);
        return {
          key: randomUUID(),
          value: poisonValue(shape, family),
          headers: { [poisonHeader]: poison.id },
        };
      });
      await producer.send({ topic: topicName(prefix, family), messages });
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** The dead letters the poison must produce: one per message and consumer group reading its topic. */
export function expectedDeadLetters(poison: Poison[], prefix: string): Set<string> {
  return new Set(
    poison.flatMap((p) => consumersOf[p.family].map((service) => `${p.id}@${prefix}${service}`)),
  );
}
