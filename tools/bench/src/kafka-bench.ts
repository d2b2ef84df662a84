// End to end: critical cases registered through case-intake's API at a fixed rate, timed until
// the relay's `case.registered` is consumed (matched by the request id, which the service carries
// as the event's correlation id), against a raw kafkajs produce → consume ping at the same rate.
import { performance } from 'node:perf_hooks';
import { topicName } from '@kelisim/contracts/topics';
import { createIdempotentProducer, createTopics } from '@kelisim/service-kit/kafka';
import type { Consumer, Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { caseBodies } from './case-bodies.ts';
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

/**
 * The bare pipeline: the same I/O as a registration's way to its consumer, and nothing else. An
 * insert of a case-sized document with the native driver, a produce with the relay's idempotent
 * producer, a consume, and the consumer's insert of what it read; the message counts as arrived
 * after that insert.
 */
export async function barePipeline(
  { kafka, topicPrefix, rate, durationSeconds }: Options,
  db: Db,
  runId: string,
): Promise<Run> {
  const topic = `${topicPrefix}bench-pipeline`;
  const admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic, numPartitions: 3 }]);
  await admin.disconnect();
  const source = db.collection<{ _id: string } & Record<string, unknown>>('bare_pipeline_source');
  const sink = db.collection<{ _id: string; receivedAt: Date }>('bare_pipeline_sink');
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const arrivals = new Arrivals();
  const consumer = await joinedConsumer(kafka, `${topicPrefix}bench-pipeline-${runId}`, topic, (value) => {
    void sink
      .insertOne({ _id: `${runId}:${value}`, receivedAt: new Date() })
      .then(() => arrivals.seen(value))
      .catch(() => {});
  });
  const body = caseBodies('critical');
  const fire: Fire = async (id) => {
    await source.insertOne({ _id: `${runId}:${id}`, ...(body() as object), at: new Date() });
    await producer.send({ topic, messages: [{ key: id, value: id }] });
  };
  try {
    await warmUp(arrivals, fire);
    return await pacedRun(arrivals, fire, { rate, durationSeconds, runId });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

/** A steady rate is sustained when every message arrived and the p99 stayed under this. */
export const sustainedP99Ms = 2_000;

export const isSustained = (run: Run) => run.failures === 0 && run.p99 <= sustainedP99Ms;

/**
 * The highest fixed rate sustained for the run's duration: doubling from `from` until a rate is
 * not sustained, then once halfway between the last good rate and the first bad one. Answers the
 * best sustained run (null when even `from` was not) and every step, for the record.
 */
export async function highestSustained(
  runAt: (rate: number) => Promise<Run>,
  from: number,
  maxRate = 1_024,
): Promise<{ best: Run | null; steps: Run[] }> {
  const steps: Run[] = [];
  let best: Run | null = null;
  let rate = from;
  let failedAt: number | null = null;
  while (rate <= maxRate) {
    const run = await runAt(rate);
    steps.push(run);
    if (!isSustained(run)) {
      failedAt = rate;
      break;
    }
    best = run;
    rate *= 2;
  }
  if (best && failedAt !== null) {
    const middle = ((best.offeredRate ?? from) + failedAt) / 2;
    const run = await runAt(middle);
    steps.push(run);
    if (isSustained(run)) best = run;
  }
  return { best, steps };
}
