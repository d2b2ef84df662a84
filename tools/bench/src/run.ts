// `pnpm run bench`: starts case-intake and the bare baselines in a child process against a
// database and topic prefix unique to this run, runs the chosen benchmarks (each subject next to
// its baseline, in this run), prints the table, writes one JSON file per benchmark under
// results/, then drops the database and deletes the topics. `growth` runs first, on databases of
// its own (growth-run.ts). Options: see args.ts.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKafka } from '@kelisim/service-kit/kafka';
import { createLogger } from '@kelisim/service-kit/log';
import { startJaeger } from '@kelisim/service-kit/testing/jaeger';
import { MongoClient } from 'mongodb';
import { type BenchArgs, type BenchmarkName, parseArgs } from './args.ts';
import { benchRegion, caseBodies } from './case-bodies.ts';
import { formatCost, measureCost } from './cost-bench.ts';
import { runGrowth } from './growth-run.ts';
import { comparePair, type HttpTarget } from './http-bench.ts';
import { registrationToInbox } from './inbox-bench.ts';
import {
  barePipeline,
  compareEndToEnd,
  highestSustained,
  isSustained,
  kafkaPing,
  registrationToEvent,
  sustainedP99Ms,
} from './kafka-bench.ts';
import {
  formatPlatformCost,
  measurePlatformCost,
  type Platform,
  platformDatabases,
  startPlatform,
} from './platform-cost.ts';
import { type Comparison, formatTable, type Run, resultDocument, tableHeaders, tableRows } from './report.ts';
import type { TargetUsage } from './target/protocol.ts';
import { Target } from './target-client.ts';

const print = (text: string) => process.stdout.write(`${text}\n`);

const args: BenchArgs = parseArgs(process.argv.slice(2));
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const kafkaBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const unique = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const dbName = `bench_${unique}`;
const topicPrefix = `bench.${unique}.`;
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
await mkdir(resultsDir, { recursive: true });
const cpuProfileDir = args.profile ? join(resultsDir, `cpu-profile-${stamp}`) : undefined;

const logger = createLogger({ service: 'bench', level: 'warn' });
const kafka = createKafka({ clientId: 'bench-runner', brokers: kafkaBrokers, logger });

if (args.only.includes('growth')) {
  try {
    await runGrowth({
      args,
      mongoUrl,
      kafkaBrokers,
      topicPrefix: `${topicPrefix}growth.`,
      unique,
      stamp,
      resultsDir,
      print,
    });
  } finally {
    await deleteTopics().catch((error: unknown) => console.error('[bench] could not delete topics', error));
  }
  if (args.only.length === 1) process.exit(0);
}

print(
  `[bench] ${args.only.join(', ')}; ${args.durationSeconds} s per run; db ${dbName}; topics ${topicPrefix}*`,
);
const target = await Target.start({
  mongoUrl,
  dbName,
  kafkaBrokers,
  topicPrefix,
  region: benchRegion,
  cpuProfileDir,
});
const { fullUrl, bareUrl, token, sub } = target.ready;
const auth = { authorization: `Bearer ${token}` };
const drain = async () => {
  const left = await target.drain();
  if (left > 0) print(`[bench] warning: ${left} commits still unpublished after waiting`);
};

/** At least `count` cases: 20 registered through the API, the rest copies of them (see clone-cases). */
async function ensureCases(count: number): Promise<string[]> {
  const body = caseBodies();
  let have = (await target.caseIds(count)).length;
  while (have < 20) {
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const response = await fetch(`${fullUrl}/cases`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(body()),
        });
        await response.arrayBuffer();
      }),
    );
    have += 5;
  }
  await drain();
  if (have < count) await target.cloneCases(count - have);
  return target.caseIds(count);
}

const comparisons: Comparison[] = [];

const pick = (ids: readonly string[]) => ids[Math.floor(Math.random() * ids.length)]!;

async function benchmark(name: BenchmarkName): Promise<Comparison> {
  const { durationSeconds } = args;
  if (name === 'registration') {
    const full: HttpTarget = { url: `${fullUrl}/cases`, method: 'POST', headers: auth, body: caseBodies() };
    const bare: HttpTarget = { url: `${bareUrl}/bare/cases`, method: 'POST', body: caseBodies() };
    const pair = await comparePair(full, bare, durationSeconds, drain);
    return {
      name,
      subject: { label: 'POST /cases (case-intake)', ...pair.subject },
      baseline: { label: 'bare insertOne route', ...pair.baseline },
    };
  }
  if (name === 'read-by-id') {
    const ids = await ensureCases(200);
    const full: HttpTarget = { url: fullUrl, headers: auth, path: () => `/cases/${pick(ids)}` };
    const bare: HttpTarget = { url: bareUrl, path: () => `/bare/cases/${pick(ids)}` };
    const pair = await comparePair(full, bare, durationSeconds);
    return {
      name,
      subject: { label: 'GET /cases/:id (case-intake)', ...pair.subject },
      baseline: { label: 'bare findOne route', ...pair.baseline },
    };
  }
  if (name === 'list') {
    await ensureCases(200);
    const query = `region=${benchRegion}&status=registered`;
    const full: HttpTarget = { url: `${fullUrl}/cases?${query}&limit=20`, headers: auth };
    const bare: HttpTarget = { url: `${bareUrl}/bare/cases?${query}&sub=${sub}` };
    const pair = await comparePair(full, bare, durationSeconds);
    return {
      name,
      subject: { label: 'GET /cases?region&status (case-intake)', ...pair.subject },
      baseline: { label: 'bare find().sort().limit() route', ...pair.baseline },
    };
  }
  if (name === 'tracing') return tracing();
  if (name === 'pipeline') return pipeline();
  if (name === 'inbox') return inbox();
  // Half the sustainable rate (the operating point): the registration's max from this run.
  return compareEndToEnd(
    { kafka, topicPrefix, rate: steadyRate(), durationSeconds },
    { url: fullUrl, token, body: caseBodies('critical') },
  );
}

/**
 * The highest rate of critical registrations sustained to their consumed event (every one
 * arrived, p99 under 2 s, for `--duration`; a minute for the figure) against the bare
 * pipeline's (insert → produce → consume → insert), both searched from 2 a second by doubling.
 */
async function pipeline(): Promise<Comparison> {
  const mongo = await MongoClient.connect(mongoUrl);
  const options = (rate: number) => ({ kafka, topicPrefix, rate, durationSeconds: args.durationSeconds });
  const api = { url: fullUrl, token, body: caseBodies('critical') };
  const say = (label: string, run: Run) =>
    print(
      `[bench] pipeline: ${label} at ${run.offeredRate?.toFixed(1)}/s: done ${run.rate.toFixed(1)}/s, p99 ${run.p99.toFixed(0)} ms, ${run.failures} failed${isSustained(run) ? '' : ' (not sustained)'}`,
    );
  try {
    let step = 0;
    const bare = await highestSustained(async (rate) => {
      const run = await barePipeline(options(rate), mongo.db(dbName), `bare${step++}`);
      say('bare', run);
      return run;
    }, 2);
    const subject = await highestSustained(async (rate) => {
      const run = await registrationToEvent(options(rate), api);
      say('POST /cases', run);
      await drain();
      return run;
    }, 2);
    print(`[bench] pipeline: sustained means every message arrived and p99 ≤ ${sustainedP99Ms} ms`);
    const first = (steps: Run[]) => steps[0] as Run;
    return {
      name: 'pipeline',
      subject: {
        label: 'POST /cases → case.registered consumed',
        ...(subject.best ? { max: subject.best } : {}),
        fixed: first(subject.steps),
      },
      baseline: {
        label: 'bare insert → produce → consume → insert',
        ...(bare.best ? { max: bare.best } : {}),
        fixed: first(bare.steps),
      },
    };
  } finally {
    await mongo.close();
  }
}

/**
 * Registration's throughput with tracing on (a second services process exporting every span over
 * OTLP to Jaeger: OTEL_EXPORTER_OTLP_ENDPOINT, else the one infra/local runs) against the run's
 * own services process, tracing off, in alternating rounds (issue 24: at most 10 % slower).
 */
async function tracing(): Promise<Comparison> {
  const otlpEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || (await startJaeger()).otlpEndpoint;
  const traced = await Target.start({
    mongoUrl,
    dbName: `${dbName}_traced`,
    kafkaBrokers,
    topicPrefix: `${topicPrefix}traced.`,
    region: benchRegion,
    otlpEndpoint,
    cpuProfileDir: cpuProfileDir && join(cpuProfileDir, 'traced'),
  });
  try {
    const tracedAuth = { authorization: `Bearer ${traced.ready.token}` };
    const on: HttpTarget = {
      url: `${traced.ready.fullUrl}/cases`,
      method: 'POST',
      headers: tracedAuth,
      body: caseBodies(),
    };
    const off: HttpTarget = { url: `${fullUrl}/cases`, method: 'POST', headers: auth, body: caseBodies() };
    const before = [await traced.usage(), await target.usage()];
    const pair = await comparePair(on, off, args.durationSeconds, async () => {
      await drain();
      await traced.drain();
    });
    const after = [await traced.usage(), await target.usage()];
    // CPU per registration (per event published) of each process: steadier than throughput when
    // the machine's other load comes and goes.
    const [onCpu, offCpu] = [0, 1].map((i) => {
      const [a, b] = [before[i], after[i]] as [TargetUsage, TargetUsage];
      return (b.cpuUserMs + b.cpuSystemMs - a.cpuUserMs - a.cpuSystemMs) / Math.max(1, b.events - a.events);
    }) as [number, number];
    const cost = 1 - pair.subject.max.rate / pair.baseline.max.rate;
    print(
      `[bench] tracing: ${pair.subject.max.rate.toFixed(0)}/s traced against ${pair.baseline.max.rate.toFixed(0)}/s untraced: ${(cost * 100).toFixed(1)} % of the throughput (issue 24: at most 10 %); CPU per registration ${onCpu.toFixed(2)} ms against ${offCpu.toFixed(2)} ms (+${((onCpu / offCpu - 1) * 100).toFixed(1)} %)`,
    );
    return {
      name: 'tracing',
      subject: { label: `POST /cases, tracing on (OTLP to ${otlpEndpoint})`, ...pair.subject },
      baseline: { label: 'POST /cases, tracing off', ...pair.baseline },
    };
  } finally {
    await traced.stop();
  }
}

async function deleteTopics(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** Half the registration's max rate from this run, as for end to end; else --rate, else 2. */
function steadyRate(): number {
  const registrationMax = comparisons.find((c) => c.name === 'registration')?.subject.max?.rate;
  return args.endToEndRate ?? (registrationMax ? Math.max(0.5, registrationMax / 2) : 2);
}

async function cost(): Promise<void> {
  const started = Date.now();
  const result = await measureCost(
    target,
    { url: fullUrl, token, body: caseBodies() },
    { rate: steadyRate(), durationSeconds: args.durationSeconds },
  );
  const file = join(resultsDir, `cost-${stamp}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ startedAt: new Date(started).toISOString(), ...result }, null, 2)}\n`,
  );
  print(formatCost(result));
  print(`[bench] cost: ${Math.round((Date.now() - started) / 1_000)} s; wrote ${file}\n`);
}

/** The four services as processes on topics and databases of their own, then gone with them. */
async function withPlatform<T>(label: string, work: (platform: Platform) => Promise<T>): Promise<T> {
  const dbPrefix = `${dbName}_${label}`;
  const platform = await startPlatform({
    kafka,
    mongoUrl,
    kafkaBrokers,
    topicPrefix: `${topicPrefix}${label}.`,
    dbPrefix,
  });
  try {
    return await work(platform);
  } finally {
    await platform.services.stopAll();
    const mongo = await MongoClient.connect(mongoUrl);
    for (const name of platformDatabases(dbPrefix))
      await mongo
        .db(name)
        .dropDatabase()
        .catch(() => {});
    await mongo.close();
  }
}

/** Critical registrations until the alert reaches the group's live inbox, against the Kafka ping. */
async function inbox(): Promise<Comparison> {
  const rate = args.endToEndRate ?? 2;
  const baseline = await kafkaPing({ kafka, topicPrefix, rate, durationSeconds: args.durationSeconds });
  const subject = await withPlatform('inbox', (platform) =>
    registrationToInbox(platform, { rate, durationSeconds: args.durationSeconds }),
  );
  return {
    name: 'inbox',
    subject: { label: 'POST /cases → alert in the live inbox (4 processes)', fixed: subject },
    baseline: { label: 'kafkajs produce → consume', fixed: baseline },
  };
}

/** Each service's CPU per thousand events and its memory, the four as separate processes. */
async function platformCost(): Promise<void> {
  const started = Date.now();
  const result = await withPlatform('platform', (platform) =>
    measurePlatformCost(platform, {
      kafka,
      topicPrefix: `${topicPrefix}platform.`,
      writesPerSecond: args.endToEndRate ?? 8,
      durationSeconds: args.durationSeconds,
    }),
  );
  const file = join(resultsDir, `platform-cost-${stamp}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ startedAt: new Date(started).toISOString(), ...result }, null, 2)}\n`,
  );
  print(formatPlatformCost(result));
  print(`[bench] platform-cost: ${Math.round((Date.now() - started) / 1_000)} s; wrote ${file}\n`);
}

try {
  for (const name of args.only) {
    if (name === 'growth') continue;
    if (name === 'cost') {
      await cost();
      continue;
    }
    if (name === 'platform-cost') {
      await platformCost();
      continue;
    }
    const before = await target.usage();
    const started = Date.now();
    const comparison = await benchmark(name);
    const after = await target.usage();
    comparisons.push(comparison);
    const servicesProcess = {
      cpuMs: Math.round(after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs),
      rssMbAfter: Math.round(after.rssMb),
      heapUsedMbAfter: Math.round(after.heapUsedMb),
    };
    const file = join(resultsDir, `${name}-${stamp}.json`);
    const context = {
      startedAt: new Date(started).toISOString(),
      elapsedSeconds: Math.round((Date.now() - started) / 1_000),
      durationSeconds: args.durationSeconds,
      connections: 10,
      servicesProcess,
    };
    await writeFile(file, `${JSON.stringify(resultDocument(comparison, context), null, 2)}\n`);
    print(formatTable(tableHeaders, tableRows([comparison])));
    const accepted = comparison.subject.fixed.accepted;
    if (accepted)
      print(
        `[bench] ${name}: the API answered 201 after p50 ${accepted.p50.toFixed(1)} ms, p99 ${accepted.p99.toFixed(1)} ms`,
      );
    print(`[bench] ${name}: ${context.elapsedSeconds} s; wrote ${file}\n`);
  }
  print(`Kelisim benchmarks (${args.durationSeconds} s per run, 10 connections; latencies at a fixed rate)`);
  print(formatTable(tableHeaders, tableRows(comparisons)));
} finally {
  await target.stop();
  await deleteTopics().catch((error: unknown) => console.error('[bench] could not delete topics', error));
  if (cpuProfileDir) print(`[bench] CPU profile of the services process in ${cpuProfileDir}`);
}
