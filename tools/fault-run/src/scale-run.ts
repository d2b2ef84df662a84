// The scale runs (issue 28), beside the fault run and closed with the same books:
// - `instances`: three instances of each service on one broker under a steady stream of writes;
//   one instance of each is killed (-9) mid-batch and stays down. The books, and each consumer
//   group's partitions before and after the kill, and the sweeps' runs on each instance.
// - `cluster`: one instance of each service on a three-node Kafka cluster (replication 3,
//   min.insync.replicas 2); the leader of the busiest partition is killed mid-load and started
//   again later. The books, and the partitions' leaders and in-sync replicas along the way.
// - `drain`: the slowest consumer (regional-monitoring) is stopped while the writes build a
//   backlog, then drains it with one instance; again with three. The two rates, their ratio, and
//   the CPU each part of the platform used during each drain.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventFamilies, topicName } from '@kelisim/contracts/topics';
import { type ServiceName, serviceNames } from '@kelisim/launcher/service-process';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import type { Admin } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { Api, Pacer } from './api.ts';
import { BusCounter, consumerLag, consumerPosition } from './bus-audit.ts';
import { closeBooks } from './closing-books.ts';
import { cpuSeconds, machineTicks, pidsByCommandLine } from './cpu-sample.ts';
import { topicsOf } from './drain.ts';
import { FaultInjector, type FaultRecord } from './faults.ts';
import {
  busiestPartition,
  type GroupAssignment,
  groupAssignment,
  partitionLeaders,
  waitForMembers,
} from './group-assignment.ts';
import { Ledger } from './ledger.ts';
import { OwnInfra } from './own-infra.ts';
import { injectPoison, type Poison } from './poison.ts';
import type { RunReport } from './report.ts';
import { ServiceProcesses } from './service-processes.ts';
import { Workload } from './workload.ts';

export type ScaleMode = 'instances' | 'cluster' | 'drain';

export type ScaleOptions = {
  repo: string;
  mode: ScaleMode;
  /** Events on the bus the run reaches (instances, cluster); writes per backlog (drain). */
  events: number;
  concurrency: number;
  writesPerSecond: number;
  partitions: number;
  dir: string;
  keep: boolean;
  progress: (line: string) => void;
};

export type DrainFigure = {
  instances: number;
  backlog: number;
  seconds: number;
  perSecond: number;
  /** Share of the machine's two cores busy during the drain (every process, ours or not). */
  machineBusy: number;
  cpuSeconds: Record<string, number>;
};

export type ScaleReport = RunReport & {
  mode: ScaleMode;
  /** Per consumer group (instances) or per topic partition (cluster): before and after each fault. */
  assignments: Record<string, unknown>;
  /** Runs of each sweep on each instance (from its /metrics), and the seconds they covered. */
  sweeps?: {
    seconds: number;
    runs: Record<string, Record<string, number>>;
    /** Per job: its runs across the instances, against the periods the window touched. */
    perPeriod: Record<string, { ran: number; skipped: number; periods: number; atMostOnce: boolean }>;
  };
  drains?: DrainFigure[];
};

/** The period of every interval job in `instances`: each ran at most once per period across the instances. */
const sweepMs = 15_000;

/** The slowest consumer (tools/fault-run/README.md, "What the runs found"). */
const slowest: ServiceName = 'regional-monitoring';

export async function scaleRun(options: ScaleOptions): Promise<ScaleReport> {
  const started = Date.now();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dir = join(options.dir, runId);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const say = (line: string) =>
    options.progress(`[scale-run ${options.mode} ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const infra = await OwnInfra.create(options.repo, join(dir, 'infra'), {
    kafkaNodes: options.mode === 'cluster' ? 3 : 1,
  });
  say(`own infra: kafka ${infra.kafkaBrokers.join(',')}, ferretdb ${infra.mongoUrl}, in ${dir}`);
  await infra.start().catch(async (error: unknown) => {
    await infra.stop().catch(() => {});
    throw error;
  });
  const prefix = `sr.${runId}.`;
  const kafka = createKafka({
    clientId: 'scale-run',
    brokers: infra.kafkaBrokers,
    logger: pino({ level: 'silent' }),
  });
  await ensureTopics(kafka, { prefix, partitions: options.partitions });
  const auth = await createTestAuth();
  const instanceNames = options.mode === 'cluster' ? ['a'] : ['a', 'b', 'c'];
  const sets: ServiceProcesses[] = [];
  for (const instance of instanceNames)
    sets.push(
      new ServiceProcesses({
        logDir: join(dir, 'logs'),
        mongoUrl: infra.mongoUrl,
        kafkaBrokers: infra.kafkaBrokers,
        topicPrefix: prefix,
        dbPrefix: `sr_${runId}`,
        partitions: options.partitions,
        authEnv: auth.env,
        env: {
          notifications: {
            ACK_DEADLINES: 'critical=168h,high=168h,medium=168h,low=168h',
            ...(options.mode === 'instances'
              ? { ESCALATION_SWEEP_INTERVAL_MS: `${sweepMs}`, DELIVERY_RETRY_INTERVAL_MS: `${sweepMs}` }
              : {}),
          },
          // Every job each 15 s, so that a short run sees several periods of each on each instance.
          ...(options.mode === 'instances'
            ? {
                'case-intake': {
                  FOLLOW_UP_SWEEP_INTERVAL_MS: `${sweepMs}`,
                  RETENTION_SWEEP_INTERVAL_MS: `${sweepMs}`,
                },
                'mediator-training': { EXPIRY_SWEEP_INTERVAL_MS: `${sweepMs}` },
                'regional-monitoring': {
                  OVERDUE_SWEEP_SECONDS: `${sweepMs / 1000}`,
                  RISK_REFRESH_SECONDS: `${sweepMs / 1000}`,
                },
              }
            : {}),
        },
        instance,
        ...(sets[0] ? { secrets: sets[0].secrets } : {}),
      }),
    );
  const [first] = sets as [ServiceProcesses];
  const dbName = (s: ServiceName) => first.dbName(s);
  const mongo = new MongoClient(infra.mongoUrl, { serverSelectionTimeoutMS: 60_000 });
  const admin = kafka.admin();
  const stopEverything = async () => {
    await admin.disconnect().catch(() => {});
    await mongo.close().catch(() => {});
    await Promise.all(sets.map((set) => set.stopAll().catch(() => {})));
    await infra.stop().catch(() => {});
  };
  const interrupted = async () => {
    await stopEverything();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // One process after the other, so that they do not all compile at once on two busy cores
    // (four at once missed the 180 s start budget at a load average of 50). In `drain`, the
    // other instances hold only the slowest consumer, started when its drain is timed.
    for (const name of serviceNames) await first.start(name);
    for (const set of sets.slice(1)) {
      if (options.mode === 'drain') continue;
      for (const name of serviceNames) await set.start(name);
    }
    say(`services ready: ${sets.length} instance(s) of each`);
    await admin.connect();
    await mongo.connect();
    const ledger = new Ledger();
    const api = new Api(first, auth, new Pacer(options.mode === 'drain' ? 0 : options.writesPerSecond));
    const bus = new BusCounter(
      kafka,
      eventFamilies.map((family) => topicName(prefix, family)),
    );
    bus.start();
    const poison: Poison[] = await injectPoison(kafka, prefix, 'p1');
    const faults: FaultRecord[] = [];
    const assignments: Record<string, unknown> = {};
    const report: Pick<ScaleReport, 'sweeps' | 'drains'> = {};
    let lastFaultEnd = Date.now();
    let faultsDone = false;
    let target = 0;
    const workload = new Workload(api, ledger, {
      concurrency: options.concurrency,
      enough: () =>
        options.mode === 'drain' ? ledger.written >= target : faultsDone && bus.count >= options.events,
      visits: options.mode !== 'drain',
    });
    await workload.prepare();
    const fault = async (name: string, act: () => Promise<string | undefined>) => {
      const at = Date.now();
      say(`fault: ${name} at ${bus.count} events, ${ledger.written} writes`);
      const landed = await act();
      lastFaultEnd = Date.now();
      if (landed) say(`  ${name}: ${landed}`);
      faults.push({
        name,
        round: 0,
        atEvents: bus.count,
        startedAt: new Date(at).toISOString(),
        durationMs: lastFaultEnd - at,
        ...(landed ? { landed } : {}),
      });
    };
    const groups = async () =>
      Object.fromEntries(
        await Promise.all(
          serviceNames.map(async (s) => [s, await groupAssignment(admin, `${prefix}${s}`, prefix)] as const),
        ),
      );

    if (options.mode === 'instances') {
      const writing = workload.run();
      while (bus.count < options.events / 2) await sleep(200);
      assignments.before = await groups();
      const sweepsFrom = Date.now();
      const sweepsBefore = await sweepRuns(sets, instanceNames);
      const [, second] = sets as [ServiceProcesses, ServiceProcesses];
      const injector = new FaultInjector(infra, second, (service) =>
        flowOf(admin, mongo, prefix, service, dbName),
      );
      // Instance b's runs up to its kill count too: a period it ran is one the others must skip.
      const sweepsOfB = await sweepRuns([second], ['b']);
      for (const service of serviceNames)
        await fault(`kill -9 ${service} (instance b, stays down)`, () =>
          injector.inject({ kind: 'kill', service, stayDown: true }),
        );
      // A member killed -9 leaves its group when its session times out (kafkajs: 30 s).
      const after: Record<string, GroupAssignment & { afterMs: number }> = {};
      for (const service of serviceNames)
        after[service] = await waitForMembers(admin, `${prefix}${service}`, prefix, 2, 90_000);
      assignments.after = after;
      poison.push(...(await injectPoison(kafka, prefix, 'p2')));
      faultsDone = true;
      await writing;
      const sweepsAfter = {
        ...sweepsOfB,
        ...(await sweepRuns(
          sets.filter((set) => set !== second),
          instanceNames.filter((name) => name !== 'b'),
        )),
      };
      const seconds = (Date.now() - sweepsFrom) / 1000;
      const runs = Object.fromEntries(
        Object.entries(sweepsAfter).map(([key, counts]) => [key, minus(counts, sweepsBefore[key] ?? {})]),
      );
      report.sweeps = { seconds: Math.round(seconds), runs, perPeriod: oncePerPeriod(runs, seconds) };
    }

    if (options.mode === 'cluster') {
      const writing = workload.run();
      const cases = topicName(prefix, 'cases');
      while (bus.count < options.events / 3) await sleep(200);
      const busiest = await busiestPartition(admin, cases);
      assignments.before = { busiest, leaders: await partitionLeaders(admin, cases), groups: await groups() };
      await fault(`kill -9 kafka node ${busiest.leader} (leader of cases:${busiest.partition})`, async () => {
        process.kill(infra.kafkaNodePid(busiest.leader), 'SIGKILL');
        return undefined;
      });
      // The controllers fence a silent node after its session (9 s by default): wait until the
      // metadata shows the leadership moved off it, or 60 s.
      const downSince = Date.now();
      let whileDown: Record<number, string> = {};
      while (Date.now() - downSince < 60_000) {
        whileDown = await partitionLeaders(admin, cases).catch(() => whileDown);
        const leaders = Object.values(whileDown);
        if (leaders.length > 0 && !leaders.some((l) => l.startsWith(`leader ${busiest.leader},`))) break;
        await sleep(1_000);
      }
      assignments.whileDown = { afterSeconds: (Date.now() - downSince) / 1000, leaders: whileDown };
      while (bus.count < (options.events * 2) / 3) await sleep(200);
      await fault(`start kafka node ${busiest.leader} again`, async () => {
        await infra.startMissing('kafka');
        return undefined;
      });
      // Back in sync: every partition's in-sync replicas are the three nodes again.
      const until = Date.now() + 120_000;
      let leaders = await partitionLeaders(admin, cases);
      while (Date.now() < until && !Object.values(leaders).every((l) => l.endsWith('isr [1,2,3]'))) {
        await sleep(1_000);
        leaders = await partitionLeaders(admin, cases);
      }
      assignments.afterRestart = { leaders, groups: await groups() };
      faultsDone = true;
      await writing;
    }

    if (options.mode === 'drain') {
      const drains: DrainFigure[] = [];
      for (const count of [1, 3]) {
        await first.signal(slowest, 'SIGTERM');
        target = ledger.written + options.events;
        await workload.run();
        // Every commit published: the backlog is all on the bus before the drain starts.
        await waitUntil(async () => (await unpublished(mongo, dbName)) === 0, 120_000);
        const figure = await timedDrain(admin, prefix, infra, sets.slice(0, count), count);
        say(
          `drain with ${count}: ${figure.backlog} messages in ${figure.seconds.toFixed(1)} s, ${figure.perSecond.toFixed(1)}/s`,
        );
        drains.push(figure);
        for (const set of sets.slice(1, count)) await set.signal(slowest, 'SIGTERM');
      }
      report.drains = drains;
    }

    bus.stop();
    const lastWriteEnd = Date.now();
    say(`writes done: ${ledger.written} landed; waiting for the drain`);
    const closing = await closeBooks({
      kafka,
      mongo,
      prefix,
      dbName,
      ledger,
      poison,
      logFiles: sets.flatMap((set) => serviceNames.map((name) => set.logFile(name))).filter(exists),
      lastFaultEnd,
      lastWriteEnd,
      say,
    });
    return {
      mode: options.mode,
      runId,
      writesLanded: ledger.written,
      writes: ledger.outcomes,
      failures: Object.fromEntries(ledger.failures),
      retriesByStatus: Object.fromEntries(api.retriesByStatus),
      faults,
      crashes: sets.flatMap((set) => set.crashes),
      ...closing,
      backlogTrace: [],
      assignments,
      ...report,
      durationSeconds: (Date.now() - started) / 1000,
      dir,
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await stopEverything();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function exists(file: string): boolean {
  try {
    readFileSync(file, { flag: 'r' });
    return true;
  } catch {
    return false;
  }
}

async function flowOf(
  admin: Admin,
  mongo: MongoClient,
  prefix: string,
  service: ServiceName,
  dbName: (s: ServiceName) => string,
) {
  const position = await consumerPosition(admin, `${prefix}${service}`, topicsOf(service, prefix));
  const processed = await mongo.db(dbName(service)).collection('processed_events').estimatedDocumentCount();
  return { ...position, processed };
}

/**
 * Each job's runs across the instances against the periods the window touched (a window of `w`
 * seconds touches at most `floor(w / period) + 1` of them): at most one run per period.
 */
function oncePerPeriod(
  runs: Record<string, Record<string, number>>,
  seconds: number,
): Record<string, { ran: number; skipped: number; periods: number; atMostOnce: boolean }> {
  const periods = Math.floor((seconds * 1000) / sweepMs) + 1;
  const byJob: Record<string, { ran: number; skipped: number; periods: number; atMostOnce: boolean }> = {};
  for (const counts of Object.values(runs))
    for (const [key, count] of Object.entries(counts)) {
      const [job, outcome] = key.split('/') as [string, string];
      const entry = byJob[job] ?? { ran: 0, skipped: 0, periods, atMostOnce: true };
      if (outcome === 'ran') entry.ran += count;
      if (outcome === 'skipped') entry.skipped += count;
      entry.atMostOnce = entry.ran <= periods;
      byJob[job] = entry;
    }
  return byJob;
}

/** `kelisim_sweep_runs_total` by "sweep/outcome", per running instance ("service/instance"). */
async function sweepRuns(
  sets: ServiceProcesses[],
  names: string[],
): Promise<Record<string, Record<string, number>>> {
  const runs: Record<string, Record<string, number>> = {};
  for (const [index, set] of sets.entries()) {
    for (const service of serviceNames) {
      const page = await fetch(`${set.url(service)}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      const counts: Record<string, number> = {};
      for (const [, labels = '', value] of page.matchAll(/^kelisim_sweep_runs_total\{([^}]*)\} (\d+)/gm)) {
        const sweep = /sweep="([^"]+)"/.exec(labels)?.[1];
        const outcome = /outcome="([^"]+)"/.exec(labels)?.[1];
        if (sweep && outcome) counts[`${sweep}/${outcome}`] = Number(value);
      }
      runs[`${service}/${names[index]}`] = counts;
    }
  }
  return runs;
}

function minus(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

async function unpublished(mongo: MongoClient, dbName: (s: ServiceName) => string): Promise<number> {
  let count = 0;
  for (const service of serviceNames) {
    const db = mongo.db(dbName(service));
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
      if (name.endsWith('_outbox')) count += await db.collection(name).countDocuments({});
  }
  return count;
}

async function waitUntil(check: () => Promise<boolean>, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until && !(await check().catch(() => false))) await sleep(500);
}

/**
 * Starts `count` instances of the slowest consumer on its backlog and times the drain: from the
 * first sample that shows the lag falling to the one that finds it at zero, so that the start of
 * the processes is not counted. The CPU each part used in that window says what bound it.
 */
async function timedDrain(
  admin: Admin,
  prefix: string,
  infra: OwnInfra,
  sets: ServiceProcesses[],
  count: number,
): Promise<DrainFigure> {
  const group = `${prefix}${slowest}`;
  const topics = topicsOf(slowest, prefix);
  const backlog = await consumerLag(admin, group, topics);
  const startedAt = Date.now();
  await Promise.all(sets.map((set) => set.start(slowest)));
  let lag = await consumerLag(admin, group, topics);
  while (lag >= backlog) {
    await sleep(100);
    lag = await consumerLag(admin, group, topics);
  }
  // A backlog worked off before the first sample (a small one, while the processes became
  // ready): timed from the start of the processes, so the rate is a lower bound.
  const from = lag === 0 ? startedAt : Date.now();
  const fromLag = lag === 0 ? backlog : lag;
  const parts = cpuParts(infra, sets);
  const cpuBefore = Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f()]));
  const machineBefore = machineTicks();
  while (lag > 0) {
    await sleep(100);
    lag = await consumerLag(admin, group, topics).catch(() => lag);
  }
  const seconds = (Date.now() - from) / 1000;
  const machineAfter = machineTicks();
  return {
    instances: count,
    backlog,
    seconds,
    perSecond: fromLag / seconds,
    machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    cpuSeconds: Object.fromEntries(
      Object.entries(parts).map(([k, f]) => [k, Number((f() - (cpuBefore[k] ?? 0)).toFixed(1))]),
    ),
  };
}

function cpuParts(infra: OwnInfra, sets: ServiceProcesses[]): Record<string, () => number> {
  const pidFile = (part: string) => Number(readFileSync(join(infra.dir, part, `${part}.pid`), 'utf8').trim());
  const pids = (list: number[]) => () =>
    list.reduce((sum, pid) => sum + cpuSeconds(pid, { children: true }), 0);
  return {
    [slowest]: pids(sets.map((set) => set.pid(slowest)).filter((pid): pid is number => pid !== undefined)),
    ferretdb: pids([pidFile('ferretdb')]),
    postgresql: pids(pidsByCommandLine(`-p ${infra.ports.postgres} `).slice(0, 1)),
    kafka: pids([pidFile('kafka')]),
  };
}
