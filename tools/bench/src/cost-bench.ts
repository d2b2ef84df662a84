// Cost (issue 11): CPU time and memory of the services' process per thousand events at a steady,
// sustainable rate of registrations, and whether memory grows without bound. The registrations
// go at a fixed rate for the run's duration; the heap is sampled (after a forced GC) ten times,
// and the growth is the least-squares slope over the samples after the first fifth (warm-up).
// A ten-minute memory check is its own command: `npm run bench -- --only cost --duration 600`.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetUsage } from './target/protocol.ts';
import type { Target } from './target-client.ts';

export type MemorySample = { atSeconds: number; rssMb: number; heapUsedMb: number };

export type CostResult = {
  rate: number;
  durationSeconds: number;
  registrations: number;
  failures: number;
  events: number;
  cpuMsPerThousandEvents: number;
  peakRssMb: number;
  samples: MemorySample[];
  heapGrowthMbPerMinute: number;
  /** Heap growth over ten minutes, at the measured slope, below 10 % of the heap and 10 MB. */
  bounded: boolean;
};

/** Least-squares slope of heap over time, in MB per minute, ignoring the first fifth. */
export function heapGrowthMbPerMinute(samples: readonly MemorySample[]): number {
  const steady = samples.slice(Math.floor(samples.length / 5));
  if (steady.length < 2) return 0;
  const meanX = steady.reduce((sum, s) => sum + s.atSeconds, 0) / steady.length;
  const meanY = steady.reduce((sum, s) => sum + s.heapUsedMb, 0) / steady.length;
  let numerator = 0;
  let denominator = 0;
  for (const s of steady) {
    numerator += (s.atSeconds - meanX) * (s.heapUsedMb - meanY);
    denominator += (s.atSeconds - meanX) ** 2;
  }
  return denominator === 0 ? 0 : (numerator / denominator) * 60;
}

export function isBounded(samples: readonly MemorySample[], growthPerMinute: number): boolean {
  const heap = samples.at(-1)?.heapUsedMb ?? 0;
  const tenMinutes = growthPerMinute * 10;
  return tenMinutes < Math.max(10, heap * 0.1);
}

type Api = { url: string; token: string; body: () => unknown };

export async function measureCost(
  target: Target,
  api: Api,
  { rate, durationSeconds }: { rate: number; durationSeconds: number },
): Promise<CostResult> {
  let registrations = 0;
  let failures = 0;
  const register = async () => {
    try {
      const response = await fetch(`${api.url}/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(api.body()),
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      if (response.status === 201) registrations += 1;
      else failures += 1;
    } catch {
      failures += 1;
    }
  };
  const before = await target.usage();
  const started = Date.now();
  const samples: MemorySample[] = [];
  const sample = async () => {
    const usage = await target.usage();
    samples.push({
      atSeconds: (Date.now() - started) / 1_000,
      rssMb: usage.rssMb,
      heapUsedMb: usage.heapUsedMb,
    });
  };
  const sampleEveryMs = (durationSeconds * 1_000) / 10;
  let nextSampleAt = started;
  const sends: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    const dueAt = started + (i * 1_000) / rate;
    if (dueAt >= started + durationSeconds * 1_000) break;
    if (dueAt >= nextSampleAt) {
      nextSampleAt += sampleEveryMs;
      sends.push(sample());
    }
    const wait = dueAt - Date.now();
    if (wait > 0) await sleep(wait);
    sends.push(register());
  }
  await Promise.all(sends);
  await target.drain();
  await sample();
  const after: TargetUsage = await target.usage();
  const events = after.events - before.events;
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
  const growth = heapGrowthMbPerMinute(samples);
  return {
    rate,
    durationSeconds,
    registrations,
    failures,
    events,
    cpuMsPerThousandEvents: events === 0 ? Number.NaN : (cpuMs / events) * 1_000,
    peakRssMb: Math.max(after.peakRssMb, ...samples.map((s) => s.rssMb)),
    samples,
    heapGrowthMbPerMinute: growth,
    bounded: isBounded(samples, growth),
  };
}

export function formatCost(result: CostResult): string {
  const heaps = result.samples.map((s) => s.heapUsedMb.toFixed(0)).join(' → ');
  return [
    `cost (case-intake's process, relay included): ${result.registrations} registrations at ${result.rate.toFixed(1)}/s for ${result.durationSeconds} s, ${result.failures} failed; ${result.events} events published`,
    `  CPU ${result.cpuMsPerThousandEvents.toFixed(0)} ms per 1 000 events; peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    `  heap after GC (MB): ${heaps}; slope ${result.heapGrowthMbPerMinute.toFixed(2)} MB/min → ${result.bounded ? 'bounded' : 'GROWING'}`,
  ].join('\n');
}
