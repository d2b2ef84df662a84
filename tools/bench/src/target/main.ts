// The services' process: case-intake built by its own buildService over the kit's
// infrastructure, as its main.ts does (real MongoDB and Kafka, the relay, the mediators consumer
// and the sweeps running, the production log level written to /dev/null), plus the bare baseline
// app, each on its own loopback port. Only what a benchmark must hold differently: the tokens come
// from a test issuer, the field keys are generated, and the rate limits are set beyond any rate
// the benchmarks send. Database and topic prefix are unique to the run and given by the runner;
// `stop` drops the database. Forked by run.ts and driven over IPC (protocol.ts).
// First, as in the service's main.ts: tracing (on when the runner gives an OTLP endpoint) patches
// the modules below as they load.
import '@kelisim/service-kit/tracing-register';
import { caseIntakeConfigSchema } from '@kelisim/case-intake/src/config.ts';
import { buildService } from '@kelisim/case-intake/src/service.ts';
import { newEventId } from '@kelisim/contracts/envelope';
import { httpGuardsFromConfig } from '@kelisim/service-kit/config';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
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

type SweepSetting = 'FOLLOW_UP_SWEEP_INTERVAL_MS' | 'RETENTION_SWEEP_INTERVAL_MS' | 'RETENTION_DAYS';
const configDefault = (name: SweepSetting): number => caseIntakeConfigSchema.shape[name].parse(undefined);

const logger = createLogger({
  service: 'case-intake',
  level: 'info',
  destination: pino.destination('/dev/null'),
});
const dbTime = process.env.BENCH_DB_TIME === '1';
const infra = await connectServiceInfrastructure(
  {
    SERVICE_NAME: 'case-intake',
    MONGO_URL: env.mongoUrl,
    MONGO_DB: env.dbName,
    KAFKA_BROKERS: env.brokers,
    TOPIC_PREFIX: env.topicPrefix,
    TOPIC_PARTITIONS: 3,
    // The driver's command monitoring is on only where slow commands are logged; the log goes
    // to /dev/null, the tally below is what BENCH_DB_TIME prints.
    ...(dbTime ? { SLOW_COMMAND_MS: 3_600_000 } : {}),
  },
  logger,
);
const { connection } = infra;
const databaseTime = dbTime ? tallyDatabaseTime(connection.getClient()) : undefined;

const auth = await createTestAuth();
const service = await buildService({
  // The sweeps' intervals and the retention period as the service's config defaults them.
  settings: {
    FOLLOW_UP_SWEEP_INTERVAL_MS: configDefault('FOLLOW_UP_SWEEP_INTERVAL_MS'),
    RETENTION_SWEEP_INTERVAL_MS: configDefault('RETENTION_SWEEP_INTERVAL_MS'),
    RETENTION_DAYS: configDefault('RETENTION_DAYS'),
  },
  connections: infra,
  logger,
  auth: auth.verifier,
  // The default per-token limit (1 500 a minute) is far below what the benchmarks send: with it,
  // they measure 429s. The highest limits the environment accepts keep the limiter's own cost
  // in the figures.
  httpGuards: httpGuardsFromConfig({ RATE_LIMIT_PER_ADDRESS: 10_000_000, RATE_LIMIT_PER_TOKEN: 10_000_000 }),
  cipher: new FieldCipher(generateKeyRing()),
});
const { relay, cases } = service;
const bare = buildBareApp({
  inserts: nativeCollection(connection, 'bare_cases'),
  cases: nativeCollection(connection, 'cases'),
});
const fullUrl = await service.app.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
await service.start();

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
  await service.stop();
  await bare.close();
  await connection.dropDatabase().catch(() => {});
  await infra.close();
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
