// End to end: critical cases registered through case-intake's API at a fixed rate, timed until
// the relay's `case.registered` is consumed (matched by the request id, which the service carries
// as the event's correlation id), against a raw kafkajs produce → consume ping at the same rate.
import { performance } from 'node:perf_hooks';
import { topicName } from '@kelisim/contracts/topics';
import { createIdempotentProducer, createTopics } from '@kelisim/service-kit/kafka';
import type { Consumer, Kafka } from 'kafkajs';
import { Arrivals, type Fire, pacedRun, warmUp } from './paced.ts';
import type { Comparison, Run } from './report.ts';
import { summarise } from './stats.ts';

type Options = { kafka: Kafka; topicPrefix: string; rate: number; durationSeconds: number };

async function joinedConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  onValue: (value: string) => void,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({ eachMessage: async ({ message }) => onValue(String(message.value)) });
  return consumer;
}

export async function kafkaPing({ kafka, topicPrefix, rate, durationSeconds }: Options): Promise<Run> {
  const topic = `${topicPrefix}bench-ping`;
  const admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic, numPartitions: 3 }]);
  await admin.disconnect();
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const arrivals = new Arrivals();
  const consumer = await joinedConsumer(kafka, `${topicPrefix}bench-ping`, topic, (value) =>
    arrivals.seen(value),
  );
  const fire: Fire = async (id) => {
    await producer.send({ topic, messages: [{ key: id, value: id }] });
  };
  try {
    await warmUp(arrivals, fire);
    return await pacedRun(arrivals, fire, { rate, durationSeconds, runId: 'ping' });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

export async function registrationToEvent(
  { kafka, topicPrefix, rate, durationSeconds }: Options,
  api: { url: string; token: string; body: () => unknown },
): Promise<Run> {
  const arrivals = new Arrivals();
  const accepted: number[] = [];
  const consumer = await joinedConsumer(
    kafka,
    `${topicPrefix}bench-end-to-end`,
    topicName(topicPrefix, 'cases'),
    (value) => {
      const event = JSON.parse(value) as { type: string; correlationid: string };
      if (event.type.startsWith('case.registered')) arrivals.seen(event.correlationid);
    },
  );
  const fire: Fire = async (id) => {
    const sentAt = performance.now();
    const response = await fetch(`${api.url}/cases`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${api.token}`,
        'content-type': 'application/json',
        'x-request-id': id,
      },
      body: JSON.stringify(api.body()),
      // A registration slower than this is a failure: it bounds the run when the API falls behind.
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (!id.startsWith('warm-')) accepted.push(performance.now() - sentAt);
    if (response.status !== 201) throw new Error(`registration answered ${response.status}`);
  };
  try {
    await warmUp(arrivals, fire);
    const run = await pacedRun(arrivals, fire, { rate, durationSeconds, runId: 'e2e' });
    const { p50, p99 } = summarise(accepted);
    return { ...run, accepted: { p50, p99 } };
  } finally {
    await consumer.disconnect();
  }
}

export async function compareEndToEnd(
  options: Options,
  api: { url: string; token: string; body: () => unknown },
): Promise<Comparison> {
  const baseline = await kafkaPing(options);
  const subject = await registrationToEvent(options, api);
  return {
    name: 'end-to-end',
    subject: { label: 'POST /cases → case.registered consumed', fixed: subject },
    baseline: { label: 'kafkajs produce → consume', fixed: baseline },
  };
}
