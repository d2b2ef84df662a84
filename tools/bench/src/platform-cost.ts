// Cost of each service (issue 11): the four services as separate processes, as in production,
// under the fault run's workload (cases registered and escalated, mediators certified, visits
// reviewed) at a steady rate and with no faults. For each process: CPU time per thousand events
// it handled (the events it published plus those its consumer group read), its peak RSS, and the
// slope of its RSS over the steady part of the run. CPU comes from /proc/<pid>/stat, so this runs
// on Linux only. `npm run bench -- --only platform-cost --duration 600` is the ten-minute check.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventFamily, topicName } from '@kelisim/contracts/topics';
import { Api, Pacer } from '@kelisim/fault-run/api';
import { consumerLag } from '@kelisim/fault-run/bus-audit';
import { topicsOf } from '@kelisim/fault-run/drain';
import { Ledger } from '@kelisim/fault-run/ledger';
import { ServiceProcesses } from '@kelisim/fault-run/service-processes';
import { Workload } from '@kelisim/fault-run/workload';
import { type ServiceName, serviceNames } from '@kelisim/launcher/service-process';
import { ensureTopics } from '@kelisim/service-kit/kafka';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import type { Admin, Kafka } from 'kafkajs';
import { heapGrowthMbPerMinute, isBounded, type MemorySample } from './cost-bench.ts';

/** The family each service publishes (its relay's topic). */
const publishes: Record<ServiceName, EventFamily> = {
  'case-intake': 'cases',
  'mediator-training': 'mediators',
  'regional-monitoring': 'monitoring',
  notifications: 'alerts',
};

export type ServiceCost = {
  service: ServiceName;
  events: number;
  cpuMs: number;
  cpuMsPerThousandEvents: number;
  peakRssMb: number;
  rssGrowthMbPerMinute: number;
  /**
   * The V8 heap's slope (its /metrics gauge): a heap that grows is a leak in the code; an RSS
   * that grows over a flat heap is memory outside it (buffers, the allocator keeping pages).
   */
  heapGrowthMbPerMinute: number;
  /** The heap's slope held over ten minutes stays under `cost`'s bound (`isBounded`). */
  memoryBounded: boolean;
};

export type PlatformCost = {
  writesPerSecond: number;
  durationSeconds: number;
  writes: number;
  services: ServiceCost[];
};

/** Linux's clock ticks per second for /proc times (`getconf CLK_TCK`): 100 on every kernel here. */
const ticksPerSecond = 100;

async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1_000) / ticksPerSecond;
}

async function memoryOf(pid: number): Promise<{ rssMb: number; peakRssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** The V8 heap in use, from a Prometheus text page (prom-client's default gauges, any labels). */
export function heapUsedMbFrom(metrics: string): number | undefined {
  const line = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(metrics);
  return line ? Number(line[1]) / 2 ** 20 : undefined;
}

async function heapUsedMbOf(baseUrl: string): Promise<number | undefined> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
  return heapUsedMbFrom(await response.text());
}

async function published(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0);
}

/** Events a service has handled so far: published on its family, read by its consumer group. */
async function handled(admin: Admin, prefix: string, service: ServiceName): Promise<number> {
  let read = 0;
  for (const topic of topicsOf(service, prefix)) {
    const total = await published(admin, topic);
    read += total - (await consumerLag(admin, `${prefix}${service}`, [topic]));
  }
  return read + (await published(admin, topicName(prefix, publishes[service])));
}

export type PlatformOptions = {
  kafka: Kafka;
  mongoUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  dbPrefix: string;
};

/** The four services as separate processes, on topics and databases of their own. */
export async function startPlatform(options: PlatformOptions) {
  await ensureTopics(options.kafka, { prefix: options.topicPrefix, partitions: 3 });
  const auth = await createTestAuth();
  const services = new ServiceProcesses({
    logDir: await mkdtemp(join(tmpdir(), 'kelisim-platform-')),
    mongoUrl: options.mongoUrl,
    kafkaBrokers: options.kafkaBrokers,
    topicPrefix: options.topicPrefix,
    dbPrefix: options.dbPrefix,
    partitions: 3,
    authEnv: auth.env,
  });
  await services.startAll();
  return { auth, services };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Measures a running platform (see `startPlatform`); the caller stops it. */
export async function measurePlatformCost(
  { auth, services }: Platform,
  options: { kafka: Kafka; topicPrefix: string; writesPerSecond: number; durationSeconds: number },
): Promise<PlatformCost> {
  const { kafka, topicPrefix: prefix } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ledger = new Ledger();
    const api = new Api(services, auth, new Pacer(options.writesPerSecond));
    const warmUpMs = Math.max(10_000, (options.durationSeconds * 1_000) / 5);
    const endAt = Date.now() + warmUpMs + options.durationSeconds * 1_000;
    const workload = new Workload(api, ledger, { concurrency: 8, enough: () => Date.now() >= endAt });
    await workload.prepare();
    const writing = workload.run();
    // Steady state: measured after the warm-up, so start-up and JIT are not in the figures.
    await sleep(warmUpMs);
    const pidOf = (service: ServiceName) => {
      const pid = services.pid(service);
      if (pid === undefined) throw new Error(`${service} is not running`);
      return pid;
    };
    const start = new Map<ServiceName, { cpuMs: number; events: number }>();
    for (const service of serviceNames) {
      start.set(service, {
        cpuMs: await cpuMsOf(pidOf(service)),
        events: await handled(admin, prefix, service),
      });
    }
    const startedAt = Date.now();
    // The slope helper reads `heapUsedMb`: one series holds the RSS there, the other the heap.
    const rss = new Map<ServiceName, MemorySample[]>(serviceNames.map((s) => [s, []]));
    const heap = new Map<ServiceName, MemorySample[]>(serviceNames.map((s) => [s, []]));
    while (Date.now() < endAt) {
      for (const service of serviceNames) {
        const { rssMb } = await memoryOf(pidOf(service));
        const atSeconds = (Date.now() - startedAt) / 1_000;
        rss.get(service)?.push({ atSeconds, rssMb, heapUsedMb: rssMb });
        const heapUsedMb = await heapUsedMbOf(services.url(service)).catch(() => undefined);
        if (heapUsedMb !== undefined) heap.get(service)?.push({ atSeconds, rssMb, heapUsedMb });
      }
      await sleep(2_000);
    }
    await writing;
    // What the writes set off downstream (alerts, risk scores) belongs to the same thousand events.
    for (let i = 0; i < 30; i++) {
      let lag = 0;
      for (const service of serviceNames)
        lag += await consumerLag(admin, `${prefix}${service}`, topicsOf(service, prefix));
      if (lag === 0) break;
      await sleep(1_000);
    }
    const costs: ServiceCost[] = [];
    for (const service of serviceNames) {
      const before = start.get(service) as { cpuMs: number; events: number };
      const cpuMs = (await cpuMsOf(pidOf(service))) - before.cpuMs;
      const events = (await handled(admin, prefix, service)) - before.events;
      costs.push({
        service,
        events,
        cpuMs: Math.round(cpuMs),
        cpuMsPerThousandEvents: events > 0 ? Math.round((cpuMs * 1_000) / events) : Number.NaN,
        peakRssMb: Math.round((await memoryOf(pidOf(service))).peakRssMb),
        rssGrowthMbPerMinute: heapGrowthMbPerMinute(rss.get(service) ?? []),
        ...heapVerdict(heap.get(service) ?? []),
      });
    }
    return {
      writesPerSecond: options.writesPerSecond,
      durationSeconds: options.durationSeconds,
      writes: ledger.written,
      services: costs,
    };
  } finally {
    await admin.disconnect();
  }
}

/** No samples (a /metrics page without the gauge) must not read as a flat heap. */
function heapVerdict(samples: MemorySample[]): { heapGrowthMbPerMinute: number; memoryBounded: boolean } {
  if (samples.length < 10) return { heapGrowthMbPerMinute: Number.NaN, memoryBounded: false };
  const slope = heapGrowthMbPerMinute(samples);
  return { heapGrowthMbPerMinute: slope, memoryBounded: isBounded(samples, slope) };
}

/** The databases the run's services wrote, to drop afterwards. */
export function platformDatabases(dbPrefix: string): string[] {
  return serviceNames.map((name) => `${dbPrefix}_${name.split('-')[0]}`);
}

export function formatPlatformCost(cost: PlatformCost): string {
  const rows = cost.services.map(
    (s) =>
      `${s.service.padEnd(20)} ${String(s.events).padStart(7)} ${String(s.cpuMs).padStart(8)} ${String(s.cpuMsPerThousandEvents).padStart(12)} ${String(s.peakRssMb).padStart(9)} ${s.rssGrowthMbPerMinute.toFixed(2).padStart(12)} ${s.heapGrowthMbPerMinute.toFixed(2).padStart(13)} ${(s.memoryBounded ? 'yes' : 'no').padStart(8)}`,
  );
  return [
    `platform cost: ${cost.writes} writes at ${cost.writesPerSecond}/s, ${cost.durationSeconds} s measured after the warm-up`,
    `${'service'.padEnd(20)} ${'events'.padStart(7)} ${'CPU ms'.padStart(8)} ${'ms/1000 ev'.padStart(12)} ${'peak RSS'.padStart(9)} ${'RSS MB/min'.padStart(12)} ${'heap MB/min'.padStart(13)} ${'bounded'.padStart(8)}`,
    ...rows,
  ].join('\n');
}
