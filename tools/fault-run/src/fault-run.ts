// One fault run from start to verdict: its own broker and database, the four services, the
// stream of writes with faults and poison injected along it, the drain, then the books.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventFamilies, topicName } from '@kelisim/contracts/topics';
import { serviceNames } from '@kelisim/launcher/service-process';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { Api, Pacer } from './api.ts';
import { BusCounter, consumerPosition } from './bus-audit.ts';
import { closeBooks } from './closing-books.ts';
import { type BacklogSample, backlog, topicsOf } from './drain.ts';
import { FaultInjector, type FaultRecord, faultName, schedule } from './faults.ts';
import { Ledger } from './ledger.ts';
import { OwnInfra } from './own-infra.ts';
import { injectPoison, type Poison } from './poison.ts';
import type { RunReport } from './report.ts';
import { ServiceProcesses } from './service-processes.ts';
import { Workload } from './workload.ts';

export type RunOptions = {
  repo: string;
  events: number;
  timings: number;
  concurrency: number;
  /** Writes started per second, across all clients; 0 for as fast as they are answered. */
  writesPerSecond: number;
  pauseSeconds: number;
  partitions: number;
  /** Where the run keeps its broker, database and logs; removed afterwards unless `keep`. */
  dir: string;
  keep: boolean;
  progress: (line: string) => void;
};

export async function faultRun(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dir = join(options.dir, runId);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const say = (line: string) =>
    options.progress(`[fault-run ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const infra = await OwnInfra.create(options.repo, join(dir, 'infra'));
  say(`own infra: kafka ${infra.kafkaBrokers[0]}, ferretdb ${infra.mongoUrl}, in ${dir}`);
  await infra.start();
  const prefix = `fr.${runId}.`;
  const kafka = createKafka({
    clientId: 'fault-run',
    brokers: infra.kafkaBrokers,
    logger: pino({ level: 'silent' }),
  });
  await ensureTopics(kafka, { prefix, partitions: options.partitions });
  const auth = await createTestAuth();
  const services = new ServiceProcesses({
    logDir: join(dir, 'logs'),
    mongoUrl: infra.mongoUrl,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix: prefix,
    dbPrefix: `fr_${runId}`,
    partitions: options.partitions,
    authEnv: auth.env,
    // Long deadlines: escalations by the clock would be effects of time, not of the writes.
    env: { notifications: { ACK_DEADLINES: 'critical=168h,high=168h,medium=168h,low=168h' } },
  });
  const mongo = new MongoClient(infra.mongoUrl, { serverSelectionTimeoutMS: 60_000 });
  // Interrupted (Ctrl-C, a CI timeout): stop what the run started before leaving.
  const interrupted = async () => {
    await services.stopAll().catch(() => {});
    await infra.stop().catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await services.startAll();
    say('services ready');
    const ledger = new Ledger();
    const api = new Api(services, auth, new Pacer(options.writesPerSecond));
    // Progress is counted in events on the bus (every write makes one or more, and the
    // consumers' alerts and risk scores more): `--events` is that count.
    const bus = new BusCounter(
      kafka,
      eventFamilies.map((family) => topicName(prefix, family)),
    );
    bus.start();
    let faultsDone = false;
    const workload = new Workload(api, ledger, {
      concurrency: options.concurrency,
      enough: () => faultsDone && bus.count >= options.events,
    });
    await workload.prepare();
    await mongo.connect();

    const poison: Poison[] = await injectPoison(kafka, prefix, 'p1');
    const plan = schedule(options.events, options.timings, options.pauseSeconds);
    const admin = kafka.admin();
    const injector = new FaultInjector(infra, services, async (service) => {
      await admin.connect();
      const position = await consumerPosition(admin, `${prefix}${service}`, topicsOf(service, prefix));
      // Only the consumer writes these records, one per event it handled (service-kit consumer).
      const processed = await mongo
        .db(services.dbName(service))
        .collection('processed_events')
        .estimatedDocumentCount();
      return { ...position, processed };
    });
    const faults: FaultRecord[] = [];
    const writing = workload.run();
    // Where a backlog builds: lag per consumer and unpublished commits once a minute while the
    // writes run (a drain that misses its budget starts from whatever built up here).
    const backlogTrace: BacklogSample[] = [];
    const sampling = setInterval(() => {
      backlog(kafka, mongo, prefix, (s) => services.dbName(s))
        .then((now) => {
          const sample = { seconds: Math.round((Date.now() - started) / 1000), events: bus.count, ...now };
          backlogTrace.push(sample);
          say(
            `backlog at ${sample.events} events: lag ${JSON.stringify(now.lagByService)}, ${now.unpublished} unpublished`,
          );
        })
        .catch(() => {}); // a broker or database down for a fault: the next sample will tell
    }, 60_000);
    let lastFaultEnd = Date.now();
    for (const [index, step] of plan.entries()) {
      while (bus.count < step.atEvents) await sleep(200);
      await sleep(step.delayMs);
      const at = Date.now();
      const name = faultName(step.fault);
      say(`fault ${index + 1}/${plan.length}: ${name} at ${bus.count} events, ${ledger.written} writes`);
      const landed = await injector.inject(step.fault);
      lastFaultEnd = Date.now();
      if (landed) say(`  ${name}: ${landed}`);
      faults.push({
        name,
        round: step.round,
        atEvents: bus.count,
        startedAt: new Date(at).toISOString(),
        durationMs: lastFaultEnd - at,
        ...(landed ? { landed } : {}),
      });
      if (index === Math.floor(plan.length / 2)) poison.push(...(await injectPoison(kafka, prefix, 'p2')));
    }
    faultsDone = true;
    await admin.disconnect().catch(() => {});
    await writing;
    clearInterval(sampling);
    bus.stop();
    const lastWriteEnd = Date.now();
    say(`writes done: ${ledger.written} landed; waiting for the drain`);

    const closing = await closeBooks({
      kafka,
      mongo,
      prefix,
      dbName: (s) => services.dbName(s),
      ledger,
      poison,
      logFiles: serviceNames.map((name) => services.logFile(name)),
      lastFaultEnd,
      lastWriteEnd,
      say,
    });
    return {
      runId,
      writesLanded: ledger.written,
      writes: ledger.outcomes,
      failures: Object.fromEntries(ledger.failures),
      retriesByStatus: Object.fromEntries(api.retriesByStatus),
      faults,
      crashes: services.crashes,
      ...closing,
      backlogTrace,
      durationSeconds: (Date.now() - started) / 1000,
      dir,
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await mongo.close().catch(() => {});
    await services.stopAll().catch(() => {});
    await infra.stop().catch(() => {});
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
