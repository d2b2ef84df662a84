// The services' process: case-intake composed as its main.ts composes it (real MongoDB and Kafka,
// the outbox relay running, the production log level written to /dev/null) plus the bare baseline
// app, each on its own loopback port. Database and topic prefix are unique to the run and given
// by the runner; `stop` drops the database. Forked by run.ts and driven over IPC (protocol.ts).
import { buildApp } from '@kelisim/case-intake/src/app.ts';
import { CaseAuditTrail } from '@kelisim/case-intake/src/store/case-audit.ts';
import { CaseNumbers } from '@kelisim/case-intake/src/store/case-numbers.ts';
import { CaseStore } from '@kelisim/case-intake/src/store/case-store.ts';
import { MediatorReadModel } from '@kelisim/case-intake/src/store/mediator-read-model.ts';
import { newEventId } from '@kelisim/contracts/envelope';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import { createIdempotentProducer, createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { createLogger } from '@kelisim/service-kit/log';
import { connectMongo, nativeCollection } from '@kelisim/service-kit/mongo';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { topicRouter } from '@kelisim/service-kit/service-runtime';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { pino } from 'pino';
import { buildBareApp } from './bare-app.ts';
import { tallyDatabaseTime } from './db-time.ts';
import type { TargetMessage, TargetRequest, TargetUsage } from './protocol.ts';

const env = {
  mongoUrl: process.env.BENCH_MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
  dbName: process.env.BENCH_MONGO_DB ?? 'bench',
  brokers: (process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  topicPrefix: process.env.BENCH_TOPIC_PREFIX ?? 'bench.',
  region: process.env.BENCH_REGION ?? '750000000',
};

const send = (message: TargetMessage) => process.send?.(message);

const logger = createLogger({
  service: 'case-intake',
  level: 'info',
  destination: pino.destination('/dev/null'),
});
const dbTime = process.env.BENCH_DB_TIME === '1';
const connection = await connectMongo({ url: env.mongoUrl, dbName: env.dbName, monitorCommands: dbTime });
const databaseTime = dbTime ? tallyDatabaseTime(connection.getClient()) : undefined;
const kafka = createKafka({ clientId: 'bench-case-intake', brokers: env.brokers, logger });
await ensureTopics(kafka, { prefix: env.topicPrefix, partitions: 3 });
const producer = createIdempotentProducer(kafka);
await producer.connect();

const cases = new CaseStore(connection);
const mediators = new MediatorReadModel(connection);
const audit = new CaseAuditTrail(connection, cases);
await cases.ensureIndexes();
await mediators.ensureIndexes();
await audit.ensureIndexes();
const relay = new OutboxRelay({
  logs: [cases.log],
  producer,
  topicFor: topicRouter(env.topicPrefix),
  logger,
});
const auth = await createTestAuth();
const full = await buildApp({
  logger,
  auth: auth.verifier,
  readiness: async () => ({ ok: true }),
  cases,
  audit,
  numbers: new CaseNumbers(connection),
  connection,
  mediators,
  cipher: new FieldCipher(generateKeyRing()),
  relay,
  clock: () => new Date(),
  newId: newEventId,
  // The per-token limit (1 500 a minute) is far below what the benchmarks send: with it, they
  // measure 429s.
  rateLimit: false,
});
const bare = buildBareApp({
  inserts: nativeCollection(connection, 'bare_cases'),
  cases: nativeCollection(connection, 'cases'),
});
const fullUrl = await full.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
relay.start();

const sub = 'bench-mediator';
const token = await auth.mint({ sub, roles: ['mediator'], regions: [env.region], expiresIn: '2h' });

async function drain(): Promise<number> {
  // The relay publishes what registration left behind before the next measurement starts.
  const deadline = Date.now() + 120_000;
  let left = await cases.log.countUnpublished();
  while (left > 0 && Date.now() < deadline) {
    relay.wake();
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await cases.log.countUnpublished();
  }
  return left;
}

/**
 * Read benchmarks need a few hundred cases; registering them through the API would take minutes
 * on FerretDB. Copies of cases registered through the API (ciphertexts included, so they decrypt)
 * under new ids go straight into the read model, which is all the read paths touch.
 */
async function cloneCases(count: number): Promise<number> {
  const originals = await cases.cases.find({}).limit(50).toArray();
  if (originals.length === 0) return 0;
  const copies = Array.from({ length: count }, (_, i) => {
    const original = originals[i % originals.length]!;
    return { ...original, _id: newEventId(), caseNumber: `${original.caseNumber}-c${i}` };
  });
  for (let i = 0; i < copies.length; i += 100) await cases.cases.insertMany(copies.slice(i, i + 100));
  return copies.length;
}

// The peak between two `usage` requests: RSS sampled four times a second.
let peakRss = 0;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 250).unref();

// CPU spent in the collections `usage` forces, left out of the CPU it reports.
let forcedGcMicros = 0;

function usage(): TargetUsage {
  // Forked with --expose-gc: the heap after a collection is what the process keeps, not garbage.
  const beforeGc = process.cpuUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const gcCpu = process.cpuUsage(beforeGc);
  forcedGcMicros += gcCpu.user + gcCpu.system;
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const peakRssMb = Math.max(peakRss, memory.rss) / 2 ** 20;
  peakRss = 0;
  return {
    cpuUserMs: (cpu.user - forcedGcMicros) / 1_000,
    cpuSystemMs: cpu.system / 1_000,
    rssMb: memory.rss / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    peakRssMb,
    events: relay.stats.events,
  };
}

async function stop(): Promise<void> {
  if (databaseTime) console.error(`[bench] database time by command and collection\n${databaseTime()}`);
  await full.close();
  await bare.close();
  await relay.stop();
  await producer.disconnect();
  await connection.dropDatabase().catch(() => {});
  await connection.close();
}

async function answer(request: TargetRequest): Promise<unknown> {
  switch (request.type) {
    case 'drain':
      return drain();
    case 'case-ids': {
      const found = await cases.cases
        .find({}, { projection: { _id: 1 } })
        .limit(request.limit)
        .toArray();
      return found.map((doc) => doc._id);
    }
    case 'clone-cases':
      return cloneCases(request.count);
    case 'usage':
      return usage();
    case 'stop':
      await stop();
      return null;
  }
}

process.on('message', (request: TargetRequest) => {
  answer(request).then(
    (value) => {
      send({ type: 'reply', id: request.id, value });
      // Exiting normally lets `--cpu-prof` write its profile.
      if (request.type === 'stop') process.disconnect();
    },
    (error: unknown) => {
      console.error('bench target: request failed', request.type, error);
      send({ type: 'reply', id: request.id, value: null });
    },
  );
});

send({ type: 'ready', fullUrl, bareUrl, token, sub });
